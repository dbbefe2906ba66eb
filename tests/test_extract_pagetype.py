"""Page types on hand-made pages shaped like union sites: articles, listings (with full-paragraph ledes),
contact and search pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.extract import extract_page
from pipelines.extract.pagetype import article_shaped_url

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


@pytest.mark.parametrize(("name", "url", "expected"), [
    ("php_article.html", "http://congdoanbackan.example/tin-tuc/lam-viec-voi-ldld-huyen-12.html", "article"),
    ("newspaper_article.html", "http://laodong.example/cong-doan/phat-huy-vai-tro-1300001.ldo", "article"),
    ("liferay_article.html", "http://ldld.example/web/guest/tin/-/asset_publisher/a1/content/ky-ket", "article"),
    ("joomla_article.html", "http://ldld.example/index.php/tin-tuc/item/51-giao-ban", "article"),
    # A listing whose ledes are whole paragraphs (seed 000): the URL looks like an article's, the text is long.
    ("listing_full_ledes.html", "http://congdoancaobang.example/vi/news/tin-hoat-dong/", "listing"),
    ("listing_full_ledes.html", "http://congdoancaobang.example/tin-hoat-dong-123.html", "listing"),
    ("contact.html", "http://ldld.example/lien-he.html", "other"),
    ("search_results.html", "http://ldld.example/tim-kiem?tu-khoa=cong+doan", "other"),
])
def test_page_types(name: str, url: str, expected: str) -> None:
    page = extract_page((FIXTURES / name).read_bytes(), url, content_type="text/html; charset=utf-8")
    assert page["page_type"] == expected


def test_last_page_of_a_category_with_one_item_is_a_listing() -> None:
    html = """<html><body><div class="main"><h1>Tin hoạt động</h1><ul><li><div class="item">
    <a href="/tin/hoi-nghi-giao-ban-12.html">Hội nghị giao ban công tác công đoàn quý IV năm 2020</a>
    <span>12/01/2021</span><p>Sáng 12/1, LĐLĐ tỉnh tổ chức hội nghị giao ban đánh giá kết quả hoạt động công đoàn
    quý IV và triển khai nhiệm vụ năm 2021.</p></div></li></ul>
    <div class="pages">Trang: <a href="/tin-hoat-dong">[1]</a> [2]</div></div></body></html>"""
    assert extract_page(html.encode(), "http://ldld.example/tin-hoat-dong?trang=2")["page_type"] == "listing"


@pytest.mark.parametrize("heading", ["Hình ảnh hoạt động công đoàn", "Hội thao công nhân viên chức năm 2021"])
def test_photo_gallery_is_other(heading: str) -> None:
    items = "".join(f'<div class="photo"><img src="/anh/{i}.jpg"><p>Hội thao công nhân năm 2021, ảnh {i}</p></div>'
                    for i in range(8))
    html = f"<html><body><h1>{heading}</h1><p>Ngày 17/10/2021</p>{items}</body></html>"
    assert extract_page(html.encode(), "http://ldld.example/album/12")["page_type"] == "other"


_PROSE = ("Sáng 12/1, Liên đoàn Lao động tỉnh tổ chức hội nghị giao ban đánh giá kết quả hoạt động công đoàn "
          "quý IV và triển khai nhiệm vụ trọng tâm năm 2021 với sự tham dự của chủ tịch công đoàn cơ sở.")


def _article(url: str, extra: str = "") -> dict:
    body = "".join(f"<p>{_PROSE}</p>" for _ in range(4))
    html = ('<html><head><meta property="og:type" content="article"></head><body><h1>Hội nghị giao ban công '
            f'tác công đoàn quý IV năm 2020</h1><p>12/01/2021 09:30</p>{body}{extra}</body></html>')
    return extract_page(html.encode(), url)


def test_home_page_address_is_a_listing_whatever_its_og_type() -> None:
    # The same page is an article at an article's address and a listing at the site's home address.
    assert _article("http://ldld.example/tin-tuc/hoi-nghi-giao-ban-12.html")["page_type"] == "article"
    for home in ("http://ldld.example/", "http://ldld.example/index.php", "http://ldld.example/vi/",
                 "http://ldld.example/trang-chu.html"):
        assert _article(home)["page_type"] == "listing", home


def test_home_page_with_article_metadata_of_its_own_is_kept_flagged() -> None:
    html = ('<html><head><meta property="article:published_time" content="2021-01-12T09:30:00+07:00">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Hội nghị giao ban"}</script>'
            f'</head><body><h1>Hội nghị giao ban công tác công đoàn quý IV</h1><p>{_PROSE}</p><p>{_PROSE}</p>'
            '</body></html>')
    page = extract_page(html.encode(), "http://ldld.example/")
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]


def _posts(sizes: list[int]) -> str:
    def say(i: int, n: int) -> str:
        return " ".join(f"Ý kiến thứ {j} của thành viên {i}: mình thấy cách này dùng được." for j in range(n))

    return "".join(f'<li id="post-{100 + i}" class="message"><a href="/members/u{i}">thành viên {i}</a>'
                   f'<blockquote>{say(i, n)}</blockquote></li>' for i, n in enumerate(sizes))


def test_forum_thread_is_other_and_a_blog_post_with_a_post_id_is_an_article() -> None:
    # og:type "article" on every page of the forum, as a real one had.
    thread = ('<html><head><meta property="og:type" content="article"></head><body><h1>Chuyện giữa hai người trên '
              f'mạng xã hội</h1><ol>{_posts([6, 3, 4, 2, 5])}</ol></body></html>')
    assert extract_page(thread.encode(), "http://forum.example/threads/1739393/")["page_type"] == "other"
    # One post holding nearly all the text (a blog post and two short comments with post ids) is not a thread.
    blog = _article("http://blog.example/2021/01/hoi-nghi-giao-ban/", _posts([1, 1]).replace("<li", "<div")
                    .replace("</li>", "</div>"))
    assert blog["page_type"] == "article"


def test_headline_links_a_script_fills_in_still_make_a_listing() -> None:
    items = "".join(f'<article class="item"><h3 class="title"><a href="#">Tin thể thao số {i}: đội tuyển tập '
                    f'luyện trước trận gặp đối thủ</a></h3><div class="excerpt"><a href="#">{_PROSE}</a></div>'
                    '</article>' for i in range(8))
    html = (f'<html><head><meta property="og:type" content="article"></head><body><h1>Thể thao</h1>{items}'
            '</body></html>')
    assert extract_page(html.encode(), "http://news.example/the-thao.htm")["page_type"] == "listing"


def test_article_with_br_paragraphs_and_a_related_box_with_ledes_is_kept_flagged() -> None:
    # Its own prose (four <br>-separated paragraphs under its headline) beside six related teasers with ledes:
    # the teasers hold most of the text, yet the page is a story; kept, flagged, rather than lost as a listing.
    sentences = [f"Câu thứ {i}: Liên đoàn Lao động huyện tổ chức hội nghị tổng kết công tác công đoàn năm 2012, "
                 "với sự tham dự của đông đảo đoàn viên công đoàn cơ sở." for i in range(4)]
    teasers = "".join(f'<div class="item"><a href="/tin/bai-{i}.html">Công đoàn huyện trao quà Tết cho công nhân '
                      f'số {i}</a><p>Nhân dịp Tết, công đoàn huyện đã trao nhiều phần quà cho công nhân có '
                      f'hoàn cảnh khó khăn, đợt {i}.</p></div>' for i in range(6))
    html = ('<html><head><meta property="og:type" content="article"></head><body><div class="main">'
            f'<h1>Hội nghị tổng kết công tác công đoàn năm 2012</h1><div>{"<br><br>".join(sentences)}</div>'
            f'<div class="khac">{teasers}</div></div></body></html>')
    page = extract_page(html.encode(), "http://ldld.example/tin/hoi-nghi-tong-ket-2012.html")
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]
    assert page["text"].startswith(sentences[0])


STORY = ("Sáng 12/1, Liên đoàn Lao động tỉnh tổ chức hội nghị tổng kết công tác công đoàn năm 2023 và triển khai "
         "nhiệm vụ năm 2024, với sự tham dự của đại diện các công đoàn cơ sở trên địa bàn tỉnh. ")


@pytest.mark.parametrize("headline", ["Tôn vinh 23 nữ đoàn viên giỏi việc nước, đảm việc nhà (bài số 404)",
                                      "Hướng dẫn thực hiện Nghị định 500/2025 về chế độ cho người lao động",
                                      "Bài sau lỗi 500", "404/2025/NĐ-CP về tiền lương tối thiểu"])
def test_a_status_code_in_a_headline_is_no_error_page(headline: str) -> None:
    html = (f"<html><head><title>{headline}</title></head><body><h1>{headline}</h1><p>12/01/2024 08:30</p>"
            + "".join(f"<p>Đoạn {n}. {STORY * 3}</p>" for n in range(4)) + "</body></html>")
    assert extract_page(html.encode(), "http://ldld.example/tin-tuc/bai-404.html")["page_type"] == "article"


def test_a_short_headline_opening_with_a_status_code_over_a_story_is_an_article() -> None:
    # "404 công nhân ..." opens with the number: the story under it, not the heading, says it is no error page.
    html = ("<html><head><title>404 công nhân nhận quà Tết</title></head><body>"
            "<h1>404 công nhân nhận quà Tết</h1><p>01/06/2025 09:00</p>"
            + "".join(f"<p>Đoạn {n}. {STORY * 2}</p>" for n in range(3)) + "</body></html>")
    assert extract_page(html.encode(), "http://ldld.example/tin-tuc/404-cong-nhan.html")["page_type"] == "article"


@pytest.mark.parametrize("title", ["404", "Lỗi 404", "404 Not Found", "503 Service Unavailable",
                                   "Error 404 - Trang"])
def test_a_short_status_title_is_an_error_page(title: str) -> None:
    html = (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            "<p>Xin lỗi, đường dẫn bạn truy cập có thể đã bị thay đổi. Quay lại trang chủ.</p></body></html>")
    assert extract_page(html.encode(), "http://ldld.example/tin-tuc/bai-9.html")["page_type"] == "other"


def _photo_story(url: str, meta: str) -> dict:
    items = "".join(f'<div class="photo"><img src="/anh/{i}.jpg"><p>Công nhân nhận quà Tết, ảnh {i}</p></div>'
                    for i in range(8))
    html = (f"<html><head>{meta}</head><body><h1>Công đoàn trao quà Tết cho công nhân khu công nghiệp</h1>"
            f"{items}</body></html>")
    return extract_page(html.encode(), url)


def test_article_metadata_a_story_address_and_a_headline_keep_a_page_flagged() -> None:
    # Laid out like a gallery (pictures, short captions), but the page says it is one story: never dropped.
    meta = '<meta property="article:published_time" content="2021-01-20T08:00:00+07:00">'
    page = _photo_story("http://ldld.example/tin-tuc/cong-doan-trao-qua-tet-cho-cong-nhan-khu-cong-nghiep.html",
                        meta)
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]
    page = _photo_story("http://ldld.example/123456/trao-qua-tet.html", meta)  # a story number and a slug
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]
    # Without the metadata, or at an album's address, it stays a gallery.
    assert _photo_story("http://ldld.example/tin-tuc/cong-doan-trao-qua-tet-cho-cong-nhan-khu.html", "")[
        "page_type"] == "other"
    assert _photo_story("http://ldld.example/album/12", meta)["page_type"] == "other"


@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.example/kinh-doanh/gia-vang-giam-van-cao-hon-the-gioi-20260307080054340.htm", True),
    ("https://news.example/ten-bai-viet-moi-d538952.html", True),
    ("https://news.example/274113/bao-giay-van-hay.html", True),
    ("https://news.example/kinh-doanh.htm", False),
    ("https://news.example/chinh-sach-va-cuoc-song/chinh-sach-moi.htm", False),
    ("https://news.example/timelinelist/1021119/2.htm", False),
    ("https://news.example/tai-chinh-chung-khoan-d6/", False),
])
def test_article_shaped_urls(url: str, expected: bool) -> None:
    assert article_shaped_url(url) is expected


@pytest.mark.parametrize("paragraphs", [14, 3])
def test_a_story_with_a_related_link_beside_another_box_is_no_teaser(paragraphs: int) -> None:
    # The body and a topic box are siblings that each hold one headline link: the body is far longer than a
    # listing item (14 paragraphs), or its link comes after a long text (3), so the page is a plain article, not
    # one kept against its "teasers".
    body = "".join(f"<p>{_PROSE}</p>" for _ in range(paragraphs))
    html = ('<html><head><meta property="og:type" content="article"></head><body><h1>Hội nghị giao ban công tác '
            'công đoàn quý IV năm 2020</h1><p>12/01/2021 09:30</p><div class="detail"><div class="content">'
            f'{body}<div class="box"><a href="/tin/cong-doan-nganh-giao-duc-to-chuc-hoi-thao-99.html">Công đoàn '
            'ngành giáo dục tổ chức hội thao</a></div></div><div class="topic"><a href="/chu-de/giao-ban-77.html">'
            'Các hội nghị giao ban công đoàn năm 2020</a></div></div></body></html>')
    page = extract_page(html.encode(), "http://ldld.example/tin/hoi-nghi-giao-ban-cong-doan-quy-iv-12.html")
    assert page["page_type"] == "article" and page["quality_flags"] == []


@pytest.mark.parametrize("overlay", ['<div class="modal_introduce"><div class="popup">{}</div></div>',
                                     '<div role="dialog">{}</div>', '<section aria-modal="true">{}</section>'])
def test_an_overlay_never_reaches_the_text(overlay: str) -> None:
    promo = ("Thành viên được đọc báo điện tử không quảng cáo, tặng sao cho tác giả và tham gia các chương trình "
             "dành riêng cho bạn đọc của tòa soạn trong suốt năm nay.")
    page = _article("http://ldld.example/tin/hoi-nghi-giao-ban-12.html",
                    overlay.format("".join(f"<p>{promo}</p>" for _ in range(2))))
    assert _PROSE[:40] in page["text"] and "tặng sao" not in page["text"]
