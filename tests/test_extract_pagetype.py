"""Page types on hand-made pages shaped like union sites: articles, listings (with full-paragraph ledes),
contact and search pages."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipelines.extract import extract_page
from pipelines.extract.page import explain_page, parse_html
from pipelines.extract.pagetype import PageSignals, article_shaped_url, decide

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
    # Kept (flagged while its <br> lines reached trafilatura as one block; with them read as paragraphs, the
    # prose block is the story's own and the signals agree).
    assert page["page_type"] == "article"
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


_PORTAL_404 = (
    '<html><head><title>QUỸ BẢO VỆ VÀ PHÁT TRIỂN RỪNG TỈNH LÂM HÀ</title></head><body><form method="post"><center>'
    '<div><div class="Top1banner_bg"><img src="/img/banner.jpg"></div><div class="all-body">'
    '<table class="Top1Menu_bg"><tr><td><div id="smoothmenu1" class="ddsmoothmenu"><br></div></td></tr></table>'
    '</div>'
    '<table class="Content"><div class="header"><div>{notice}'
    '<p>Quay trở lại : <span><a href="/">Trang chủ</a></span></p></div></div></table>'
    '<table class="Footer"><tr><td></td><td><table class="MsoNormalTable"><tr><td><p><font size="2">'
    "<font><strong>TRANG THÔNG TIN ĐIỆN TỬ QUỸ BẢO VỆ VÀ PHÁT TRIỂN RỪNG TỈNH LÂM HÀ</strong></font><br>"
    "<font><strong>Cơ quan quản lý : Quỹ Bảo vệ và Phát triển rừng tỉnh Lâm Hà</strong></font><br>"
    "Giấy phép số : Giấy phép số 7/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 03/05/2017<br>"
    "Chịu trách nhiệm về nội dung : Ông Trần Văn Bình - Trưởng ban biên tập - Giám đốc Quỹ bảo vệ và Phát triển "
    "rừng tỉnh Lâm Hà<br>Địa chỉ : 12 Đường Lê Lợi - Thị xã Bảo Lâm - Tỉnh Lâm Hà - Số điện thoại: 0263.111.222 - "
    "Fax: 0263.111.223</font></p></td></tr></table></td></tr></table></div></center></form></body></html>")


@pytest.mark.parametrize("notice", ["<p>Ooops... Error 404</p>",
                                    "<p>Xin lỗi, nhưng trang bạn đang tìm kiếm không tồn tại.</p>",
                                    "<p>Lỗi 404</p><p>Không tìm thấy nội dung yêu cầu</p>"])
def test_an_error_notice_in_the_body_of_a_page_named_by_the_site_is_an_error_page(notice: str) -> None:
    # A portal's 404 page keeps the site's <title> and says so only in a box that its template names "header":
    # what is left is the footer's imprint, whose bold line and licence date made a dated "story" at a story's
    # address.
    html = _PORTAL_404.format(notice=notice)
    page = extract_page(html.encode(), "http://quy.example/doan-dai-bieu-tiep-xuc-cu-tri-xa-quang-tam/")
    assert page["page_type"] == "other"


def test_error_words_in_a_short_line_of_a_story_keep_it_an_article() -> None:
    # The same words in a story (a caption, a quoted line) over a prose block of its own: no error page.
    html = ("<html><head><title>Cảnh báo trang web giả mạo</title></head><body>"
            "<h1>Cảnh báo trang web giả mạo cơ quan nhà nước</h1><p>12/01/2024 08:30</p>"
            "<p>Trang này không tồn tại</p>"
            + "".join(f"<p>{s}</p>" for s in _SENTENCES[:5]) + "</body></html>")
    page = extract_page(html.encode(), "http://ldld.example/tin-tuc/canh-bao-trang-gia-mao-123.html")
    assert page["page_type"] == "article"


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
    # Without the metadata it stays a gallery; at an album's address the metadata and the layout disagree: kept,
    # flagged (a lost story cannot be found again).
    assert _photo_story("http://ldld.example/tin-tuc/cong-doan-trao-qua-tet-cho-cong-nhan-khu.html", "")[
        "page_type"] == "other"
    page = _photo_story("http://ldld.example/album/12", meta)
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]


def _captioned_story(url: str) -> dict:
    # A district portal's photo story: the headline a bold span in an unclassed <div> (found only over prose),
    # no date, no metadata, a sentence, then pictures whose captions are sentences.
    captions = "".join(
        f'<div class="anh"><img src="/img/{i}.jpg"><p>Đoàn viên công đoàn cơ sở số {i} nhận quà hỗ trợ của huyện.'
        "</p></div>" for i in range(6))
    html = ("<html><head><title>Trang thông tin điện tử huyện</title></head><body><div class='menu'>"
            "<a href='/'>Trang chủ</a> <a href='/tin-tuc/'>Tin tức</a></div><div class='style_text'>"
            "<div style='text-align:center'><b><span>Công đoàn huyện trao quà cho đoàn viên khó khăn</span></b>"
            "</div><p>Sáng nay, Liên đoàn Lao động huyện trao 60 suất quà cho đoàn viên có hoàn cảnh khó khăn.</p>"
            f"{captions}</div></body></html>")
    return extract_page(html.encode(), url)


def test_a_story_address_over_captions_that_are_sentences_keeps_a_headline_less_photo_story() -> None:
    """A photo story whose headline no rule finds (no date, no prose block, captions of 80 characters or less)
    was dropped as "other" (issue 14's page-type rewrites of a dev story); at a story's address its sentence
    lines keep it, flagged. At a category's address the same page is no story."""
    page = _captioned_story("https://huyen.example.gov.vn/cong-doan-huyen-trao-qua-cho-doan-vien-kho-khan/")
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]
    assert "nhận quà hỗ trợ" in page["text"]
    assert _captioned_story("https://huyen.example.gov.vn/tin-tuc/")["page_type"] != "article"


@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.example/kinh-doanh/gia-vang-giam-van-cao-hon-the-gioi-20260307080054340.htm", True),
    ("https://news.example/ten-bai-viet-moi-d538952.html", True),
    ("https://news.example/274113/bao-giay-van-hay.html", True),
    ("https://news.example/giao-duc/keu-troi-vi-van-ta-con-lon/a288324.html", True),
    ("https://news.example/chuyen-muc/tin-tuc/a288324.html", False),
    ("https://news.example/kinh-doanh.htm", False),
    ("https://news.example/chinh-sach-va-cuoc-song/chinh-sach-moi.htm", False),
    ("https://news.example/timelinelist/1021119/2.htm", False),
    ("https://news.example/tai-chinh-chung-khoan-d6/", False),
    # A story's number in the query of a detail view or of a CMS's story view (research notes: a province's union
    # subsite serves "/tin-tuc-chi-tiet?newsId=<n>"); a category's or a page's query is none.
    ("https://congdoan.example.gov.vn/tin-tuc-chi-tiet?newsId=5964", True),
    ("https://ldld.example/NewsDetail.aspx?NewsID=77", True),
    ("https://ldld.example/index.php?option=com_content&view=article&id=123:cong-doan&catid=5", True),
    ("https://ldld.example/?p=123", True),
    ("https://ldld.example/index.php?option=com_content&view=category&id=5", False),
    ("https://ldld.example/?page_id=12", False), ("https://ldld.example/tin-tuc.aspx?page=2", False),
    ("https://ldld.example/view.do?serviceId=113", False), ("https://ldld.example/news.php?id=456", False),
])
def test_article_shaped_urls(url: str, expected: bool) -> None:
    assert article_shaped_url(url) is expected


@pytest.mark.parametrize("url", ["http://ldld.example/?id=123", "http://ldld.example/tin-tuc-chi-tiet?newsId=123"])
def test_a_short_undated_story_at_a_query_address_is_kept(url: str) -> None:
    # Headline, three short paragraphs, no date, no metadata, an address no rule reads as a story's: nothing says
    # listing, so the headline over its own prose keeps the page (flagged where the address says nothing).
    headline = "Công đoàn huyện thăm hỏi đoàn viên có hoàn cảnh khó khăn"
    html = ("<html><head><title>Trang thông tin điện tử LĐLĐ huyện</title></head><body><div class='menu'>"
            "<a href='/'>Trang chủ</a> <a href='/tin-tuc/'>Tin tức</a></div><div class='main'>"
            f"<h1>{headline}</h1><p>Ngày 15/3, Công đoàn huyện đã đến thăm và tặng quà cho 10 đoàn viên có hoàn "
            "cảnh đặc biệt khó khăn.</p><p>Mỗi suất quà trị giá 1 triệu đồng, gồm tiền mặt và nhu yếu phẩm.</p>"
            "<p>Đây là hoạt động thường xuyên nhằm chia sẻ khó khăn, động viên đoàn viên yên tâm công tác và gắn "
            "bó với tổ chức công đoàn.</p></div></body></html>")
    page = extract_page(html.encode(), url)
    assert page["page_type"] == "article" and page["title"] == headline


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


# ---------------------------------------------------------------------------------- issue 14: nothing lost
# Pages built here, shaped like the layouts that lost articles: a story beside related boxes whose ledes
# trafilatura keeps, a short story beside a "most read" block of thumbnails, a story whose metadata and story
# address are missing. None is keyed on a saved page's text.

_SENTENCES = [f"Câu thứ {i}: công nhân khu công nghiệp được công đoàn cơ sở hỗ trợ tiền thuê nhà trọ trong ba "
              "tháng cuối năm, theo quyết định mới của ban chấp hành." for i in range(8)]


def _cards(n: int, words: int, prefix: str = "/tin") -> str:
    lede = " ".join(["người lao động nhận hỗ trợ từ quỹ xã hội"] * (words // 8)) + "."
    return "".join(f'<div class="card"><img src="/anh/t{i}.jpg"><h3><a href="{prefix}/bai-viet-khac-{i}.html">'
                   f'Công đoàn ngành dệt may trao quà cho đoàn viên đợt {i}</a></h3>'
                   f'<p>{lede.capitalize()}</p></div>' for i in range(n))


def _story_page(paragraphs: int, boxes: str, head: str = "", after: str = "") -> bytes:
    body = "".join(f"<p>{s}</p>" for s in _SENTENCES[:paragraphs])
    half = paragraphs // 2
    parts = body.split("</p>")
    mid = "</p>".join(parts[:half]) + "</p>" + boxes + "</p>".join(parts[half:])
    return (f"<html><head>{head}</head><body><div class='main'><h1>Công nhân khu công nghiệp được hỗ trợ tiền "
            f"thuê nhà trọ</h1><div class='content'>{mid}</div>{after}</div></body></html>").encode()


def test_an_article_with_heavy_related_boxes_in_its_body_is_kept() -> None:
    # Two boxes of ten related cards with long ledes inside the story's container: most of the extracted text
    # lies in teaser blocks, no metadata, an address without a story number. The story's own prose run keeps it.
    page = extract_page(_story_page(6, f"<div class='c1'>{_cards(10, 60)}</div>",
                                    after=f"<div class='c2'>{_cards(10, 60, '/moi')}</div>"),
                        "http://ldld.example/tin-tuc/bai-viet.html")
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]
    assert _SENTENCES[0] in page["text"] and _SENTENCES[5] in page["text"]


def test_a_short_article_beside_a_most_read_block_of_thumbnails_is_kept() -> None:
    # Two paragraphs, a dated headline, twelve thumbnails in a "most read" block: the thumbnails are other
    # stories' pictures, not a photo gallery of the page.
    page = extract_page(_story_page(2, "", after=f"<div class='most'><h2>Đọc nhiều</h2>{_cards(12, 16)}</div>")
                        .replace(b"<h1>", b"<p>12/01/2024 08:30</p><h1>"), "http://ldld.example/tin-tuc/a98765")
    assert page["page_type"] == "article"
    assert _SENTENCES[1] in page["text"]


def test_a_listing_with_no_article_signal_is_still_dropped() -> None:
    # A category page: a short heading, cards of headline links with ledes, pagination; og:type "article" as
    # many sites set it on every page is no story evidence.
    for head in ("", '<meta property="og:type" content="article">'):
        html = (f"<html><head>{head}</head><body><h1>Tin tức</h1><div class='list'>{_cards(12, 40)}</div>"
                "<div class='pages'><a href='/tin-tuc?trang=2'>2</a> <a href='/tin-tuc?trang=3'>3</a></div>"
                "</body></html>")
        page = extract_page(html.encode(), "http://ldld.example/tin-tuc")
        assert page["page_type"] == "listing" and page["quality_flags"] == [], head


def test_story_metadata_against_a_listing_layout_gives_page_type_uncertain() -> None:
    # The text lies in teaser blocks (a listing's layout), but the page carries a JSON-LD NewsArticle and a
    # published time under a headline of its own: the signals disagree, so it is kept and flagged.
    head = ('<meta property="article:published_time" content="2024-01-12T08:30:00+07:00">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Hỗ trợ"}</script>')
    html = (f"<html><head>{head}</head><body><h1>Công nhân khu công nghiệp được hỗ trợ tiền thuê nhà</h1>"
            f"<p>{_SENTENCES[0]}</p><div class='list'>{_cards(12, 40)}</div></body></html>")
    page = extract_page(html.encode(), "http://ldld.example/tin-tuc/ho-tro")
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]


@pytest.mark.parametrize("heading", ["Chức năng nhiệm vụ", "Giới thiệu chung", "Cơ cấu tổ chức"])
def test_a_page_about_the_body_itself_is_never_a_clean_article(heading: str) -> None:
    # A portal's "about" page: its menu entry as heading over prose, no date. Not news: dropped as other, or
    # kept with the flag where its heading and prose block make story evidence; never a clean article.
    html = (f"<html><body><h1>{heading}</h1>" + "".join(f"<p>{s}</p>" for s in _SENTENCES[:5])
            + "</body></html>")
    page = extract_page(html.encode(), "http://thanhtra.example/chuc-nang-nhiem-vu/")
    assert page["page_type"] == "other" or "page_type_uncertain" in page["quality_flags"]


def test_a_story_headed_by_an_about_word_is_an_article() -> None:
    html = ("<html><body><h1>Giới thiệu sách mới về lịch sử phong trào công nhân</h1><p>12/01/2024 08:30</p>"
            + "".join(f"<p>{s}</p>" for s in _SENTENCES[:5]) + "</body></html>")
    page = extract_page(html.encode(), "http://ldld.example/tin-tuc/gioi-thieu-sach-moi-123.html")
    assert page["page_type"] == "article" and page["quality_flags"] == []


def test_an_error_phrase_in_a_headline_over_a_story_is_kept() -> None:
    # "đã bị xóa" is an error page's wording, and a headline's too: a prose block and a dated headline keep it.
    html = ("<html><body><h1>Hàng nghìn tài khoản mạng xã hội đã bị xóa trong tháng qua</h1>"
            "<p>12/01/2024 08:30</p>"
            + "".join(f"<p>{s}</p>" for s in _SENTENCES[:5]) + "</body></html>")
    page = extract_page(html.encode(), "http://ldld.example/tin-tuc/tai-khoan-bi-xoa-123456.html")
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]


def _signals(**kw: object) -> PageSignals:
    return PageSignals(**kw)  # type: ignore[arg-type]


# The decision table of the README ("Page type"), row by row, on signals alone.
@pytest.mark.parametrize(("signals", "has_date", "expected"), [
    # home address: listing, unless JSON-LD article AND published time
    (_signals(home_url=True, og_article=True, heading_words=9, main_block_chars=900, body_chars=900), True,
     ("listing", False)),
    (_signals(home_url=True, ld_article=True, published_meta=True, heading_words=9, body_chars=900), True,
     ("article", True)),
    # rules say article
    (_signals(heading_words=9, body_chars=900, main_block_chars=900), True, ("article", False)),
    (_signals(og_article=True, body_chars=900), False, ("article", True)),  # og:type only
    (_signals(heading_words=9, body_chars=900, teasers=6, main_block_chars=100), True, ("article", True)),
    (_signals(og_article=True, body_chars=900, teasers=6, main_block_chars=100), False, ("listing", False)),
    # error page
    (_signals(error=True, heading_words=9, body_chars=900, main_block_chars=900, prose_chars=900), True,
     ("article", True)),
    (_signals(error=True, heading_words=3, body_chars=90), False, ("other", False)),
    # rules say listing: text in teaser blocks
    (_signals(teasers=10, teaser_share=0.8, heading_words=9, body_chars=3000, published_meta=True), True,
     ("article", True)),
    (_signals(teasers=10, teaser_share=0.8, heading_words=9, body_chars=3000, main_block_chars=600), True,
     ("article", True)),
    (_signals(teasers=10, teaser_share=0.8, heading_words=9, og_article=True, body_chars=3000), True,
     ("listing", False)),  # site-wide evidence only
    # nothing fired: a headline of its own and some text keep it
    (_signals(heading_words=9, body_chars=120), True, ("article", True)),
    (_signals(heading_words=9, body_chars=120), False, ("other", False)),
    (_signals(heading_words=2, body_chars=120), True, ("other", False)),
    # ... and so does a headline over 300+ characters of text in short lines, with no teaser or pager beside it
    (_signals(heading_words=9, body_chars=440, longest_line=50), False, ("article", True)),
    (_signals(heading_words=9, body_chars=440, longest_line=50, pagination=True), False, ("other", False)),
    (_signals(heading_words=9, body_chars=280, longest_line=50), False, ("other", False)),
    # nothing fired and no headline: a prose block of its own keeps it, flagged; less does not
    (_signals(body_chars=3400, main_block_chars=3400, prose_chars=3400), False, ("article", True)),
    (_signals(body_chars=700, main_block_chars=700, prose_chars=700), False, ("other", False)),
    # nothing fired, or a gallery, and no headline over prose: a story's address over sentence lines keeps it
    (_signals(body_chars=720, sentence_chars=450, article_url=True), False, ("article", True)),
    (_signals(body_chars=720, sentence_chars=450, article_url=True, images=12, longest_line=90), False,
     ("article", True)),
    (_signals(body_chars=720, sentence_chars=450), False, ("other", False)),  # a category's address
    (_signals(body_chars=720, sentence_chars=200, article_url=True), False, ("other", False)),
    # teaser blocks, no prose block: a dated headline over a sentence of its own keeps a one-line notice, flagged;
    # no date, or teasers holding the text, do not
    (_signals(heading_words=9, body_chars=61, teasers=5, sentence_chars=61, heading_sentence_chars=61), True,
     ("article", True)),
    (_signals(heading_words=9, body_chars=61, teasers=5, sentence_chars=61, heading_sentence_chars=61), False,
     ("listing", False)),
    (_signals(heading_words=9, body_chars=900, teasers=5, teaser_share=0.9, heading_sentence_chars=61), True,
     ("listing", False)),
])
def test_page_type_decision_table(signals: PageSignals, has_date: bool, expected: tuple[str, bool]) -> None:
    decision = decide(signals, has_date)
    assert (decision.page_type, decision.uncertain) == expected, decision


def test_uncertain_pages_are_stored_and_counted_per_site_in_the_manifest(tmp_path: Path) -> None:
    import asyncio
    from datetime import UTC, datetime

    from scrapy.utils.test import get_crawler

    from crawler.manifest import site_summary
    from pipelines.items import FetchedPage
    from pipelines.steps import ExtractPipeline

    crawler = get_crawler(settings_dict={"CONGDOAN_OUT": str(tmp_path / "out"),
                                         "CONGDOAN_STATE": str(tmp_path / "state"), "CONGDOAN_CRAWL_ID": "t"})
    crawler.stats.open_spider()
    pipeline = ExtractPipeline.from_crawler(crawler)
    body = _story_page(6, f"<div class='c1'>{_cards(10, 60)}</div>",
                       after=f"<div class='c2'>{_cards(10, 60, '/moi')}</div>")
    for n in range(2):
        item = FetchedPage(url=f"http://ldld.example/tin-tuc/bai-{n}.html", body=body,
                           content_type="text/html; charset=utf-8", site="ldld-a", province="Bắc Kạn",
                           fetched_at=datetime(2026, 11, 30, tzinfo=UTC), crawl_id="t")
        record = asyncio.run(pipeline.process_item(item))
        assert "page_type_uncertain" in record["quality_flags"]
    summary = site_summary(crawler.stats.get_stats(), "ldld-a")
    assert summary["flags"]["page_type_uncertain"] == 2 and summary["dropped"]["listing"] == 0


def test_an_album_index_of_linked_thumbnails_is_not_stored() -> None:
    # A dated heading over thumbnails that link to photo pages, with short captions: a gallery index (other),
    # not an article; the thumbnails of a related box, by contrast, are not the page's pictures (test above).
    items = "".join(f'<div class="thumb"><a href="/anh/hoi-thao-{i}.html"><img src="/anh/t{i}.jpg"></a>'
                    f"<span>Hội thao công nhân, ảnh {i}</span></div>" for i in range(10))
    html = (f"<html><body><h1>Hội thao công nhân viên chức khu công nghiệp năm 2024</h1><p>17/10/2024</p>{items}"
            "</body></html>")
    page = extract_page(html.encode(), "http://ldld.example/hoi-thao-cong-nhan-2024")
    assert page["page_type"] == "other"


_WRAPPER = """<html><head><title>Trang chủ - Công đoàn tỉnh</title></head><body>
<div class="header"><div class="banner"><img src="/logo.png" alt=""> CÔNG ĐOÀN TỈNH</div>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu/">Giới thiệu</a></li></ul>
<div class="header_main">{main}</div>
<div class="header_right"><h3>Thông báo</h3><p><a href="/thong-bao-1/">Thông báo lịch họp tháng 5</a></p></div>
</div><div class="footer">Trang thông tin điện tử Công đoàn tỉnh. Địa chỉ: 12 Trần Hưng Đạo.</div></body></html>"""

_STORY = """<div class="detail">
<h2>Công đoàn huyện tổ chức hội nghị tổng kết phong trào thi đua năm 2019 <span>( )</span></h2>
<p>Sáng ngày 20/3, Liên đoàn Lao động huyện đã tổ chức hội nghị tổng kết phong trào thi đua lao động giỏi và
xây dựng tổ chức công đoàn vững mạnh năm 2019, với sự tham dự của hơn 120 đại biểu công đoàn cơ sở.</p>
<p>Tại hội nghị, các đại biểu đã thảo luận, đánh giá kết quả đạt được, chỉ ra những hạn chế và đề xuất giải pháp
để nâng cao chất lượng hoạt động công đoàn trong thời gian tới, nhất là việc chăm lo đời sống đoàn viên.</p>
<p>Dịp này, Liên đoàn Lao động huyện đã khen thưởng 15 tập thể và 32 cá nhân có thành tích xuất sắc trong phong
trào thi đua năm 2019, đồng thời phát động phong trào thi đua năm 2020 trong toàn thể đoàn viên.</p></div>"""

_TEASER = """<div class="item">
<h2><a href="/tin-{n}/">Công đoàn cơ sở số {n} tổ chức đại hội nhiệm kỳ 2019 - 2024</a>
<span>(2019-05-1{n}T02:49:00.000Z)</span></h2><p>Thực hiện kế hoạch của Liên đoàn Lao động huyện, công đoàn cơ
sở số {n} đã tổ chức thành công đại hội nhiệm kỳ 2019 - 2024, bầu ban chấp hành mới gồm bảy đồng chí.</p></div>"""


def test_a_page_wrapper_named_header_holds_the_story_and_its_headline() -> None:
    """A template that names the wrapper of the whole page "header" (a Liferay theme of a provincial
    federation): the headline in it is found, and the story is an article, not a page of chrome."""
    page = extract_page(_WRAPPER.format(main=_STORY).encode(), "http://ldld.example/cong-doan-huyen-to-chuc/")
    assert page["title"] == "Công đoàn huyện tổ chức hội nghị tổng kết phong trào thi đua năm 2019"
    assert page["page_type"] == "article" and "page_type_uncertain" not in page["quality_flags"]
    assert page["text"].startswith("Sáng ngày 20/3") and "Thông báo lịch họp" not in page["text"]


def test_a_listing_in_a_wrapper_named_header_is_still_a_listing() -> None:
    """The same template's category page: its teasers sit in the "header" wrapper too and still count."""
    teasers = "".join(_TEASER.format(n=n) for n in range(1, 7))
    page = extract_page(_WRAPPER.format(main=f'<div class="list">{teasers}</div>').encode(),
                        "http://ldld.example/tin-tuc-su-kien/")
    assert page["page_type"] == "listing"


_NOTICE = """<html><head><title>Trang thông tin điện tử | Trường chính trị</title></head><body><form>
<nav><a href="/">Trang chủ</a> <a href="/gioi-thieu/">Giới thiệu</a></nav>
<div class="col1"><div class="pnlNoiDung"><div class="Blog_Title"><a href="#">Văn bản của Tỉnh</a></div>
<div class="TieuDe"><span>Kế hoạch tổ chức các hoạt động kỷ niệm ngày thành lập Công đoàn Việt Nam</span>
<span class="NgayDang">2019-06-27T08:54:00.000Z</span></div><div class="NoiDung">{body}</div>
<p>Xem chi tiết <a href="/files/ke-hoach.pdf">tại đây</a></p></div></div>
<footer><p><b>TRANG THÔNG TIN ĐIỆN TỬ TRƯỜNG CHÍNH TRỊ TỈNH ĐẮK NÔNG</b><br><b>Địa chỉ:</b> Đường Điểu Ong,
phường Nghĩa Trung</p></footer></form></body></html>"""


@pytest.mark.parametrize("body", ["<p>&nbsp;</p>", ""])
def test_a_document_notice_under_a_section_label_is_not_a_story(body: str) -> None:
    """A notice at a story's address that holds only its headline and a link to the document: the headline is
    the title box's, not the section label above it (wholly a link), and with no text of its own the page is
    not an article; the footer's bold name is no sapo."""
    page = extract_page(_NOTICE.format(body=body).encode(),
                        "http://truong.example/ke-hoach-to-chuc-cac-hoat-dong-ky-niem-ngay-thanh-lap-cong-doan/")
    assert page["title"] == "Kế hoạch tổ chức các hoạt động kỷ niệm ngày thành lập Công đoàn Việt Nam"
    assert page["page_type"] == "other"
    assert page["lead"] is None


def test_the_same_template_with_a_story_is_an_article() -> None:
    body = ("<p>Thực hiện kế hoạch của Liên đoàn Lao động tỉnh, nhà trường tổ chức các hoạt động kỷ niệm ngày "
            "thành "
            "lập Công đoàn Việt Nam với nhiều nội dung thiết thực, hướng về đoàn viên và người lao động.</p>"
            "<p>Các hoạt động gồm hội thi tìm hiểu lịch sử công đoàn, giải thể thao truyền thống và thăm hỏi, "
            "tặng "
            "quà đoàn viên có hoàn cảnh khó khăn trong toàn trường, kéo dài đến cuối tháng Bảy.</p>")
    page = extract_page(_NOTICE.format(body=body).encode(),
                        "http://truong.example/ke-hoach-to-chuc-cac-hoat-dong-ky-niem-ngay-thanh-lap-cong-doan/")
    assert page["title"] == "Kế hoạch tổ chức các hoạt động kỷ niệm ngày thành lập Công đoàn Việt Nam"
    assert page["page_type"] == "article" and "page_type_uncertain" not in page["quality_flags"]
    assert page["text"].startswith("Thực hiện kế hoạch") and "TRANG THÔNG TIN" not in page["text"]
    assert page["lead"] is None


def test_a_short_dated_story_over_bigger_boxes_of_cards_is_kept_flagged() -> None:
    # One paragraph under a dated headline, then twenty cards with long ledes that outweigh it: the prose under
    # the headline, before any headline link, keeps the page (flagged: the layout says listing).
    html = (f"<html><body><div class='main'><h1>Công nhân khu công nghiệp được hỗ trợ tiền thuê nhà trọ</h1>"
            f"<p>12/01/2024 08:30</p><div class='content'><p>{_SENTENCES[0]} {_SENTENCES[1]}</p>"
            f"<div class='c2'>{_cards(20, 60, '/moi')}</div></div></div></body></html>")
    page = extract_page(html.encode(), "http://ldld.example/tin-tuc/bai.html")
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]
    assert _SENTENCES[1] in page["text"]


def test_a_listing_whose_featured_heading_links_away_is_not_kept_for_its_sapo() -> None:
    # The page's heading is the featured item's linked headline: the sapo under it is a teaser's, not a story's.
    featured = (f"<div class='top'><h2><a href='/tin/noi-bat-9.html'>Công đoàn ngành giáo dục trao học bổng cho "
                f"con đoàn viên</a></h2><p>12/01/2024 08:30</p><p>{_SENTENCES[0]} {_SENTENCES[1]}</p></div>")
    html = f"<html><body><div class='list'>{featured}{_cards(12, 60)}</div></body></html>"
    page = extract_page(html.encode(), "http://ldld.example/tin-tuc")
    assert page["page_type"] == "listing" and page["quality_flags"] == []


def test_a_listing_in_a_page_wrapper_named_widget_counts_its_teasers() -> None:
    # A portal that wraps its whole page in "columns-widget" and "page-header": items with placeholder ledes
    # hold too little paragraph text to tell the wrappers from chrome, but they hold the page's own heading.
    items = "".join(f"<article class='item'><h3><a href='/tin-tuc/bai-{i}.html'>Công đoàn trường tổ chức hoạt "
                    f"động chào mừng ngày lễ số {i}</a></h3><div>Nội dung đang được cập nhật...</div></article>"
                    for i in range(8))
    html = ('<html><head><title>Hoạt động nhà trường</title><meta property="og:type" content="article"></head>'
            "<body><div id='page-header'><div class='columns-widget'><div class='title'>Hoạt động nhà trường</div>"
            f"{items}</div></div></body></html>")
    page, notes = explain_page(html.encode(), "http://ldld.example/tin-tuc-su-kien")
    assert notes["signals"]["teasers"] == 8
    assert page["page_type"] == "listing"


def test_a_story_typed_as_one_div_of_prose_survives_cards_with_paragraph_ledes() -> None:
    # A school post typed as one <div> of sentences, related cards with <p> ledes beside it in the same body
    # box: trafilatura reads divs only when the box holds little paragraph text; the story's div is a paragraph.
    story = " ".join(_SENTENCES[:6])
    html = (f"<html><body><div class='main'><h1>Công nhân khu công nghiệp được hỗ trợ tiền thuê nhà trọ</h1>"
            f"<p>12/01/2024 08:30</p><div class='content'><div style='font-size: 11px'>{story}</div>"
            f"<div class='c2'>{_cards(20, 60, '/moi')}</div></div></div></body></html>")
    page = extract_page(html.encode(), "http://ldld.example/tin-tuc/bai-viet.html")
    assert page["page_type"] == "article"
    assert _SENTENCES[0] in page["text"] and _SENTENCES[5] in page["text"]


def test_a_short_story_at_a_story_address_with_no_date_among_teaser_boxes_is_kept_flagged() -> None:
    # Two paragraphs under a long headline, no date printed, three boxes of teasers after the story: the prose
    # that opens under the headline at a story's address keeps it; the same page at a category address does not.
    boxes = "".join(f"<div class='b{k}'>{_cards(12, 0, f'/muc{k}')}</div>" for k in range(3))
    html = (f"<html><body><div class='main'><h1>Ban Dân tộc giám sát việc thực hiện nghị quyết hỗ trợ đồng bào "
            f"tại các huyện</h1><div class='content'><p>{_SENTENCES[0]} {_SENTENCES[1]}</p></div>{boxes}</div>"
            "</body></html>").encode()
    page = extract_page(html, "http://hdnd.example/ban-dan-toc-giam-sat-viec-thuc-hien-nghi-quyet-ho-tro.html")
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]
    assert extract_page(html, "http://hdnd.example/hoat-dong/")["page_type"] == "listing"


_SECTION_MENU = ("<nav class='menu'><ul><li><a href='/'>Trang chủ</a></li><li><a href='/gioi-thieu'>Giới thiệu</a>"
                 "</li><li><a href='/tin-tuc-su-kien'>Tin tức - Sự kiện</a></li><li><a href='/van-ban'>Văn bản"
                 "</a></li></ul></nav>")
_STAMPED = ('<meta property="og:type" content="article">'
            '<meta property="article:published_time" content="2021-03-23T14:19:48+0700">')


def _section_page(heading: str, menu: str) -> dict:
    html = (f"<html><head>{_STAMPED}</head><body><header>{menu}</header><div class='main'><h1>{heading}</h1>"
            f"<div class='list'>{_cards(12, 16)}</div></div></body></html>")
    return extract_page(html.encode(), "http://truong.example/tin-tuc-su-kien")


def test_a_category_page_headed_by_its_menu_item_is_a_listing_whatever_the_template_stamps() -> None:
    # A school portal stamps every page with og:type "article" and a published time; its category page is
    # headed by the section's name, a link of the site's menu. That heading is no story's headline, so the
    # stamped metadata has nothing of the page's own under it: a listing, dropped without a flag.
    page = _section_page("Tin tức - Sự kiện", _SECTION_MENU)
    assert page["page_type"] == "listing" and page["quality_flags"] == []


def test_the_same_heading_outside_any_menu_still_counts_as_a_headline() -> None:
    # Without the menu the heading could be a story's (four words or more): the stamped metadata keeps the page,
    # flagged, as before.
    page = _section_page("Tin tức - Sự kiện", "")
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]


def test_a_story_whose_headline_a_most_read_box_repeats_is_still_an_article() -> None:
    # A "most read" box that lists the story itself is not a menu: the headline stays the story's own.
    headline = "Công nhân khu công nghiệp được hỗ trợ tiền thuê nhà trọ"
    box = (f"<div class='most'><h2>Đọc nhiều</h2><ul><li><a href='/tin-tuc/ho-tro-nha-tro.html'>{headline}</a>"
           f"</li></ul>{_cards(6, 16)}</div>")
    page = extract_page(_story_page(2, "", head=_STAMPED, after=box), "http://ldld.example/tin-tuc/ho-tro-nha-tro.html")
    assert page["page_type"] == "article" and page["title"] == headline


def test_a_photo_story_with_a_sentence_under_its_headline_at_a_story_address_is_kept_flagged() -> None:
    # No date, no metadata: a headline, one sentence of its own, then pictures with captions (the gallery
    # layout). At a story's address the sentence under the headline keeps it, flagged; at an album's address,
    # or without the sentence, it stays a gallery.
    items = "".join(f'<div class="photo"><img src="/anh/{i}.jpg"><p>Công nhân nhận quà Tết, ảnh {i}</p></div>'
                    for i in range(8))

    def page(url: str, sentence: str) -> dict:
        html = (f"<html><body><h1>Công đoàn trao quà Tết cho công nhân khu công nghiệp</h1>{sentence}{items}"
                "</body></html>")
        return extract_page(html.encode(), url)

    story = "http://ldld.example/tin-tuc/cong-doan-trao-qua-tet-cho-cong-nhan-khu.html"
    sentence = f"<p>{_PROSE[:120].rsplit(' ', 1)[0]}.</p>"
    kept = page(story, sentence)
    assert kept["page_type"] == "article" and "page_type_uncertain" in kept["quality_flags"]
    assert page(story, "")["page_type"] == "other"
    assert page("http://ldld.example/album/12", sentence)["page_type"] == "other"


@pytest.mark.parametrize("placeholder", ["Nội dung đang được cập nhật...", "Đang cập nhật", "Coming soon!"])
def test_a_story_page_holding_only_a_placeholder_is_not_stored(placeholder: str) -> None:
    # The story's address, a dated headline, a published time: everything but text. The placeholder (as sapo and
    # body) is nothing to store.
    html = (f"<html><head>{_STAMPED}</head><body><div class='main'><h1>Chương trình hoạt động của Hội Chữ thập đỏ "
            f"nhà trường</h1><p>Ngày đăng: 03/09/2020</p><div class='brief'>{placeholder}</div>"
            f"<div class='content'><p>{placeholder}</p></div></div></body></html>")
    page = extract_page(html.encode(), "http://truong.example/tin-tuc/chuong-trinh-hoat-dong-cua-hoi-chu-thap-do.html")
    assert page["page_type"] == "other"


def test_a_story_that_mentions_an_update_is_still_an_article() -> None:
    # "đang được cập nhật" inside a sentence of a story is not a placeholder.
    html = (f"<html><head>{_STAMPED}</head><body><h1>Danh sách công nhân nhận hỗ trợ tiền thuê nhà trọ</h1>"
            "<p>Ngày đăng: 03/09/2020</p><p>Danh sách đang được cập nhật.</p><p>" + _PROSE + "</p></body></html>")
    page = extract_page(html.encode(), "http://ldld.example/tin-tuc/danh-sach-cong-nhan-nhan-ho-tro-tien-thue.html")
    assert page["page_type"] == "article"


def test_a_press_review_page_of_links_to_other_papers_is_a_listing() -> None:
    # "The press about us": items each with a headline link to another paper's site and a date; og:type
    # "article" on every page of the site. Links to other sites are headline links too: the items are teasers.
    items = "".join(
        f'<div class="post-item"><a href="https://bao{i}.example.vn/bai-{i}-post{880 + i}.html"><img '
        f'src="/anh/{i}.jpg"></a><div class="post-item-title"><a href="https://bao{i}.example.vn/bai-{i}-post'
        f'{880 + i}.html">[Báo {i}] Công đoàn ngành dệt may trao quà cho đoàn viên đợt {i} trong dịp Tết</a>'
        f'<a class="time">{10 + i}/10/2025</a></div></div>' for i in range(12))
    html = ('<html><head><meta property="og:type" content="article"><title>Báo chí nói về chúng tôi</title></head>'
            f'<body><div class="breadcrumb"><a href="/">Trang chủ</a> Báo chí nói về chúng tôi</div>'
            f'<div class="list">{items}</div><div class="pages"><a href="?page=2">2</a> <a href="?page=3">3</a>'
            '</div></body></html>')
    page = extract_page(html.encode(), "https://truong.example.edu.vn/category/bao-chi-noi-ve-chung-toi.html")
    assert page["page_type"] == "listing"


# Issue 14: templates whose class and id names no rule knows (bench/blind_probe.py). The pages below name their
# blocks with opaque tokens and use no HTML5 role element: each rule reads structure and text only.
_OPAQUE_MENU = "<div class='k1'>" + "".join(
    f"<div class='k2'><a href='/{href}'>{label}</a></div>" for href, label in [
        ("", "Trang chủ"), ("gioi-thieu", "Giới thiệu"), ("co-cau", "Cơ cấu tổ chức"),
        ("tin-tuc-su-kien", "Tin tức - Sự kiện"), ("van-ban", "Văn bản"), ("lien-he", "Liên hệ")]) + "</div>"


def test_a_category_page_headed_by_an_item_of_an_unnamed_menu_is_a_listing() -> None:
    # The menu is a block of six short labels and nothing else (no <nav>, no "menu" class): its item heads the
    # category page, which is no story's headline, so the stamped published time has nothing of its own.
    page = _section_page("Tin tức - Sự kiện", _OPAQUE_MENU.replace("k1", "kx"))
    assert page["page_type"] == "listing" and page["quality_flags"] == []


def test_a_story_headline_in_a_box_of_headlines_is_no_section_name() -> None:
    # A box of five headlines (long labels) that repeats the story's own: no menu, the headline stays the story's.
    headline = "Công nhân khu công nghiệp được hỗ trợ tiền thuê nhà trọ"
    links = "".join(f"<div class='k4'><a href='/tin/bai-{i}.html'>Công đoàn ngành dệt may trao quà cho đoàn viên "
                    f"đợt {i}</a></div>" for i in range(4))
    box = f"<div class='k3'><div class='k4'><a href='/tin/nha-tro.html'>{headline}</a></div>{links}</div>"
    page = extract_page(_story_page(2, "", head=_STAMPED, after=box + _cards(6, 16)),
                        "http://ldld.example/tin/nha-tro.html")
    assert page["page_type"] == "article" and page["title"] == headline


def test_a_heading_that_links_to_another_story_is_no_headline_of_the_page() -> None:
    # A category page whose only heading the extractor keeps is its featured item's: an <h2> holding a link to
    # that story, over the section's cards, beside a block of prose that is not the story's (a sign-up pitch).
    pitch = "".join(f"<p>{s}</p>" for s in _SENTENCES[:5])
    featured = ("<div class='k5'><h2><a href='/tin/cong-doan-trao-qua-tet-cho-cong-nhan.html'>Công đoàn trao quà "
                "Tết cho công nhân khu công nghiệp</a></h2><p>Sáng 12/1, công đoàn trao quà.</p></div>")
    html = (f"<html><body><div class='k0'>{featured}<div class='k6'>{_cards(12, 16)}</div></div>"
            f"<div class='k7'>{pitch}</div></body></html>").encode()
    assert extract_page(html, "http://news.example/kinh-doanh.htm")["page_type"] == "listing"


def test_a_bare_heading_over_teasers_with_no_date_and_no_sentence_is_a_listing() -> None:
    # A category page of a template whose names no rule knows: og:type "article" on every page, a heading of
    # five words that no menu repeats, seventy-five cards, and the extractor kept the footer's contact lines
    # (the cards' links outweigh it). No date, no sentence of the page's own: a listing.
    bare = PageSignals(teasers=75, headline_links=81, body_chars=352, heading_words=5, pagination=True,
                       og_article=True, images=27, longest_line=238)
    decision = decide(bare, has_date=False)
    assert decision.page_type == "listing" and not decision.uncertain, decision
    # A date, a sentence under the heading or text of its own (a photo story among related cards) keeps it,
    # flagged.
    for kept, has_date in ((bare, True), (replace(bare, heading_prose_chars=120), False),
                           (replace(bare, prose_chars=120), False), (replace(bare, body_chars=800), False)):
        decision = decide(kept, has_date=has_date)
        assert decision.page_type == "article" and decision.uncertain, (kept, decision)


def test_a_placeholder_among_menu_labels_is_still_only_a_placeholder() -> None:
    # The placeholder story of a template whose chrome no name marks: the portal's name and a banner's label
    # reach the text beside the placeholder, yet no line of it is a sentence of a story.
    labels = ["Giới thiệu", "Cơ cấu tổ chức", "Kế hoạch giáo dục", "Văn bản - Công văn", "Tin tức - Sự kiện"]
    menu = "<ul>" + "".join(f"<li><a href='/m{i}'>{label}</a></li>" for i, label in enumerate(labels)) + "</ul>"
    html = (f"<html><head>{_STAMPED}</head><body><div class='k0'><p>Phòng Giáo dục và Đào tạo huyện Kiến Thụy"
            f"</p>{menu}<h1>Chương trình hoạt động của Hội Chữ thập đỏ nhà trường</h1><p>Ngày đăng: 03/09/2020</p>"
            "<div class='k3'><p>Nội dung đang được cập nhật...</p></div><p>Chính phủ điện tử</p></div>"
            "</body></html>")
    url = "http://truong.example/tin-tuc/chuong-trinh-hoat-dong-cua-hoi-chu-thap-do.html"
    page = extract_page(html.encode(), url)
    assert "Chính phủ điện tử" in page["text"] and page["page_type"] == "other"
    # A sentence beside the placeholder is a story's text: kept.
    story = html.replace("<p>Chính phủ điện tử</p>", f"<p>{_PROSE}</p>")
    page = extract_page(story.encode(), url)
    assert page["page_type"] == "article"


@pytest.mark.parametrize("heading_tag", ["h1", "h2"])
def test_a_story_whose_own_box_links_it_under_its_headline_is_no_teaser(heading_tag: str) -> None:
    # The story's column ends in an "already published" box that lists the story itself (another address of
    # it) under its headline's words, beside a sidebar of one link: the two columns are siblings that each hold
    # one headline link, but the column's link stands after the story's text, not at its head, so the column is
    # no listing item however early the same words first occur.
    headline = "Công nhân khu công nghiệp được hỗ trợ tiền thuê nhà trọ"
    body = "".join(f"<p>{s}</p>" for s in _SENTENCES[:3])
    html = (f"<html><body><div class='page'><div class='center'><{heading_tag}>{headline}</{heading_tag}>{body}"
            f"<p class='box-title'>Tin đã đưa</p><ul><li><a href='/tin-tuc/ho-tro-nha-tro-'>{headline}</a>"
            "<span>(31/07/2019)</span></li></ul></div><div class='right'><p>Văn bản mới</p>"
            "<a href='/van-ban/so-512-stttt'>Số 512/STTTT về cung cấp danh sách người phát ngôn</a></div></div>"
            "</body></html>")
    page = extract_page(html.encode(), "http://ldld.example/tin-tuc/ho-tro-nha-tro/")
    assert page["page_type"] == "article"
    assert _SENTENCES[0] in page["text"] and _SENTENCES[2] in page["text"]


def _stamped_page(title: str, body: str, path: str) -> dict:
    """A school portal's page titled ``title`` (<title> and og:title), stamped og:type article with a published
    time as the template stamps every page, its menu in the header, then ``body``."""
    html = (f"<html><head><title>{title}</title>{_STAMPED}<meta property='og:title' content='{title}'></head>"
            f"<body><header>{_SECTION_MENU}</header>{body}</body></html>")
    return extract_page(html.encode(), f"http://truong.example/{path}")


@pytest.mark.parametrize("trail", [
    "<ol class='breadcrumb'> <li><a href='/'>Trang chủ</a></li> <li><a href='/hoat-dong.html'>Hoạt động</a></li>"
    " <li><a href='/hoat-dong/chuyen-mon.html'>Hoạt động chuyên môn</a></li> </ol>",
    "<p><a href='/'>Trang chủ</a> » <a href='/hoat-dong.html'>Hoạt động</a> » "
    "<a href='/hoat-dong/chuyen-mon.html'>Hoạt động chuyên môn</a></p>",
])
def test_a_breadcrumb_ending_with_the_section_name_is_no_headline_of_a_stamped_category_page(trail: str) -> None:
    # A school portal stamps every page with og:type "article" and a published time; a category page has no
    # heading of its own, only the breadcrumb whose last entry is the section's name (og:title). The wrapper
    # around the trail (a module box, named like no chrome) is no headline: with none, the stamped metadata has
    # nothing of the page's own under it, and the page is the listing it is.
    body = f"<div class='module-box'><div class='pathway'>{trail}</div></div><div>{_cards(12, 16)}</div>"
    page = _stamped_page("Hoạt động chuyên môn", body, "hoat-dong/chuyen-mon.html")
    assert page["page_type"] == "listing" and page["quality_flags"] == []
    assert not page["title"].startswith("Trang chủ")


def test_a_contact_page_named_only_by_its_title_is_other_whatever_the_template_stamps() -> None:
    # No heading on the page: only its <title> says "Liên hệ"; the template stamps og:type article and a published
    # time on every page. Its address, phone and the form's thanks are no story: typed other, not flagged article.
    lines = ("<p>Thông tin liên hệ</p><p>Thị trấn An Châu, Châu Thành, An Giang</p><p>0296-3836231</p>"
             "<p>truong@example.edu.vn</p><p>Cám ơn quý khách đã gửi ý kiến. Chúng tôi sẽ phản hồi sớm nhất!</p>")
    assert _stamped_page("Liên hệ", f"<div class='main'>{lines}</div>", "lien-he.html")["page_type"] == "other"
    # A story whose heading no rule finds keeps its prose's evidence, whatever its short title says.
    story = "".join(f"<p>{s}</p>" for s in _SENTENCES[:6])
    assert _stamped_page("Liên hệ", f"<div class='main'>{story}</div>", "lien-he.html")["page_type"] == "article"


_DESCRIPTION = ("Thực hiện theo quy định của Thông tư số 343/2016/TT-BTC ngày 30/12/2016 của Bộ Tài chính hướng "
                "dẫn thực hiện công khai ngân sách nhà nước đối với các cấp ngân sách, Sở Tài chính đăng tải nội "
                "dung thông báo công khai tình hình thực hiện dự toán ngân sách nhà nước quý I và các phụ lục kèm "
                "theo để các cơ quan, đơn vị và người dân được biết, theo dõi và giám sát việc thực hiện ngân "
                "sách trong năm.")


def _list_view(rows: int) -> str:
    """A SharePoint list view's table: each row an item's title link, its author, its date, its category link
    and its description (one long paragraph), as a department's document list prints them."""
    return "<table class='ms-listviewtable'>" + "".join(
        f"<tr><td><div><a href='/Lists/TinTuc/DispForm.aspx?ID={i}'>Thông báo công khai dự toán ngân sách nhà "
        f"nước quý {i} năm 2018 của tỉnh</a></div></td><td>Nguyen Van Luu</td><td>4/2{i}/2018 9:20 AM</td>"
        f"<td><a href='/tin-tuc/cong-khai-ngan-sach.html'>Công khai ngân sách, dự toán, quyết toán</a></td>"
        f"<td><div>Đợt {i}: {_DESCRIPTION}</div></td></tr>" for i in range(rows)) + "</table>"


def test_a_list_views_long_item_description_is_no_story_prose() -> None:
    # Each row's description is as long as a story's paragraph; it stands beside its item's headline link (in
    # another cell), as a teaser's lede stands under its link: a listing, not an article kept with a flag.
    html = (f"<html><head><title>Các phòng ban</title></head><body><h1>Các phòng ban</h1><p>05/10/2018 13:55</p>"
            f"{_list_view(6)}</body></html>")
    page = extract_page(html.encode(), "http://tinh.example/tin-tuc-su-kien/cac-phong-ban/")
    assert page["page_type"] == "listing"


def test_a_story_in_a_layout_tables_row_beside_its_sidebar_is_kept() -> None:
    # A legacy layout: one row of three columns, menu | story | sidebar of links. The story's cell stands beside
    # cells with headline links, but the table is no list: its one row is not a list's items.
    sidebar = "".join(f"<p><a href='/tin/{i}.html'>Công đoàn ngành dệt may trao quà cho đoàn viên đợt {i}</a></p>"
                      for i in range(2))
    story = "".join(f"<p>{sentence}</p>" for sentence in _SENTENCES[:3])
    html = (f"<html><head><title>Công nhân được hỗ trợ tiền thuê nhà trọ</title></head><body><table><tr>"
            f"<td><a href='/'>Trang chủ</a></td><td><h1>Công nhân được hỗ trợ tiền thuê nhà trọ</h1><p>12/01/2024"
            f"</p>{story}</td><td>{sidebar}</td></tr></table></body></html>")
    page = extract_page(html.encode(), "http://ldld.example/tin-tuc/cong-nhan-duoc-ho-tro.html")
    assert page["page_type"] == "article" and _SENTENCES[2] in page["text"]


def test_a_label_under_a_dated_heading_is_no_sentence_of_a_notice() -> None:
    # A file record's page: a dated heading, its fields' labels, a site's "from" label closing on a colon, and
    # a box of cards: none of its lines is a sentence, so it stays a listing; the same with a sentence is kept.
    cards = "".join(f"<div class='item'><h3><a href='/tin/{i}'>Kế hoạch tổ chức hội thi giáo viên dạy giỏi cấp "
                    f"trường lần thứ {i}</a></h3></div>" for i in range(1, 6))
    page = ("<html><body><div class='main'><h1>Sổ chủ nhiệm lớp 1C năm học 2020 - 2021</h1><p>20/12/2020 18:05"
            "</p><div class='info'><p>{line}</p></div></div><div class='side'>{cards}</div></body></html>")
    label = "Từ site Cổng thông tin điện tử Trường Tiểu học Lê Quý Đôn:"
    sentence = "Cô giáo chủ nhiệm cập nhật sổ chủ nhiệm của lớp 1C cho cha mẹ học sinh theo dõi."
    url = "http://truong.example/ho-so/so-chu-nhiem-1c.html"
    assert extract_page(page.format(line=label, cards=cards).encode(), url)["page_type"] == "listing"
    kept = extract_page(page.format(line=sentence, cards=cards).encode(), url)
    assert kept["page_type"] == "article" and "page_type_uncertain" in kept["quality_flags"]


_PLAN_ITEMS = "".join(f"<li>Nội dung {k}: tổ chức thăm hỏi, tặng quà đoàn viên</li>" for k in range(1, 9))


def _plan_page(after: str = "") -> dict:
    """An undated plan posted as its items under its headline, at an address of four words ("/ke-hoach-so-12")."""
    html = ("<html><head><title>LĐLĐ huyện</title></head><body><div class='menu'><a href='/'>Trang chủ</a> "
            "<a href='/tin-tuc/'>Tin tức</a></div><div class='main'><h1>Kế hoạch tổ chức Tết sum vầy cho "
            f"đoàn viên năm 2026</h1><p>Kế hoạch gồm các nội dung sau:</p><ul>{_PLAN_ITEMS}</ul>{after}"
            "</div></body></html>")
    return extract_page(html.encode(), "http://ldld.example/tin-tuc/ke-hoach-tet-sum-vay.html")


def test_an_undated_plan_posted_as_a_list_under_its_headline_is_kept_flagged() -> None:
    # Headline, a line and eight short items (440 characters, too few for the layout rules' "headline and body", no
    # line of 80), no date, no metadata, an address of four words: no rule fired and nothing says listing; typed
    # other, the story was lost without a word.
    page = _plan_page()
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]
    assert "Nội dung 8: tổ chức thăm hỏi" in page["text"]


def test_the_same_lines_beside_a_pager_are_not_kept() -> None:
    pager = "<div class='pager'>" + "".join(f"<a href='?page={k}'>{k}</a> " for k in range(1, 6)) + "</div>"
    assert _plan_page(pager)["page_type"] != "article"


def _documents_page(rows: int) -> bytes:
    """A category page listing documents as a table (number, date, title linking to the document's page) under a
    section heading long enough to read as a headline."""
    title = "Kế hoạch tổ chức các hoạt động chăm lo Tết cho đoàn viên số"
    body = "".join(f"<tr><td>{k}/KH-LĐLĐ</td><td>0{k % 9 + 1}/11/2025</td><td><a href='/van-ban/{k}.html'>"
                   f"{title} {k}</a></td></tr>" for k in range(rows))
    return ("<html><head><title>Văn bản</title></head><body><div class='menu'><a href='/'>Trang chủ</a></div>"
            "<div class='main'><h1>Văn bản chỉ đạo của Liên đoàn Lao động tỉnh</h1><table><tr><th>Số hiệu</th>"
            f"<th>Ngày ban hành</th><th>Trích yếu</th></tr>{body}</table></div></body></html>").encode()


def test_a_list_of_documents_set_as_a_table_is_a_listing() -> None:
    # trafilatura writes each row as "| 3/KH-LĐLĐ | 04/11/2025 | Kế hoạch … |", a line no teaser block's text
    # holds as such: the rows' text was counted as the page's own, and the table kept the page as a flagged
    # article dated by its first row. Each cell of such a line lies in a teaser block.
    page = extract_page(_documents_page(10), "https://ldld.example.vn/van-ban/")
    assert page["page_type"] == "listing"


@pytest.mark.parametrize("url", ["https://ldld.example.vn/?p=123", "http://ldld.example.vn/2019/03/12/trao-qua-tet/"])
def test_a_post_s_permalink_around_its_published_and_updated_dates_is_no_headline_link(url: str) -> None:
    """WordPress's themes print "Posted on <a rel="bookmark"><time>published</time><time>updated</time></a>":
    the two dates make the link text long enough to pass for a headline, and where the permalink is not the
    fetched address (a post read at ``?p=123``, over http) the post with its previous-post link read as two
    teasers and was dropped as a listing."""
    permalink = "https://ldld.example.vn/2019/03/12/trao-qua-tet/"
    story = "".join(f"<p>Sáng nay {i}, Liên đoàn Lao động tỉnh trao hàng trăm suất quà Tết cho đoàn viên, "
                    f"người lao động có hoàn cảnh khó khăn tại khu công nghiệp số {i}, tổng giá trị hàng trăm "
                    "triệu đồng.</p>" for i in range(4))
    html = ("<html><head><title>Công đoàn tỉnh trao quà Tết</title></head><body><main><article class='post'>"
            "<header class='entry-header'><h1 class='entry-title'>Công đoàn tỉnh trao quà Tết cho đoàn viên</h1>"
            f"<div class='entry-meta'><span class='posted-on'>Posted on <a href='{permalink}' rel='bookmark'>"
            "<time class='entry-date published' datetime='2019-03-12T10:20:00+07:00'>12 Tháng Ba, 2019</time>"
            "<time class='updated' datetime='2019-03-15T08:00:00+07:00'>15 Tháng Ba, 2019</time></a></span>"
            f"</div></header><div class='entry-content'>{story}</div></article>"
            "<nav class='navigation post-navigation'><div class='nav-links'><div class='nav-previous'>"
            "<a href='/2019/03/10/giai-bong-da/' rel='prev'>Giải bóng đá công nhân lao động năm 2019</a></div>"
            "</div></nav></main></body></html>")
    page = extract_page(html.encode(), url)
    assert page["page_type"] == "article"
    assert page["published_at"].isoformat().startswith("2019-03-12T10:20") and page["text"].count("Sáng nay") == 4


_SHORT_STORY = "".join(f"<p>Sáng nay {i}, Liên đoàn Lao động tỉnh trao hàng trăm suất quà Tết cho đoàn viên, "
                       f"người lao động có hoàn cảnh khó khăn tại khu công nghiệp số {i}, tổng giá trị hàng trăm "
                       "triệu đồng.</p>" for i in range(3))
_SHORT_TITLE = "Công đoàn tỉnh trao quà Tết cho đoàn viên khó khăn"


def test_a_short_story_under_a_long_link_to_its_section_is_no_lone_listing_item() -> None:
    """A link of four words or more to the story's section above its headline ("Tin tức - Sự kiện hoạt động
    công đoàn") opened the smallest short block around it, which held the whole story of three paragraphs: it
    read as the lone item of a category's last page and the story was dropped. A lone item's block does not hold
    the page's own headline under its link."""
    html = (f"<html><head><title>{_SHORT_TITLE}</title></head><body><div class='main'><div class='cat'>"
            "<a href='/tin-tuc/hoat-dong-cong-doan'>Tin tức - Sự kiện hoạt động công đoàn</a></div>"
            f"<h1>{_SHORT_TITLE}</h1><div class='date'>12/03/2019</div><div class='content'>{_SHORT_STORY}</div>"
            "</div></body></html>")
    page = extract_page(html.encode(), "https://ldld.example.vn/tin-tuc/cong-doan-tinh-trao-qua-tet-123.html")
    assert page["page_type"] == "article" and "page_type_uncertain" not in page["quality_flags"]
    assert page["text"].count("Sáng nay") == 3
    lone = ("<html><head><title>Hoạt động công đoàn</title></head><body><div class='main'><h1>Hoạt động công đoàn"
            "</h1><div class='item'><a href='/tin-tuc/giai-bong-da-122.html'>Công đoàn huyện tổ chức giải bóng đá "
            "công nhân lao động năm 2019</a><p>Sáng nay, công đoàn huyện khai mạc giải bóng đá với mười hai đội."
            "</p></div><div class='pager'><a href='/hoat-dong-cong-doan?page=1'>1</a> "
            "<a href='/hoat-dong-cong-doan?page=2'>2</a></div></div></body></html>")
    last_page = extract_page(lone.encode(), "https://ldld.example.vn/hoat-dong-cong-doan?page=2")
    assert last_page["page_type"] == "listing"


@pytest.mark.parametrize(("linked", "fetched"), [
    # read over the other scheme, with a tracking parameter
    ("https://ldld.example.vn/tin-tuc/cong-doan-tinh-trao-qua-tet-123", "http://ldld.example.vn/tin-tuc/"
     "cong-doan-tinh-trao-qua-tet-123?utm_source=facebook"),
    # the headline links the address with "www." and a closing slash, the page was read without them
    ("https://www.ldld.example.vn/tin-tuc/cong-doan-tinh-trao-qua-tet-123/",
     "https://ldld.example.vn/tin-tuc/cong-doan-tinh-trao-qua-tet-123"),
])
def test_a_headline_linking_the_story_s_own_address_is_its_own(linked: str, fetched: str) -> None:
    """A template that links the headline to the story's address: read over the other scheme (and with a
    tracking parameter), or with and without "www." and the closing slash, the link is the page itself, not a
    featured item's headline on a listing."""
    html = (f"<html><head><title>{_SHORT_TITLE}</title></head><body><div class='main'><h1 class='title'>"
            f"<a href='{linked}'>{_SHORT_TITLE}</a></h1><div class='date'>12/03/2019</div>"
            f"<div class='content'>{_SHORT_STORY}</div></div></body></html>")
    page = extract_page(html.encode(), fetched)
    assert page["page_type"] == "article" and "page_type_uncertain" not in page["quality_flags"]


def test_an_undated_answer_under_its_headline_beside_a_box_of_other_stories_is_kept_flagged() -> None:
    """A reader's question and the federation's answer, undated and short, under their headline, beside a "Tin
    khác" box of three dated links: the layout rules read the three teasers as a listing though none of the text
    lies in them, and the answer was dropped. Teaser blocks that hold under a fifth of the text, beside a headline
    over sentences of its own, keep the page, flagged; a category whose text is its items stays a listing."""
    title = "Người lao động nghỉ việc có được hưởng trợ cấp thôi việc không?"
    headlines = ["Công đoàn huyện tổ chức giải bóng đá công nhân năm 2019",
                 "Hội nghị Ban Chấp hành Liên đoàn Lao động tỉnh lần thứ 5",
                 "Trao 200 suất quà Tết cho đoàn viên có hoàn cảnh khó khăn"]
    others = ("<div class='other'><h3>Tin khác</h3><ul>"
              + "".join(f"<li><a href='/tin-tuc/bai-{i}.html'>{headline}</a> ({10 + i}/03/2019)</li>"
                        for i, headline in enumerate(headlines))
              + "</ul></div>")
    html = (f"<html><head><title>{title}</title></head><body><div class='main'><h1>{title}</h1>"
            "<p><b>Hỏi:</b> Tôi nghỉ việc thì có được trợ cấp thôi việc không?</p><p><b>Trả lời:</b> Theo Điều 46 "
            "Bộ luật Lao động năm 2019, người lao động làm việc thường xuyên từ đủ 12 tháng trở lên được trợ cấp "
            f"thôi việc.</p>{others}</div></body></html>")
    page = extract_page(html.encode(), "https://ldld.example.vn/hoi-dap/bai-viet-123.html")
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]
    assert "Điều 46" in page["text"] and "giải bóng đá" not in page["text"]
    items = "".join(f"<div class='item'><h3><a href='/tin-tuc/bai-{i}.html'>Công đoàn huyện tổ chức hoạt động số "
                    f"{i} cho đoàn viên</a></h3><p>Sáng nay, công đoàn huyện tổ chức hoạt động số {i} với sự tham "
                    "gia của đông đảo đoàn viên, người lao động.</p></div>" for i in range(4))
    category = ("<html><head><title>Tin tức</title></head><body><div class='main'><h1>Tin tức</h1>"
                f"{items}</div></body></html>")
    assert extract_page(category.encode(), "https://ldld.example.vn/tin-tuc")["page_type"] == "listing"



def test_a_page_without_a_body_tag_whose_meta_precedes_its_head_is_read_as_a_browser_reads_it() -> None:
    """HTTrack writes its ``<meta>`` before a page's ``<head>`` tag; on a theme that prints no ``<body>`` tag,
    libxml2 then parses the page's ``<main>`` and all after it as children of ``<head>`` and makes no body
    (sonphan0910/thanhdo's mirror, a WordPress admissions portal, neither half): its category pages were kept as
    articles. A browser opens the body at the first element a head cannot hold, and so does the parser now."""
    heads = ["THÔNG BÁO TUYỂN SINH ĐẠI HỌC CHÍNH QUY ĐỢT {} NĂM 2025", "CÁC BƯỚC NHẬP HỌC TRỰC TUYẾN ĐỢT {}",
             "RÚT NGẮN THỜI GIAN NHẬN BẰNG THẠC SĨ KHÓA {}"]
    items = "".join(
        f"<article class='post'><div class='post-dh'><div class='img-post-dh'><a href='../../bai-{i}/index.html'>"
        f"<img src='../../anh/{i}.jpg'></a></div><div class='desc-post-dh'><h2 class='entry-title'>"
        f"<a href='../../bai-{i}/index.html'>{heads[i % 3].format(i)}</a></h2><p>Hội đồng tuyển sinh nhà trường "
        f"thông báo lịch xét tuyển đợt {i} cho các hệ đào tạo chính quy, liên thông và từ xa, cụ thể như sau: "
        "1. Đối tượng dự tuyển [&hellip;]</p></div></div></article>" for i in range(8))
    html = ("<!doctype html>\n<html class='no-js' lang='en'>\n<!-- Mirrored from tuyensinh.example.edu.vn by "
            "HTTrack Website Copier/3.x -->\n<!-- Added by HTTrack --><meta http-equiv='content-type' "
            "content='text/html;charset=UTF-8' /><!-- /Added by HTTrack -->\n<head><meta charset='utf-8'><title>"
            "Cổng thông tin Tuyển sinh</title></head>\n<style>.post-dh{display:flex}</style>\n<main "
            "class='site-main'><div class='container'><div class='return-home'><a href='../../index.html'>Quay "
            "lại trang chủ</a></div><header class='page-header'><h1 class='entry-title'>Danh mục: <span>Tin giáo "
            f"dục</span></h1></header><div class='page-content'>{items}</div></div></main>\n")
    page = extract_page(html.encode(), "https://tuyensinh.example.edu.vn/category/tin-giao-duc/")
    assert page["page_type"] == "listing", (page["page_type"], page["quality_flags"])
    tree = parse_html(html)
    assert tree.find("body") is not None and tree.find("body/main") is not None
    assert [child.tag for child in tree.find("head")] == ["meta", "meta", "title", "style"]


@pytest.mark.parametrize("label", ["Danh mục", "Chuyên mục", "Thẻ", "Category"])
def test_a_one_item_archive_headed_by_its_archive_label_is_no_article(label: str) -> None:
    """WordPress prints an archive's heading as "Chuyên mục: <name>" ("Danh mục: Thành tựu", a category of one
    item, 340 characters, on sonphan0910/thanhdo's mirror, neither half, was kept as an article, flagged): the
    label names a section, no story's headline. A headline that opens with such a word but no colon stays one."""
    link = "<a href='../../20-nam-hanh-trinh/'>"
    item = (f"<article class='post'><div class='post-dh'><div class='img-post-dh'>{link}<img "
            "src='../../anh/20-nam.jpg'></a></div><div class='desc-post-dh'><h2 class='entry-title'>"
            f"{link}20 NĂM HÀNH TRÌNH RỰC RỠ &#8211; TRƯỜNG ĐẠI HỌC VƯƠN XA</a></h2><p>"
            "Chúc mừng tuổi 20 của nhà trường, 30/11/2004 &#8211; 30/11/2024, chúc mừng những nỗ lực không mệt "
            "mỏi, tinh thần gắn kết và sự chuyển mình tích cực, đánh dấu chặng đường hai thập kỷ không ngừng vươn "
            "lên, đổi mới và cống hiến cho sự nghiệp giáo dục của thầy và trò [&hellip;]</p></div></div>"
            "</article>")
    html = ("<html><head><title>Cổng thông tin Tuyển sinh</title></head><body><main class='site-main'><div "
            "class='container'><div class='return-home'><a href='../../'>Quay lại trang chủ</a></div><header "
            f"class='page-header'><h1 class='entry-title'>{label}: <span>Thành tựu nổi bật</span></h1></header>"
            f"<div class='page-content'>{item}</div></div></main></body></html>")
    page = extract_page(html.encode(), "https://truong.example.edu.vn/category/thanh-tuu/")
    assert page["page_type"] != "article", (page["page_type"], page["quality_flags"])
    title = "Lưu trữ hồ sơ điện tử giúp công đoàn cơ sở tiết kiệm chi phí"
    story = (f"<html><head><title>{title}</title></head><body><main><h1>{title}</h1><div class='date'>12/03/2024"
             f"</div><div class='content'>{_SHORT_STORY}</div></main></body></html>")
    assert extract_page(story.encode(), "https://ldld.example.vn/tin-tuc/luu-tru-ho-so.html")["page_type"] == \
        "article"


def test_a_story_with_a_link_early_beside_a_sidebar_with_one_other_story_is_an_article() -> None:
    """A story whose first paragraph links a phrase of five words, beside a sidebar column holding one other
    story's headline link: the two columns each held one headline link and were read as a listing's two items,
    and the story was dropped as a listing. A block that holds the page's own headline is the page's own."""
    title = "Sẽ ban hành chương trình giáo dục phổ thông mới vào tháng tư"
    paragraphs = "".join(f"<p>Đoạn {n}: các trường học chuẩn bị điều kiện để thực hiện chương trình mới trong năm "
                         "học tới theo hướng dẫn của Bộ.</p>" for n in range(1, 6))
    html = (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><div class='col-left'>"
            "<div class='box'><h2>Tin mới</h2><div class='item'><a href='/tin-tuc/thong-bao-tuyen-sinh-lop-6'>"
            "Thông báo về việc tuyển sinh lớp 6 năm học 2018-2019</a></div></div></div><div class='main'>"
            f"<div class='detail'><div class='tieu-de'>{title}</div><span class='ngay'>19/04/2018</span>"
            "<div class='content'><p>Ngày 19/1, Bộ đã công bố thông tin về <a href='http://vtv.vn/giao-duc/giam-tai"
            f".htm'>dự thảo các chương trình môn học</a> mới.</p>{paragraphs}</div></div></div></body></html>")
    page = extract_page(html.encode(), "https://thcs.example.edu.vn/tin-tuc/se-ban-hanh-chuong-trinh")
    assert page["page_type"] == "article" and page["text"].count("Đoạn") == 5


@pytest.mark.parametrize("message", ["CHUYEN MUC CHUA CO BAI VIET", "Chuyên mục chưa có bài viết",
                                     "Không có dữ liệu", "Không có dữ liệu thuộc chuyên mục"])
def test_a_section_that_says_it_has_no_story_is_no_article(message: str) -> None:
    """An empty section of a VNPT Liferay school portal prints "CHUYEN MUC CHUA CO BAI VIET" (no tone marks) where
    its list would be, under the box introducing the school (21ts444/thcsanhoa's mirror, neither half, 14 such
    pages): the box's lines were kept as a flagged article. The message is a placeholder; a DNN school portal
    prints "Không có dữ liệu (thuộc chuyên mục)" in the same place (21ts444/thnguyentrai-tp's mirror, 6 pages)."""
    intro = ("<div class='intro'><p>Trường THCS An Hóa được thành lập theo quyết định số 2133/QĐ-UBND ngày "
             "8/5/2000 của UBND huyện Châu Thành, tỉnh Bến Tre.</p><p>Trường nằm trên địa bàn xã An Hóa, huyện "
             "Châu Thành, tỉnh Bến Tre.</p><p>Khuôn viên trường có diện tích gần mười nghìn mét vuông.</p>"
             "<p>Hiệu trưởng: Đỗ Hữu Hiền - 0941041026</p><p>Phó hiệu trưởng: Trà Thị Thanh Nhàn - 0984342713</p>"
             "<p>Chủ tịch công đoàn: Trần Thị Thùy Dương - 0123507080</p></div>")
    html = (f"<html><head><meta charset='utf-8'><title>Địa Lý</title></head><body>{intro}<div class='main'>"
            f"<div class='portlet-body'><div class='UI_Danhsachtin_tieude'><p>{message}</p></div></div></div>"
            "</body></html>")
    page = extract_page(html.encode(), "https://thcs.example.edu.vn/dia-ly.html")
    assert page["page_type"] == "other"


def test_a_theme_s_empty_category_page_is_no_listing() -> None:
    """A WordPress theme prints "Nothing Found" as the headline of a category with no post, over its search
    prompt, beside the sidebar's latest posts (21ts444/hanoipok's mirror, 11 such pages), and the SEO plugin's
    JSON-LD still calls the archive a CollectionPage, which made it a listing. The headline is the theme's message:
    the page holds no story and lists none."""
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": '
          '"CollectionPage", "name": "Môn Toán"}]}</script>')
    recent = "".join(f"<li><a href='/tin-tuc/bai-{n}/'>Trường tổ chức hoạt động ngoại khóa số {n} cho học sinh "
                     "khối mười</a><span class='post-date'>12/10/2020</span></li>" for n in range(1, 7))
    html = (f"<html><head><meta charset='utf-8'><title>Môn Toán – Trường THPT</title>{ld}</head><body>"
            "<header><nav><a href='/'>Trang chủ</a><a href='/tin-tuc/'>Tin tức</a></nav></header>"
            "<div class='row'><div class='large-9 col'><section class='no-results not-found'><header>"
            "<h1 class='page-title'>Nothing Found</h1></header><div class='page-content'><p>It seems we can’t "
            "find what you’re looking for. Perhaps searching can help.</p><form role='search'>"
            "<input type='search' "
            "name='s'></form></div></section></div><div class='post-sidebar large-3 col'><aside class='widget'>"
            f"<span class='widget-title'>Tin mới nhất</span><ul>{recent}</ul></aside></div></div></body></html>")
    page = extract_page(html.encode(), "https://thpt.example.edu.vn/tai-lieu/de-thi/mon-toan/")
    assert page["page_type"] == "other"


def test_a_short_notice_whose_only_paragraph_links_an_earlier_notice_is_an_article() -> None:
    """A WordPress theme sets a post as a thumbnail, a header with the headline, the content's one paragraph and a
    tag line, side by side in <article> (a gas dealer's monthly price notices, gasbinhminh's mirror, neither half:
    notices that say the price is unchanged link the notice they refer to inside their sentence). The paragraph
    and the tag line each held one headline link, were read as a listing's two items, and the notice was dropped.
    A link after a sentence's words in its own paragraph is a link in running text, not an item's headline."""
    title = "Thông báo điều chỉnh giờ làm việc của văn phòng từ ngày 01/06/2020"
    related = "".join(f"<article class='related-post'><h3><a href='/thong-bao-so-{n}/'>Thông báo số {n} về lịch "
                      f"tiếp nhận hồ sơ của văn phòng</a></h3><time datetime='2020-0{n}-01'>01/0{n}/2020</time>"
                      "</article>" for n in range(1, 4))
    html = (f"<html><head><meta charset='utf-8'><title>{title} – Công ty</title></head><body>"
            "<header><nav><a href='/'>Trang chủ</a><a href='/tin-tuc/'>Tin tức</a></nav></header>"
            "<div id='content'><article id='post-12'><div class='thumbnail'><img src='/anh.jpg' alt=''></div>"
            f"<header class='entry-header'><h2 class='entry-title'>{title}</h2></header>"
            "<div class='entry-content'><p>Văn phòng công ty xin trân trọng thông báo đến quý khách hàng giờ làm "
            "việc áp dụng từ ngày 01/06/2020 không thay đổi so với lịch đã công bố ngày 01/05/2020 (<a "
            "href='/thong-bao-dieu-chinh-gio-lam-viec-thang-5/'><strong>Lịch làm việc tháng 05/2020</strong></a>)"
            "<br> Trân trọng cảm ơn sự tin tưởng của quý khách hàng.<br> Trân trọng thông báo!<br> Thông tin thêm "
            "tại: <a href='https://www.facebook.com/vanphongcongty'>facebook.com/vanphongcongty</a></p></div>"
            "<div class='post-tags'><span>Tags: </span><a href='/tag/lich-lam-viec/' rel='tag'>Lịch làm việc "
            f"tháng 05 năm 2020</a></div><section id='related-posts'><h3>Bài viết liên quan</h3>{related}"
            "</section></article></div></body></html>")
    page = extract_page(html.encode(), "https://congty.example.vn/thong-bao-dieu-chinh-gio-lam-viec-thang-6/")
    assert page["page_type"] == "article"
    assert page["text"].startswith("Văn phòng công ty xin trân trọng thông báo")


def test_a_grid_s_cards_whose_names_are_too_short_for_headlines_are_teasers_too() -> None:
    """A theme's grid of projects sets each card as the same box: a name (a headline link), a lede cut with an
    ellipsis, "XEM CHI TIẾT" (a property agent's "Danh sách dự án", chauKiet71/vinhomeland's mirror, neither
    half). Cards named in five words or more were teasers; cards named in three ("LIBERA NHA TRANG") were not,
    their ledes were read as the page's own text and the list was kept as an article. A box of the same tag and
    class as the list's teasers, beside them, that links somewhere, is one of them."""
    names = ["Khu đô thị sinh thái ven biển phía nam thành phố", "Tổ hợp căn hộ cao cấp bên sông Sài Gòn",
             "AN LẠC GARDEN", "PHÚ HƯNG BAY", "MINH KHAI TOWER", "SƠN TRÀ VIEW", "HÒA BÌNH PARK"]
    cards = "".join(
        f"<div class='col large-4 medium-4'><div class='col-inner item'><div class='img'><a href='/du-an-{n}/'>"
        f"<img src='/anh-{n}.jpg' alt=''></a></div><div class='info'><h2 class='name'><a href='/du-an-{n}/'>{name}"
        f"</a></h2><div class='editor'>Dự án số {n} do chủ đầu tư triển khai tại khu vực trung tâm, phát triển "
        f"nhanh chóng về hạ tầng với tổng diện tích hơn {n}0 ha...</div></div><div class='link'><a "
        f"href='/du-an-{n}/'>XEM CHI TIẾT</a></div></div></div>" for n, name in enumerate(names, 1))
    html = ("<html><head><meta charset='utf-8'><title>Danh sách dự án – Công ty</title>"
            "<meta property='og:type' content='article'></head><body><header><nav><a href='/'>Trang chủ</a>"
            "<a href='/du-an/'>Dự án</a></nav></header><div id='content'><h1>DANH SÁCH DỰ ÁN</h1>"
            f"<div class='row'>{cards}</div></div></body></html>")
    page = extract_page(html.encode(), "https://congty.example.vn/du-an/")
    assert page["page_type"] == "listing"
