"""The national entries' patterns on representative URLs (no network): the union sections are crawled,
articles first, and the rest of the newspaper is never requested."""

from __future__ import annotations

import pytest

from crawler.registry import NATIONAL, load_registry

SITES = {s.slug: s for s in load_registry()}

LAODONG = "laodong-congdoan"
# (url, kind): kind is the pattern that must match; "deny" also means article/listing must not.
LAODONG_URLS = [
    ("https://laodong.vn/cong-doan/mua-do-den-tiep-suc-cho-1800-lao-dong-chong-nong-1234134.ldo", "article"),
    ("https://laodong.vn/cong-doan/nguoi-lao-dong-tre-doi-mat-nhieu-ap-luc-moi-1659456.ldo", "article"),
    ("https://laodong.vn/cong-doan/thanh-nien-cong-nhan-soi-noi-tham-gia-san-choi-1711578.ldo", "article"),
    ("https://laodong.vn/cong-doan-toan-quoc/cong-doan-nganh-giao-duc-tang-qua-1300000.ldo", "article"),
    ("https://laodong.vn/ldld-hoa-binh/cong-doan-hoa-binh-doi-moi-hoat-dong-trong-tinh-hinh-moi-998550.ldo",
     "article"),
    ("https://laodong.vn/cong-doan/tang-ca-va-bai-toan-gia-dinh-con-cai-1198642.bld", "article"),
    ("https://laodong.vn/cong-doan/", "listing"),
    ("https://laodong.vn/cong-doan?page=3", "listing"),
    ("https://laodong.vn/vi-loi-ich-doan-vien/", "listing"),
    ("https://laodong.vn/ldld-thanh-hoa", "listing"),
    ("https://laodong.vn/thoi-su/", "deny"),
    ("https://laodong.vn/su-kien-binh-luan/lao-dong-tro-lai-sau-tet-1659110.ldo", "deny"),
    ("https://laodong.vn/xa-hoi/song-toi-thieu-o-do-thi-ngay-cang-kho-1659788.ldo", "deny"),
    ("https://laodong.vn/the-gioi/", "deny"),
    ("https://laodong.vn/congdoan-gia-mao/bai-1.ldo", "deny"),
    ("https://laodong.vn/cong-doanx/bai-1.ldo", "deny"),
    ("https://laodong.vn/", "deny"),
    ("https://laodong.vn/sitemaps/news.xml", "deny"),
    ("https://laodong.vn/cong-doan/anh-1.jpg", "deny"),
]
TONGLDLD = "tongldld"
TONGLDLD_URLS = [
    ("https://doan-vien.congdoan.vn/tin-tuc/guong-lao-dong-sang-tao-506/khen-thuong-20-can-bo-cong-doan-khu-kinh-"
     "te-tay-ninh-879720.tld", "article"),
    ("https://www.congdoan.vn/thoi-su/ldld-tinh-ha-tinh-to-chuc-hoi-nghi-32477.tld", "article"),
    ("https://doan-vien.congdoan.vn/tin-tuc/guong-lao-dong-sang-tao-506", "listing"),
    ("https://doan-vien.congdoan.vn/tin-tuc/guong-lao-dong-sang-tao-506?page=2", "listing"),
    ("https://www.congdoan.vn/tim-kiem?q=cong-doan", "deny"),
    ("https://www.congdoan.vn/thoi-su/bao-cao-2024.pdf", "deny"),
]


@pytest.mark.parametrize(("slug", "url", "kind"), [(LAODONG, u, k) for u, k in LAODONG_URLS]
                         + [(TONGLDLD, u, k) for u, k in TONGLDLD_URLS])
def test_national_patterns(slug: str, url: str, kind: str) -> None:
    site = SITES[slug]
    assert site.owns(url)
    if kind == "deny":
        assert site.matches("deny", url)
        return
    assert not site.matches("deny", url)
    assert site.matches(kind, url)
    other = "listing" if kind == "article" else "article"
    assert not site.matches(other, url)


def test_national_entries_reach_robots_and_are_national() -> None:
    laodong = SITES[LAODONG]
    assert not laodong.matches("deny", "https://laodong.vn/robots.txt")
    assert not laodong.matches("deny", "https://laodong.vn/rss/cong-doan.rss")
    assert not laodong.owns("https://news.laodong.vn/cong-doan/3-khoang-trong-1570470.ldo")  # English edition
    assert laodong.province == NATIONAL and SITES[TONGLDLD].province == NATIONAL
