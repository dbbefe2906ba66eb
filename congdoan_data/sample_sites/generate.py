"""Generate the sample union sites and their gold labels (seeded, deterministic).

Run ``python tests/sample_sites/generate.py`` to rewrite ``tests/sample_sites/sites/`` and ``gold/``;
``--out DIR`` writes ``DIR/sites`` and ``DIR/gold`` instead (the determinism test uses it).
Gold labels come from the Article objects the generator rendered, never from an extractor.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from content import (  # noqa: E402
    TOPICS,
    VN_TZ,
    Article,
    Block,
    make_article,
    make_english_article,
    make_monthly_report,
)
from legacy_encodings import encode_cp1258, encode_tcvn3, tcvn3_encodable  # noqa: E402
from templates import FAMILIES, Category, Entry, Family, SiteData, esc  # noqa: E402

HERE = Path(__file__).resolve().parent
PER_PAGE = 3
HTML_UTF8 = "text/html; charset=utf-8"


def slugify(text: str, max_words: int = 10) -> str:
    """ASCII URL slug of Vietnamese text."""
    t = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", t)
    return "-".join(words[:max_words])


@dataclass
class SitePlan:
    """Per-site choices: identity, categories and which special pages it carries."""

    slug: str
    province: str
    domain: str
    name: str
    categories: list[str]
    n_articles: int = 6
    features: set[str] = field(default_factory=set)

    @property
    def family(self) -> str:
        return self.slug.split("-")[0]

    @property
    def variant(self) -> str:
        return self.slug.split("-")[1]


PLANS = [
    SitePlan("php-a", "Bắc Kạn", "congdoanbackan.org.vn", "Liên đoàn Lao động tỉnh Bắc Kạn",
             ["Tin tức - Sự kiện", "Hoạt động công đoàn cơ sở"], 6, {"short", "internal", "dead_link", "search"}),
    SitePlan("php-b", "Hà Tĩnh", "congdoanhatinh.org.vn", "Liên đoàn Lao động tỉnh Hà Tĩnh",
             ["Tin hoạt động", "Chính sách pháp luật", "Nữ công"], 6, {"republished", "gallery", "stray_byte"}),
    SitePlan("joomla-a", "Lạng Sơn", "liendoanlaodong.langson.gov.vn", "Liên đoàn Lao động tỉnh Lạng Sơn",
             ["Tin tức", "Hoạt động các cấp công đoàn"], 5, {"monthly", "print", "error500", "rss_joomla"}),
    SitePlan("joomla-b", "Bắc Giang", "ldld.bacgiang.gov.vn", "Liên đoàn Lao động tỉnh Bắc Giang",
             ["Tin tức - Sự kiện", "Tư vấn pháp luật"], 6, {"contact"}),
    SitePlan("wordpress-a", "Bình Dương", "congdoanbinhduong.org.vn", "Liên đoàn Lao động tỉnh Bình Dương",
             ["Tin tức", "Chăm lo đoàn viên"], 6, {"tracking", "feed", "sitemap", "wp404", "login"}),
    SitePlan("wordpress-b", "Bà Rịa - Vũng Tàu", "congdoanbrvt.org.vn",
             "Liên đoàn Lao động tỉnh Bà Rịa - Vũng Tàu", ["Hoạt động công đoàn", "Văn hóa - Thể thao"], 6,
             {"nfd", "feed", "sitemap"}),
    SitePlan("nukeviet-a", "Cao Bằng", "ldld.caobang.gov.vn", "Liên đoàn Lao động tỉnh Cao Bằng",
             ["Tin hoạt động", "Tuyên giáo - Nữ công"], 6, {"full_ledes", "seek", "redirect_vi", "contact"}),
    SitePlan("nukeviet-b", "Điện Biên", "congdoandienbien.org.vn", "Liên đoàn Lao động tỉnh Điện Biên",
             ["Liên đoàn Lao động tỉnh", "Các chuyên đề"], 6, {"sitemap", "about", "redirect_vi"}),
    SitePlan("liferay-a", "Đắk Lắk", "ldld.daklak.gov.vn", "Liên đoàn Lao động tỉnh Đắk Lắk",
             ["Tin hoạt động", "Chính sách mới"], 6, {"root_redirect", "contact"}),
    SitePlan("liferay-b", "Hà Giang", "congdoan.hagiang.gov.vn", "Liên đoàn Lao động tỉnh Hà Giang",
             ["Tin tức", "Văn bản - Chỉ đạo"], 6, {"login"}),
    SitePlan("aspnet-a", "Đồng Nai", "ldld.dongnai.gov.vn", "Liên đoàn Lao động tỉnh Đồng Nai",
             ["Tin công đoàn", "Chính sách - Pháp luật"], 6, {"english", "pdf", "sisters", "contact"}),
    SitePlan("aspnet-b", "Quảng Bình", "ldld.quangbinh.gov.vn", "Liên đoàn Lao động tỉnh Quảng Bình",
             ["Hoạt động công đoàn", "Tin tổng hợp"], 6, {"orphan", "pdf", "search", "all_date_only"}),
    SitePlan("legacy-a", "Tây Ninh", "congdoan.tayninh.gov.vn", "Liên đoàn Lao động tỉnh Tây Ninh",
             ["Tin hoạt động", "Tin tổng hợp"], 6, {"tcvn3", "contact"}),
    SitePlan("legacy-b", "Cà Mau", "congdoancamau.org.vn", "Liên đoàn Lao động tỉnh Cà Mau",
             ["Hoạt động", "Tin tức - Sự kiện"], 6, {"oversized", "garbage", "pdf", "no_robots"}),
    SitePlan("newspaper-a", "Kiên Giang", "kiengiang.laodong.vn", "Báo Lao Động - Công đoàn Kiên Giang",
             ["Công đoàn", "Vì lợi ích đoàn viên"], 6, {"long", "original", "feed_rss", "sitemap"}),
    SitePlan("newspaper-b", "Thanh Hóa", "congdoanthanhhoa.laodong.vn", "Báo Lao Động - Công đoàn Thanh Hóa",
             ["Công đoàn", "Thiết chế công đoàn"], 6, {"old_redirect", "search"}),
]

REPUBLISHED_FROM = "newspaper-a"


# --- URL schemes ---------------------------------------------------------------------------------------------


def cat_paths(slug: str, cat: Category, n_pages: int) -> list[str]:
    """Listing page paths of one category (page 1 first)."""
    fam, var = slug.split("-")
    c, n = cat.slug, cat.num
    first, nxt = {
        ("php", "a"): (f"/tin-tuc/{c}.html", f"/tin-tuc/{c}.html?page={{p}}"),
        ("php", "b"): (f"/chuyen-muc/{c}", f"/chuyen-muc/{c}/trang-{{p}}"),
        ("joomla", "a"): (f"/index.php/{c}/itemlist/category/{n}-{c}", f"/index.php/{c}/itemlist/category/{n}-{c}"
                          f"?start={{s}}"),
        ("joomla", "b"): (f"/index.php?option=com_content&view=category&id={n}&Itemid={100 + n}",
                          f"/index.php?option=com_content&view=category&id={n}&Itemid={100 + n}&limitstart={{s}}"),
        ("wordpress", "a"): (f"/category/{c}/", f"/category/{c}/page/{{p}}/"),
        ("wordpress", "b"): (f"/chuyen-muc/{c}/", f"/chuyen-muc/{c}/page/{{p}}/"),
        ("nukeviet", "a"): (f"/vi/news/{c}/", f"/vi/news/{c}/page-{{p}}"),
        ("nukeviet", "b"): (f"/news/{c}/", f"/news/{c}/page-{{p}}"),
        ("liferay", "a"): (f"/web/guest/{c}", f"/web/guest/{c}?p_p_id=101_INSTANCE_Xk{n}Lp&_101_INSTANCE_Xk{n}Lp"
                           f"_cur={{p}}"),
        ("liferay", "b"): (f"/tin-tuc?catId={n}", f"/tin-tuc?catId={n}&page={{p}}"),
        ("aspnet", "a"): (f"/News.aspx?Cat={n}", f"/News.aspx?Cat={n}&Page={{p}}"),
        ("aspnet", "b"): (f"/tin-tuc/danh-sach.aspx?Cat={n}", f"/tin-tuc/danh-sach.aspx?Cat={n}&Page={{p}}"),
        ("legacy", "a"): (f"/tintuc/danhmuc.asp?cat={n}", f"/tintuc/danhmuc.asp?cat={n}&trang={{p}}"),
        ("legacy", "b"): (f"/list.php?cat={n}", f"/list.php?cat={n}&p={{p}}"),
        ("newspaper", "a"): (f"/{c}", f"/{c}?page={{p}}"),
        ("newspaper", "b"): (f"/{c}.htm", f"/{c}/trang-{{p}}.htm"),
    }[(fam, var)]
    return [first] + [nxt.format(p=p + 1, s=p * PER_PAGE) for p in range(1, n_pages)]


def article_path(slug: str, cat: Category, num: int, s: str, when: datetime) -> str:
    """Request target of one article."""
    fam, var = slug.split("-")
    return {
        ("php", "a"): f"/tin-tuc/{cat.slug}/{s}-{num}.html",
        ("php", "b"): f"/bai-viet/{s}-{num}.html",
        ("joomla", "a"): f"/index.php/{cat.slug}/item/{num}-{s}",
        ("joomla", "b"): f"/index.php?option=com_content&view=article&id={num}:{s}&catid={cat.num}"
                         f"&Itemid={100 + cat.num}",
        ("wordpress", "a"): f"/{s}/",
        ("wordpress", "b"): f"/{when.year}/{when.month:02d}/{s}/",
        ("nukeviet", "a"): f"/vi/news/{cat.slug}/{s}-{num}.html",
        ("nukeviet", "b"): f"/news/{cat.slug}/{s}-{num}.html",
        ("liferay", "a"): f"/web/guest/{cat.slug}/-/asset_publisher/Xk{cat.num}Lp/content/{s}",
        ("liferay", "b"): f"/tin-tuc-chi-tiet?newsId={5900 + num}",
        ("aspnet", "a"): f"/NewsDetail.aspx?newsId={num}",
        ("aspnet", "b"): f"/tin-tuc/chi-tiet.aspx?ID={num}&Cat={cat.num}",
        ("legacy", "a"): f"/tintuc/chitiet.asp?id={num}",
        ("legacy", "b"): f"/news.php?art={num}",
        ("newspaper", "a"): f"/{cat.slug}/{s}-{1160000 + num}.ldo",
        ("newspaper", "b"): f"/{cat.slug}/{s}-{num}.htm",
    }[(fam, var)]


HOME_PATH = {"liferay-a": "/web/guest/trang-chu"}


# --- page records ----------------------------------------------------------------------------------------------


@dataclass
class Page:
    """One served resource: where it lives, its bytes, and (for HTML pages) its gold label."""

    name: str
    path: str
    body: bytes | None
    content_type: str = HTML_UTF8
    status: int = 200
    headers: dict = field(default_factory=dict)
    redirect: str | None = None
    gold: dict | None = None
    rewrite: bool = False
    ext: str = "html"
    oversized: bool = False


def must_not_contain(chrome: list[str], texts: list[str]) -> list[str]:
    """Chrome strings that do not occur in the gold text (those are the ones a clean text must not hold)."""
    joined = "\n".join(texts)
    out: list[str] = []
    for s in chrome:
        s = s.strip()
        if len(s) >= 4 and s not in joined and s not in out:
            out.append(s)
    return out


def iso(a: Article) -> str:
    """Gold publication time."""
    return a.published.isoformat()


class SiteBuilder:
    """Builds every page of one sample site."""

    def __init__(self, plan: SitePlan, index: int, shared: dict) -> None:
        self.plan = plan
        self.rng = random.Random(f"congdoan-sample-{plan.slug}")
        self.index = index
        self.shared = shared
        self.pages: list[Page] = []
        self.robots_disallow: list[str] = []

    # -- articles --
    def make_articles(self) -> list[Article]:
        p, rng = self.plan, self.rng
        fam = p.family
        topics = rng.sample(TOPICS, p.n_articles)
        arts = []
        for i, topic in enumerate(topics):
            n_par = rng.choice([3, 4, 5, 5, 6, 7, 8])
            if "short" in p.features and i == 1:
                n_par = 2
            if "long" in p.features and i == 0:
                n_par = 10
            with_lead = {"newspaper": True, "wordpress": rng.random() < 0.6, "joomla": rng.random() < 0.4,
                         "liferay": rng.random() < 0.5, "nukeviet": rng.random() < 0.7,
                         "aspnet": rng.random() < 0.5, "php": rng.random() < 0.3,
                         "legacy": rng.random() < 0.3}[fam]
            if fam == "newspaper":
                author_pos = "top"
            elif fam in ("php", "joomla", "legacy", "aspnet"):
                author_pos = rng.choice(["bottom", "bottom", "bottom", "none"])
            else:
                author_pos = rng.choice(["top", "bottom", "none"])
            date_only = ("all_date_only" in p.features or (fam in ("legacy", "php", "nukeviet", "joomla",
                                                                   "liferay") and rng.random() < 0.25))
            if fam in ("newspaper", "wordpress"):
                date_only = False
            short = n_par == 2
            if short:
                with_lead = False
            encodable = tcvn3_encodable if ("tcvn3" in p.features and i < 2) else None
            a = make_article(rng, f"{p.slug}-{i + 1}", p.province, topic, n_par, with_lead=with_lead,
                             subheads=n_par >= 5 and rng.random() < 0.6,
                             captions=0 if short else rng.choice([0, 1, 1, 2]),
                             author_pos=author_pos, date_only=date_only, encodable=encodable)
            if encodable is not None:
                a.author = a.author if a.author is None or tcvn3_encodable(a.author) else "Thanh Tùng"
                a.extra_legacy = True  # type: ignore[attr-defined]
            a.tags = ["Công đoàn", f"LĐLĐ {p.province}", topic.category]
            arts.append(a)
        if "monthly" in p.features:
            base = datetime(2023, 4, 5, 15, 30, tzinfo=VN_TZ)
            author = "Hoàng Yến"
            arts.append(make_monthly_report(rng, f"{p.slug}-m1", p.province, base, author))
            arts.append(make_monthly_report(rng, f"{p.slug}-m2", p.province, base + timedelta(days=33, hours=-6),
                                            author))
        return arts

    def build(self) -> tuple[dict, list[Page]]:
        p, rng = self.plan, self.rng
        cats = [Category(slugify(n, 6), n, 10 + 7 * i) for i, n in enumerate(p.categories)]
        arts = self.make_articles()
        entries: list[Entry] = []
        for i, a in enumerate(arts):
            cat = cats[0] if i % 2 == 0 or len(cats) == 1 else cats[1 + (i // 2) % (len(cats) - 1)]
            if len(cats) == 2 and i >= 4:
                cat = cats[0]
            num = 100 + 17 * i + self.index
            s = slugify(a.title)
            a.category = cat.name
            entries.append(Entry(a, article_path(p.slug, cat, num, s, a.published), cat, num, s))
        # special articles
        if "republished" in p.features:
            orig: Entry = self.shared["original"]
            copy_a = copy.deepcopy(orig.article)
            copy_a.key = f"{p.slug}-rep"
            copy_a.published = orig.article.published + timedelta(days=1, hours=2)
            copy_a.author, copy_a.author_pos, copy_a.affiliation = None, "none", None
            copy_a.source_line = "(Theo Báo Lao Động)"
            copy_a.category = cats[0].name
            num = 100 + 17 * len(entries) + self.index
            e = Entry(copy_a, article_path(p.slug, cats[0], num, slugify(copy_a.title), copy_a.published), cats[0],
                      num, slugify(copy_a.title))
            e.extra["duplicate_of"] = f"{REPUBLISHED_FROM}:{orig.path}"
            entries.append(e)
        if "english" in p.features:
            ea = make_english_article(rng, f"{p.slug}-en", p.province, datetime(2023, 9, 14, 10, 0, tzinfo=VN_TZ))
            ea.category = cats[0].name
            e = Entry(ea, f"/English/NewsDetail.aspx?newsId={900 + self.index}", cats[0], 900 + self.index,
                      "english", linked=False)
            e.extra["english"] = True
            entries.append(e)
        if "internal" in p.features:
            ia = make_article(rng, f"{p.slug}-int", p.province, TOPICS[0], 3, with_lead=False, subheads=False,
                              captions=0, author_pos="bottom", date_only=False)
            ia.category = "Tin nội bộ"
            e = Entry(ia, f"/tin-noi-bo/{slugify(ia.title)}-990.html", cats[0], 990, slugify(ia.title),
                      linked=False)
            e.extra["disallowed"] = True
            entries.append(e)
            self.robots_disallow.append("/tin-noi-bo/")
        if "orphan" in p.features:
            oa = make_article(rng, f"{p.slug}-orphan", p.province, TOPICS[5], 4, with_lead=False, subheads=False,
                              captions=0, author_pos="bottom", date_only=True)
            oa.category = cats[1].name
            num = 100 + 17 * len(entries) + self.index
            e = Entry(oa, article_path(p.slug, cats[1], num, slugify(oa.title), oa.published), cats[1], num,
                      slugify(oa.title), linked=False)
            e.extra["orphan"] = True
            entries.append(e)
        if "nfd" in p.features:
            e = entries[2]
            e.extra["nfd"] = True
            nfd_slug = unicodedata.normalize("NFD", "-".join(e.article.title.lower().split()[:8]))
            nfd_slug = re.sub(r"[,:;“”\"?!.]", "", nfd_slug)
            e.path = "/" + quote(nfd_slug, safe="-") + "/"
        if "tracking" in p.features:
            entries[1].link_path = entries[1].path + "?utm_source=facebook&utm_medium=social&utm_campaign=tin-moi"
        if "old_redirect" in p.features:
            e = entries[3]
            e.link_path = e.path[:-4] + ".bld"
            self.pages.append(Page("redirect-old", e.link_path, None, status=301, redirect=e.path))
        if "original" in p.features:
            self.shared["original"] = entries[0]

        listed = [e for e in entries if e.linked]
        for c in cats:
            n = len([e for e in listed if e.cat is c])
            c.pages = cat_paths(p.slug, c, max(1, -(-n // PER_PAGE)))
        others = self.other_paths()
        site = SiteData(slug=p.slug, family=p.family, variant=p.variant, name=p.name, province=p.province,
                        domain=p.domain, address=self.address(), phone=self.phone(), categories=cats,
                        entries=entries, others=others, full_ledes="full_ledes" in p.features)
        if "sisters" in p.features:
            site.extra["sister_sites"] = [("LĐLĐ tỉnh Bắc Kạn", "php-a"), ("LĐLĐ tỉnh Lạng Sơn", "joomla-a")]
        fam: Family = FAMILIES[p.family](site)
        self.site, self.fam, self.cats, self.entries = site, fam, cats, entries
        self.extra_pages(site)
        self.render_listings(listed)
        self.render_articles()
        self.render_others()
        self.render_aux(listed)
        meta = {"slug": p.slug, "name": p.name, "province": p.province, "family": p.family, "variant": p.variant,
                "registry": self.registry_fields(), "start_paths": ["/"]}
        return meta, self.pages

    # -- helpers --
    def address(self) -> str:
        rng = self.rng
        street = rng.choice(["Trường Chinh", "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hùng Vương",
                             "Quang Trung"])
        return f"Số {rng.randint(2, 180)}, đường {street}, {self.plan.province}"

    def phone(self) -> str:
        r = self.rng
        return f"0{r.randint(203, 299)}.{r.randint(3800000, 3899999)}"

    def other_paths(self) -> dict[str, str]:
        p = self.plan
        f = p.features
        fam, var = p.family, p.variant
        out: dict[str, str] = {}
        if "contact" in f or fam in ("php", "legacy"):
            out["contact"] = {"php": "/lien-he.html" if var == "a" else "/lien-he", "joomla": "/index.php?option="
                              "com_contact&view=contact&id=1&Itemid=120", "nukeviet": "/vi/contact/",
                              "liferay": "/web/guest/lien-he", "aspnet": "/Contact.aspx",
                              "legacy": "/lienhe.htm" if var == "a" else "/lienhe.php"}[fam]
        if "search" in f:
            out["search"] = {"php": "/tim-kiem?tu-khoa=cong+doan", "aspnet": "/tim-kiem.aspx?key=cong+doan",
                             "newspaper": "/tim-kiem.htm?q=cong-doan"}[fam]
        if "seek" in f:
            out["search"] = "/vi/seek/?q=cong+doan"
        if "gallery" in f:
            out["gallery"] = "/thu-vien-anh"
        if "login" in f:
            out["login"] = "/wp-login.php" if fam == "wordpress" else "/dang-nhap"
        if "about" in f:
            out["about"] = "/about/Gioi-thieu-Lien-doan-Lao-dong-tinh.html"
        return out

    def registry_fields(self) -> dict:
        f = self.plan.features
        reg: dict = {}
        if "sitemap" in f:
            reg["sitemap_urls"] = [self.sitemap_path()]
        feed = self.feed_path()
        if feed:
            reg["feed_urls"] = [feed]
        return reg

    def sitemap_path(self) -> str:
        return "/wp-sitemap.xml" if self.plan.slug == "wordpress-a" else "/sitemap.xml"

    def feed_path(self) -> str | None:
        f = self.plan.features
        if "feed" in f:
            return "/feed/"
        if "feed_rss" in f:
            return "/rss/cong-doan.rss"
        if "rss_joomla" in f:
            return "/index.php/tin-tuc?format=feed&type=rss"
        return None

    def encode(self, html: str, legacy_font: bool = False) -> tuple[bytes, str]:
        p = self.plan
        if legacy_font:
            return encode_tcvn3_page(html), "text/html"
        if p.family == "legacy":
            ct = "text/html; charset=windows-1258" if p.variant == "a" else "text/html"
            return encode_cp1258(html), ct
        return html.encode("utf-8"), HTML_UTF8

    def add_html(self, name: str, path: str, html: str, gold: dict, legacy_font: bool = False,
                 rewrite: bool = False) -> Page:
        body, ct = self.encode(html, legacy_font)
        rewrite = rewrite or "{{BASE_URL" in html
        pg = Page(name, path, body, ct, gold=gold, rewrite=rewrite)
        self.pages.append(pg)
        return pg

    def base_gold(self, path: str, page_type: str, title: str | None) -> dict:
        p = self.plan
        return {"site": p.slug, "path": path, "page_type": page_type, "language": "vi", "title": title,
                "lead": None, "paragraphs": [], "author": None, "published_at": None, "date_only": False,
                "category": None, "must_not_contain": [], "family": p.family, "variant": p.variant,
                "legacy_font": False, "nfd": False, "reachable": True, "duplicate_of": None,
                "expect_stored": False}

    def extra_pages(self, site: SiteData) -> None:
        f, slug = self.plan.features, self.plan.slug
        if "dead_link" in f:
            site.extra_links.append(("Hội nghị tổng kết phong trào thi đua (bài đã gỡ)",
                                     "/tin-tuc/hoi-nghi-tong-ket-phong-trao-thi-dua-da-go.html"))
        if "error500" in f:
            site.extra_links.append(("Tải văn bản: Kế hoạch số 17/KH-LĐLĐ", "/index.php/van-ban/download/17"))
            self.pages.append(Page("error500", "/index.php/van-ban/download/17", None, "text/html; charset=utf-8",
                                   status=500))
        if "pdf" in f:
            path = {"aspnet-a": "/Uploads/VanBan/ke-hoach-tháng-cong-nhan-2024.pdf".replace("á", "a"),
                    "aspnet-b": "/Upload/files/bao-cao-so-ket-6-thang.pdf",
                    "legacy-b": "/files/congvan-125.pdf"}[slug]
            site.extra_links.append(("Tải về: văn bản hướng dẫn (PDF)", path))
            self.pages.append(Page("doc-pdf", path, make_pdf(f"{slug} van ban huong dan"), "application/pdf",
                                   ext="pdf"))
        if "english" in f:
            en = next(e for e in self.entries if e.extra.get("english"))
            site.extra_links.append(("English", en.path))
        if "wp404" in f:
            site.extra_links.append(("Thông báo tuyển dụng năm 2019", "/thong-bao-tuyen-dung-2019/"))
        if "oversized" in f:
            site.extra_links.append(("Xem tất cả tin bài", "/tatca.php"))
        if "garbage" in f:
            site.extra_links.append(("Thông báo số 3", "/thongbao.php?id=3"))
        if "internal" in f:
            ie = next(e for e in self.entries if e.extra.get("disallowed"))
            site.extra_links.append((ie.article.title, ie.path))
        if "search" in f or "seek" in f:
            site.extra_links.append(("Tìm kiếm: công đoàn", site.others["search"]))
        if "gallery" in f:
            site.extra_links.append(("Thư viện ảnh", site.others["gallery"]))
        if "login" in f:
            site.extra_links.append(("Đăng nhập", site.others["login"]))
        if "about" in f:
            site.extra_links.append(("Giới thiệu", site.others["about"]))

    # -- renderers --
    def render_listings(self, listed: list[Entry]) -> None:
        fam, p = self.fam, self.plan
        newest = sorted(listed, key=lambda e: e.article.published, reverse=True)
        home_path = HOME_PATH.get(p.slug, "/")
        html, chrome = fam.listing(p.name, newest[:6], None, 0)
        g = self.base_gold(home_path, "listing", p.name)
        g["must_not_contain"] = must_not_contain(chrome, [])
        self.add_html("home", home_path, html, g)
        for c in self.cats:
            mine = [e for e in newest if e.cat is c]
            for i, path in enumerate(c.pages):
                chunk = mine[i * PER_PAGE:(i + 1) * PER_PAGE]
                title = c.name if i == 0 else f"{c.name} - Trang {i + 1}"
                html, chrome = fam.listing(c.name, chunk, c, i)
                g = self.base_gold(path, "listing", title)
                g["category"] = c.name
                g["must_not_contain"] = must_not_contain(chrome, [])
                self.add_html(f"cat-{c.slug}-p{i + 1}", path, html, g)

    def render_articles(self) -> None:
        p = self.plan
        listed = [e for e in self.entries if e.linked]
        for e in self.entries:
            a = e.article
            related = [r for r in sorted(listed, key=lambda r: r.article.published, reverse=True) if r is not e]
            legacy_font = getattr(a, "extra_legacy", False)
            shown = a
            if e.extra.get("nfd"):
                shown = nfd_article(a)
            if legacy_font:
                html, chrome = self.fam.article(e, related, font=".VnTime", charset="windows-1252")  # type: ignore
            else:
                html, chrome = self.fam.article(_with(e, shown), related)
            paragraphs = a.gold_paragraphs()
            dup = e.extra.get("duplicate_of")
            english = e.extra.get("english", False)
            g = self.base_gold(e.path, "article", a.title)
            g.update({"language": "en" if english else "vi", "lead": a.lead, "paragraphs": paragraphs,
                      "author": a.author, "published_at": iso(a), "date_only": a.date_only, "category": a.category,
                      "must_not_contain": must_not_contain(chrome, paragraphs + [a.title]),
                      "legacy_font": legacy_font, "nfd": bool(e.extra.get("nfd")),
                      "reachable": not e.extra.get("orphan", False), "duplicate_of": dup})
            g["expect_stored"] = bool(g["reachable"] and not english and not dup and not e.extra.get("disallowed"))
            pg = self.add_html(f"art-{e.num}", e.path, html, g, legacy_font=legacy_font)
            if "stray_byte" in p.features and e is self.entries[1]:
                # a stray windows-1252 quote byte in the footer: the page is not valid UTF-8 any more
                pg.body = pg.body.replace("Ghi rõ".encode(), b"\x93Ghi r\xc3\xb5", 1)
            if "print" in p.features and p.variant == "a" and p.family == "joomla":
                ppath = e.path + "?tmpl=component&print=1"
                phtml, pchrome = self.fam.print_view(e, e.path)  # type: ignore[attr-defined]
                pg = dict(g)
                pg.update({"path": ppath, "duplicate_of": f"{p.slug}:{e.path}", "expect_stored": False,
                           "must_not_contain": must_not_contain(pchrome, paragraphs + [a.title])})
                self.add_html(f"print-{e.num}", ppath, phtml, pg)

    def render_others(self) -> None:
        p, site = self.plan, self.site
        bodies = {
            "contact": ("Liên hệ", f"<p>{esc(site.name)}</p><p>Địa chỉ: {esc(site.address)}</p><p>Điện thoại: "
                        f"{esc(site.phone)}</p><form method=\"post\"><input name=\"hoten\" "
                        f"placeholder=\"Họ và tên\">"
                        f"<textarea name=\"noidung\"></textarea><button>Gửi liên hệ</button></form>"),
            "search": ("Kết quả tìm kiếm", "<p>Tìm thấy 3 kết quả cho từ khóa “công đoàn”.</p><ul>" + "".join(
                f'<li><a href="{esc(e.href)}">{esc(e.article.title)}</a></li>' for e in self.entries[:3])
                + "</ul>"),
            "gallery": ("Thư viện ảnh", "".join(f'<div class="album"><img src="/upload/album/{i}.jpg"><p>'
                                                f"Album ảnh số {i}</p></div>" for i in range(1, 7))),
            "login": ("Đăng nhập", '<form method="post"><label>Tên đăng nhập</label><input name="log"><label>Mật '
                      'khẩu</label><input type="password" name="pwd"><button>Đăng nhập</button></form>'),
            "about": ("Giới thiệu", f"<p>{esc(site.name)} là tổ chức chính trị - xã hội của giai cấp công nhân và "
                      "người lao động trong tỉnh.</p><p>Cơ cấu tổ chức gồm Ban Chấp hành, Ban Thường vụ, Thường "
                      "trực và các ban chuyên đề.</p>"),
        }
        for kind, path in site.others.items():
            title, body = bodies[kind]
            html, chrome = self.fam.other(kind, title, body)
            g = self.base_gold(path, "other", title)
            g["must_not_contain"] = must_not_contain(chrome, [])
            self.add_html(f"other-{kind}", path, html, g)
        f = p.features
        if "wp404" in f:
            html, chrome = self.fam.other("404", "Không tìm thấy trang", "<p>Có vẻ như không có gì ở đây. Hãy thử "
                                          "tìm kiếm?</p>")
            g = self.base_gold("/thong-bao-tuyen-dung-2019/", "other", "Không tìm thấy trang")
            pg = self.add_html("other-404", "/thong-bao-tuyen-dung-2019/", html, g)
            pg.status = 404
        if "oversized" in f:
            html = self.oversized_html()
            g = self.base_gold("/tatca.php", "listing", "Tất cả tin bài")
            pg = self.add_html("other-oversized", "/tatca.php", html, g)
            pg.oversized = True
        if "garbage" in f:
            rng = random.Random("garbage-bytes")
            junk = bytes(rng.randrange(256) for _ in range(6000))
            body = (b"<html><head><meta charset=\"utf-8\"><title>Th\xc3\xb4ng b\xc3\xa1o</title></head><body>"
                    + junk + b"</body></html>\n")
            g = self.base_gold("/thongbao.php?id=3", "other", None)
            self.pages.append(Page("other-garbage", "/thongbao.php?id=3", body, HTML_UTF8, gold=g))
        if "redirect_vi" in f:
            self.pages.append(Page("redirect-vi", "/vi/", None, status=301, redirect="/"))
        if "root_redirect" in f:
            self.pages.append(Page("redirect-root", "/", None, status=301, redirect=HOME_PATH[p.slug]))
            # the portal's logo and breadcrumbs link the bare site root, which redirects to the home page too
            self.pages.append(Page("redirect-guest", "/web/guest", None, status=301, redirect=HOME_PATH[p.slug]))

    def oversized_html(self) -> str:
        rows = []
        listed = [e for e in self.entries if e.linked]
        filler = ("Danh sách tin bài lưu trữ của Liên đoàn Lao động tỉnh qua các năm, cập nhật tự động từ hệ "
                  "thống quản lý nội dung cũ. ") * 3
        i = 0
        while sum(len(r) for r in rows) < 2_800_000:  # about 3 MB once encoded
            e = listed[i % len(listed)]
            rows.append(f'<tr><td>{i + 1}</td><td><a href="{esc(e.href)}">{esc(e.article.title)}</a></td><td>'
                        f"{esc(filler)}</td></tr>\n")
            i += 1
        html, _ = self.fam.listing("Tất cả tin bài", [], None, 0)
        return html.replace("</body>", f"<table>{''.join(rows)}</table></body>")

    def render_aux(self, listed: list[Entry]) -> None:
        p = self.plan
        f = p.features
        if "no_robots" not in f:
            lines = ["User-agent: *", "Disallow: /admin/"]
            lines += [f"Disallow: {d}" for d in self.robots_disallow]
            if "search" in f and p.family == "php":
                lines.append("Disallow: /tim-kiem")
            if "seek" in f:
                lines.append("Disallow: /vi/seek/")
            if p.family == "wordpress":
                lines += ["Disallow: /wp-admin/", "Disallow: /wp-login.php", "Allow: /wp-admin/admin-ajax.php"]
            if "sitemap" in f:
                lines += ["", f"Sitemap: {{{{BASE_URL}}}}{self.sitemap_path()}"]
            self.pages.append(Page("robots", "/robots.txt", ("\n".join(lines) + "\n").encode(),
                                   "text/plain; charset=utf-8", ext="txt", rewrite="sitemap" in f))
        newest = sorted(listed, key=lambda e: e.article.published, reverse=True)
        if "sitemap" in f:
            urls = "".join(f"<url><loc>{{{{BASE_URL}}}}{esc(e.path)}</loc><lastmod>{e.article.published.date()}"
                           f"</lastmod></url>\n" for e in newest)
            xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/'
                   f'0.9">\n{urls}</urlset>\n')
            self.pages.append(Page("sitemap", self.sitemap_path(), xml.encode(), "application/xml; charset=utf-8",
                                   ext="xml", rewrite=True))
        feed = self.feed_path()
        if feed:
            items = "".join(
                f"<item><title>{esc(e.article.title)}</title><link>{{{{BASE_URL}}}}{esc(e.path)}</link>"
                f"<pubDate>{e.article.published.strftime('%a, %d %b %Y %H:%M:%S +0700')}</pubDate>"
                f"<description>{esc(e.article.lead or e.article.blocks[0].text)}</description></item>\n"
                for e in newest)
            xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{esc(p.name)}'
                   f"</title><link>{{{{BASE_URL}}}}/</link><description>{esc(p.name)}</description>\n"
                   f"{items}</channel></rss>\n")
            self.pages.append(Page("feed", feed, xml.encode(), "application/rss+xml; charset=utf-8", ext="xml",
                                   rewrite=True))


def _with(e: Entry, a: Article) -> Entry:
    """The same entry showing a different Article object (NFD copy)."""
    if a is e.article:
        return e
    e2 = copy.copy(e)
    e2.article = a
    return e2


def nfd_article(a: Article) -> Article:
    """Copy of ``a`` with title and body in decomposed (NFD) Unicode, as some Mac/WordPress editors save it."""
    b = copy.deepcopy(a)
    n = lambda s: unicodedata.normalize("NFD", s) if s else s  # noqa: E731
    b.title, b.lead = n(a.title), n(a.lead)
    b.blocks = [Block(x.kind, n(x.text)) for x in a.blocks]
    return b


def encode_tcvn3_page(html: str) -> bytes:
    """Encode a whole page in TCVN3; toned capitals (.VnTimeH territory) fall back to the lower-case byte."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", html):
        try:
            out += encode_tcvn3(ch)
        except ValueError:
            low = ch.lower()
            if low != ch and tcvn3_encodable(low):
                out += encode_tcvn3(low)
            else:
                out += f"&#{ord(ch)};".encode()
    return bytes(out)


def make_pdf(text: str) -> bytes:
    """A minimal valid one-page PDF showing ``text`` (ASCII)."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def write_site(out: Path, meta: dict, pages: list[Page]) -> None:
    """Write one site's files, routes.json, site.json and gold labels."""
    slug = meta["slug"]
    site_dir, gold_dir = out / "sites" / slug, out / "gold" / slug
    routes: dict[str, dict] = {}
    for pg in pages:
        if pg.path in routes:
            raise ValueError(f"{slug}: duplicate route {pg.path}")
        route: dict = {"file": None, "status": pg.status, "content_type": pg.content_type}
        if pg.body is not None:
            rel = f"pages/{pg.name}.{pg.ext}" if pg.ext != "txt" else "robots.txt"
            (site_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / rel).write_bytes(pg.body)
            route["file"] = rel
            route["size"] = len(pg.body)
        if pg.redirect:
            route["redirect"] = pg.redirect
        if pg.headers:
            route["headers"] = pg.headers
        if pg.rewrite:
            route["rewrite_base_urls"] = True
        if pg.oversized:
            route["oversized"] = True
        routes[pg.path] = route
        if pg.gold is not None:
            gold_dir.mkdir(parents=True, exist_ok=True)
            (gold_dir / f"{pg.name}.json").write_text(json.dumps(pg.gold, ensure_ascii=False, indent=1) + "\n",
                                                      encoding="utf-8")
    site_dir.mkdir(parents=True, exist_ok=True)
    (site_dir / "routes.json").write_text(json.dumps(routes, ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
    (site_dir / "site.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def generate(out: Path) -> dict[str, int]:
    """Regenerate every sample site under ``out``; return counts for a summary line."""
    for sub in ("sites", "gold"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    shared: dict = {}
    order = sorted(PLANS, key=lambda p: p.slug != REPUBLISHED_FROM)  # the original exists before its copy
    counts = {"sites": 0, "articles": 0, "stored": 0, "pages": 0}
    for plan in order:
        idx = PLANS.index(plan)
        meta, pages = SiteBuilder(plan, idx, shared).build()
        write_site(out, meta, pages)
        counts["sites"] += 1
        counts["pages"] += len(pages)
        golds = [p.gold for p in pages if p.gold]
        counts["articles"] += sum(g["page_type"] == "article" for g in golds)
        counts["stored"] += sum(g["expect_stored"] for g in golds)
    return counts


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE, help="directory that receives sites/ and gold/")
    args = ap.parse_args(argv)
    counts = generate(args.out)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
