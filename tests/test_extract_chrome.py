"""Chrome the generic rules let through on whole-site mirrors of dev sites (``bench/chrome_harness.py``, issue 14):
constructed pages and blocks, one rule each (none copies a mirror's page)."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from pipelines.extract import extract_page
from pipelines.extract.clean import (
    clean_tree,
    emptied_headings,
    is_anchor_list,
    is_emptied_box,
    is_heading_text,
    is_headline_cards,
    is_headline_list,
    is_title_over_nothing,
)
from pipelines.extract.lines import clean_lines
from pipelines.extract.normalize import normalize_line

STORY = ("<p>Sáng nay, Ban Thường vụ Liên đoàn Lao động huyện tổ chức hội nghị sơ kết công tác công đoàn sáu "
         "tháng đầu năm, đánh giá kết quả chăm lo đời sống cho đoàn viên và người lao động.</p>"
         "<p>Hội nghị thống nhất các nhiệm vụ trọng tâm sáu tháng cuối năm, trong đó ưu tiên phát triển đoàn "
         "viên tại các doanh nghiệp ngoài nhà nước và tổ chức Tháng Công nhân.</p>")
TITLE = "Liên đoàn Lao động huyện sơ kết công tác sáu tháng đầu năm"


def _page(column: str, sidebar: str = "", head: str = "") -> dict:
    html = (f"<html><head><title>{TITLE}</title></head><body>{head}<div class='wrap'><div class='col-main'>"
            f"<h1>{TITLE}</h1><div class='content'>{STORY}</div>{column}</div>"
            f"<div class='col-side'>{sidebar}</div>"
            "</div></body></html>")
    return extract_page(html.encode(), "https://huyen.example.gov.vn/tin-tuc/so-ket-cong-tac-sau-thang.html")


def _cleaned_text(markup: str) -> str:
    tree = lxml_html.document_fromstring(f"<html><body><div class='content'>{STORY}</div>{markup}</body></html>")
    clean_tree(tree)
    return normalize_line(tree.text_content())


def test_a_portal_panel_left_with_only_its_heading_goes() -> None:
    panels = ('<div class="panel"><div class="panel-heading"><div class="panel-title">Danh mục tin</div></div>'
              '<div class="panel-body"><ul><li><a href="/a">Tin tức</a></li><li><a href="/b">Thông báo</a></li>'
              '<li><a href="/c">Văn bản</a></li></ul></div></div>'
              '<div class="panel"><div class="panel-heading"><div class="panel-title">Liên kết giáo dục</div>'
              "</div>"
              '<div class="panel-body"><select><option>--- Chọn liên kết ---</option></select></div></div>')
    page = _page("", sidebar=panels)
    assert "Hội nghị thống nhất" in page["text"]
    assert "Danh mục tin" not in page["text"] and "Liên kết giáo dục" not in page["text"]


def test_an_emptied_box_is_one_whose_only_text_is_a_marked_heading_and_no_story_photo() -> None:
    def box(markup: str) -> lxml_html.HtmlElement:
        return lxml_html.fragment_fromstring(markup)

    assert is_emptied_box(box('<div><div class="panel-heading">Video Clip</div><div class="body"></div></div>'))
    assert is_emptied_box(box('<div><h3>Chính phủ điện tử</h3><div><a href="https://x.gov.vn/"><img src="b.png">'
                              "</a></div></div>"))
    # a story's section heading over its photos, a signature, a box with text of its own: kept
    assert not is_emptied_box(box('<div><h3>Một số hình ảnh của hội thi</h3><div><img src="1.jpg"></div></div>'))
    assert not is_emptied_box(box('<div><h3>Hình ảnh</h3><a href="/up/1.jpg"><img src="/up/1.jpg"></a></div>'))
    assert not is_emptied_box(box('<div class="author"><strong>Nguyễn Văn An</strong><span></span></div>'))
    assert not is_emptied_box(box('<div><h3>Tin mới</h3><ul><li><a href="/a">Một tin</a></li></ul></div>'))
    assert not is_emptied_box(box('<div><h3>Kết luận.</h3><div></div></div>'))
    welcome = "Chào mừng bạn đến với cổng thông tin điện tử của Trường Tiểu học số 2 thị trấn, huyện miền núi"
    assert is_emptied_box(box(f'<div><div class="panel-title">{welcome}</div><div></div></div>'))
    assert not is_emptied_box(box(f"<div><h3>{welcome}</h3><div></div></div>"))  # long: only a named title


def test_a_widget_heading_alone_in_its_box_takes_the_linked_rows_after_it() -> None:
    rows = "".join(f'<a href="#"><div>Số: {12 + i}/QĐ-UBND</div><div>Ngày: <span>31/12/9999</span></div><div>'
                   f"Quyết định phê duyệt danh mục thủ tục hành chính số {i}</div><div>Xem chi tiết ...</div></a>"
                   for i in range(3))
    text = _cleaned_text(f'<div><div></div><table><tr><td>VĂN BẢN MỚI</td></tr></table><div class="r">{rows}'
                         f"</div><p>Đoạn văn sau hộp vẫn được giữ lại vì không phải là liên kết.</p></div>")
    assert "Hội nghị thống nhất" in text and "Đoạn văn sau hộp vẫn được giữ lại" in text
    assert "VĂN BẢN MỚI" not in text and "thủ tục hành chính" not in text and "Xem chi tiết" not in text


def test_a_list_dated_by_machine_stamps_is_a_headline_list() -> None:
    items = "".join(f'<li><a href="/tin-{i}">Thông báo tuyển dụng viên chức đợt {i}</a><span class="ShowDate"> '
                    f"2019-08-0{i}T05:00:00.000Z</span></li>" for i in range(1, 4))
    assert is_headline_list(lxml_html.fragment_fromstring(f"<ul>{items}</ul>"))
    plain = items.replace("T05:00:00.000Z", "")
    assert is_headline_list(lxml_html.fragment_fromstring(f"<ul>{plain}</ul>"))
    prose = items.replace("2019-08-0", "tổ chức lúc ")
    assert not is_headline_list(lxml_html.fragment_fromstring(f"<ul>{prose}</ul>"))


_CARDS = "".join(f'<article class="item"><h2 class="title"><a href="/tin/{i}">Kế hoạch tổ chức hội thi '
                 f"giáo viên dạy giỏi cấp trường lần thứ {i} năm học 2024 - 2025</a></h2></article>"
                 for i in range(1, 6))
_NOTICE = ("<html><head><title>Lịch thi học kỳ I</title></head><body><div class='row'><div class='col-left'>"
           "<article class='news-detail'><header><span class='post-date'>Thứ 3, 08/10/2024 | 11:02</span>"
           "</header><div class='article-content'><h1 class='title-detail'>Lịch thi học kỳ I</h1>"
           "<div class='brief'><p>Nhà trường thông báo lịch thi học kỳ I đến toàn thể học sinh.</p></div>"
           "<div class='content-detail'><p><img src='/upload/lich-thi.png'></p></div><div class='author'>"
           "<b>Tác giả:</b> Nguyễn Văn Thanh</div></div></article></div>"
           "<div class='col-right'>{sidebar}</div></div></body></html>")


def _cards(markup: str) -> bool:
    return is_headline_cards(lxml_html.fragment_fromstring(markup))


def test_a_box_of_cards_each_only_a_linked_headline_is_chrome_whatever_its_tags() -> None:
    assert _cards(f"<section>{_CARDS}<div class='clearfix'></div></section>") and _cards(f"<div>{_CARDS}</div>")
    # A story's sub-headings hold no link; a teaser's lede beside its link is no bare headline; words outside
    # the link in its heading make it no bare headline either; two cards are no box of them.
    assert not _cards("<div>" + _CARDS.replace("<a href", "<span data-href").replace("</a>", "</span>") + "</div>")
    assert not _cards("<div>" + _CARDS.replace("</h2>", "</h2><p>Nhà trường tổ chức hội thi.</p>") + "</div>")
    assert not _cards("<div>" + _CARDS.replace('<h2 class="title">', '<h2 class="title">Mới: ') + "</div>")
    assert not _cards("<div>" + "</article>".join(_CARDS.split("</article>")[:2]) + "</article></div>")


def test_a_one_sentence_notice_beside_a_panel_of_headline_cards_is_kept_without_them() -> None:
    # trafilatura's fallback reads a short post's whole column with the sidebar's headlines; the panel is
    # chrome, the writer's box run into the sentence a credit, and the notice a story (flagged: little text).
    panel = ('<div class="panel"><div class="panel-heading"><div class="panel-title">Tin tức</div></div>'
             f'<div class="panel-body"><section class="section-list">{_CARDS}</section></div></div>')
    page = extract_page(_NOTICE.replace("{sidebar}", panel).encode(),
                        "https://thpt.example.edu.vn/thong-bao/lich-thi-hoc-ky-i.html")
    assert page["page_type"] == "article" and "page_type_uncertain" in page["quality_flags"]
    assert page["text"] == "Nhà trường thông báo lịch thi học kỳ I đến toàn thể học sinh."
    assert page["author"] == "Nguyễn Văn Thanh"


def test_a_writer_s_credit_run_into_the_last_line_is_read_and_taken_out() -> None:
    line = ("Ngày 20.10 nhà trường tổ chức kỉ niệm ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam, sau đây "
            "là một số hình ảnh:")
    credit = " Tác giả: Xuân Huy Nguồn: http://truong.example.edu.vn/tin/123.html"
    result = clean_lines([line + credit], title=None, site_names=[])
    assert result.lines == [line] and result.author == "Xuân Huy"
    result = clean_lines(["Chương trình hội trại năm nay có nhiều hoạt động.", line + " Người viết: LÊ MAI"],
                         title=None, site_names=[])
    assert result.lines[-1] == line and result.author == "Lê Mai"
    # A label inside a sentence, a clause after it, or one not at the end is the story's words.
    for text in (line + " Tác giả: Nguyễn Du, nhà thơ lớn của dân tộc.",
                 "Tác giả: Nguyễn Văn An kể lại chuyến đi", "Bài thơ có tác giả: Tố Hữu và được in năm 1960.",
                 "Bài thơ được nhiều thế hệ học sinh yêu thích có tác giả: Tố Hữu"):
        assert clean_lines([text], title=None, site_names=[]).lines == [text]


def test_a_clock_time_or_a_like_count_alone_at_the_text_s_edge_is_no_text() -> None:
    story = "Nhà trường thông báo lịch thi học kỳ I đến toàn thể học sinh và cha mẹ học sinh."
    assert clean_lines(["Thứ 3, 08/10/2024", "|", "11:02", story], title=None, site_names=[]).lines == [story]
    assert clean_lines(["11:02"], title=None, site_names=[]).lines == []
    assert clean_lines(["2+"], title=None, site_names=[]).lines == []  # a like button's count, its label gone
    assert clean_lines(["2+", story], title=None, site_names=[]).lines == [story]
    assert clean_lines([story, "7:30", "Khai mạc hội nghị.", "9h30", "Thảo luận tổ."], title=None,
                       site_names=[]).lines == [story, "7:30", "Khai mạc hội nghị.", "9h30", "Thảo luận tổ."]


def _titles_over_nothing(markup: str) -> list[str]:
    root = lxml_html.fragment_fromstring(f"<div>{markup}</div>")
    return [normalize_line(e.text_content()) for e in root.iter() if is_title_over_nothing(e)]


def test_a_box_title_over_an_empty_body_is_chrome_and_one_over_words_or_a_sub_heading_is_not() -> None:
    column = ('<div class="box_title">Hình ảnh</div><div class="clear"></div><div class="box_body"></div>'
              '<div class="clear"></div><div class="box_title">Thăm dò ý kiến</div><div class="box_body">'
              '<div id="poll"></div></div><div class="box_title">Liên kết</div><div class="box_body"><a href="/a">'
              "Sở Giáo dục</a></div>")
    assert _titles_over_nothing(column) == ["Hình ảnh", "Thăm dò ý kiến"]
    # a spacer alone is no body; a heading straight over its sub-heading, a title over a photo, and a title
    # with words after it on its line are no empty box's
    assert _titles_over_nothing('<div class="box_title">Hình ảnh</div><div class="clear"></div>') == []
    assert _titles_over_nothing('<div class="title-24"><h3>Tiêu điểm</h3></div><div class="title-20"><h3>Chi '
                                'tiết</h3></div><div class="row"><ul><li>Giá trị voucher</li></ul></div>') == []
    assert _titles_over_nothing('<p class="title">Toàn cảnh</p><div class="photo"><img src="/a.jpg"></div>') == []
    assert _titles_over_nothing('<span class="title">Ngày ban hành</span>: 12/3/2024<div class="v"></div>') == []
    # marked, not removed (as an emptied box is): trafilatura's choice of block stays; the line goes after it
    root = lxml_html.document_fromstring(f"<html><body><div class='content'>{STORY}</div>{column}</body></html>")
    clean_tree(root)
    assert emptied_headings(root) == {"Hình ảnh"}  # (the poll's box goes whole: its heading is a widget's)
    assert "Thăm dò" not in root.text_content() and "Sở Giáo dục" not in root.text_content()


def _story_closed_by(lines: str, head: str = "") -> dict:
    """The story under its headline (and ``head``), its body closed by ``lines``."""
    html = f"<html><body><h1>{TITLE}</h1>{head}<div class='content'>{STORY}{lines}</div></body></html>"
    page = extract_page(html.encode(), "https://truong.example.edu.vn/tin-tuc/so-ket-cong-tac-sau-thang.html")
    assert page["page_type"] == "article" and page["text"].endswith("tổ chức Tháng Công nhân.")
    return page


def test_a_byline_label_alone_over_the_signature_goes_with_it() -> None:
    page = _story_closed_by("<p>Tác giả bài viết:</p><p>Nguyễn Trinh</p>")
    assert page["author"] == "Nguyễn Trinh" and "Tác giả" not in page["text"]


def test_a_cms_placeholder_beside_a_notice_s_sentence_is_no_text() -> None:
    page = _story_closed_by("<p>Nội dung đang được cập nhật...</p>", head="<p>12/01/2024 08:30</p>")
    assert "cập nhật..." not in page["text"]


def test_the_headline_run_into_its_counters_and_cms_account_is_no_text() -> None:
    title = "Kế hoạch kiểm tra giữa học kỳ II năm học 2019 - 2020"
    story = "Nhà trường thông báo kế hoạch kiểm tra giữa học kỳ II đến toàn thể học sinh và cha mẹ học sinh."
    for tail in ("0 admin", "2+ Admin", "12 0 administrator"):
        assert clean_lines([f"{title} {tail}", story], title=title, site_names=[]).lines == [story]
    # words of the story after the headline are its own ("… năm 2020 có 3 điểm mới" stays)
    line = f"{title} có 3 điểm mới"
    assert clean_lines([line, story], title=title, site_names=[]).lines == [line, story]


def test_hidden_controls_back_to_top_and_skip_links_are_chrome() -> None:
    text = _cleaned_text('<a class="skip-link screen-reader-text" href="#content">Skip to content</a>'
                         '<div class="ppy"><a class="ppy-next1" title="Next image" style="display:none">Next image'
                         '</a></div><div id="backToTop" style="display:none"><span>Back to top</span></div>'
                         '<p>Ảnh: <a href="/anh/1.jpg">Toàn cảnh hội nghị</a></p>')
    assert "Hội nghị thống nhất" in text and "Toàn cảnh hội nghị" in text
    assert "Skip to content" not in text and "Next image" not in text and "Back to top" not in text


def test_related_and_widget_headings_of_school_portals() -> None:
    assert is_heading_text("Bài tin liên quan") and is_heading_text("BÀI TIN KHÁC")
    assert is_heading_text("Văn bản liên quan") and is_heading_text("Các văn bản khác:")
    assert is_heading_text("Tài liệu mới") and is_heading_text("Video Clip") and is_heading_text("Mục lục")
    assert not is_heading_text("Bài tin của phóng viên thường trú")
    assert not is_heading_text("Văn bản hướng dẫn thi hành luật")


def test_a_table_of_contents_is_chrome_and_the_sections_stay() -> None:
    toc = ('<ul class="toc_list"><li><a href="#muc-1">Đoàn viên được hỗ trợ những gì?</a></li><li>'
           '<a href="#muc-2">Thủ tục nhận hỗ trợ</a><ul><li><a href="#muc-2-1">Hồ sơ</a></li></ul></li><li>'
           '<a href="#muc-3">Thời hạn</a></li></ul>')
    assert is_anchor_list(lxml_html.fragment_fromstring(toc))
    assert not is_anchor_list(lxml_html.fragment_fromstring(toc.replace('href="#muc-3"', 'href="/tin/muc-3"')))
    with_prose = toc.replace("Thời hạn</a>", "Thời hạn</a> là 30 ngày")
    assert not is_anchor_list(lxml_html.fragment_fromstring(with_prose))
    text = _cleaned_text(f'<div class="toc-container"><p class="toc_title">Mục lục</p>{toc}</div>'
                         '<h2 id="muc-1">Đoàn viên được hỗ trợ những gì?</h2><p>Mỗi đoàn viên được hỗ trợ một '
                         "lần theo quy định của Ban Thường vụ.</p>")
    assert text.count("Đoàn viên được hỗ trợ những gì?") == 1 and "Mỗi đoàn viên được hỗ trợ" in text
    assert "Mục lục" not in text and "Thủ tục nhận hỗ trợ" not in text


def test_an_imprint_with_a_keyword_cloud_under_a_story_of_captions_goes() -> None:
    """The site's imprint (owner, address, licence, copyright lines) in a box that also holds a cloud of keyword
    links, under a story that is mostly short photo captions: it holds more than half of the page's prose and
    more than 700 characters with the links, and it is still the site's, not the story's."""
    imprint = ("<div class='k7'>Copyright 2004-2012 Báo điện tử, all rights reserved."
               "<br>Cơ quan chủ quản: Công ty Cổ phần Truyền thông Trực tuyến của tỉnh"
               "<br>Trụ sở: Tầng 12, Tòa nhà số 36 đường Hoàng Cầu, Phường Ô Chợ Dừa, Quận Đống Đa, TP Hà Nội"
               "<br>Tel: (84-4) 3512 1806 - Fax: (84-4) 3512 1804"
               "<br>Văn phòng đại diện: Tầng 5, Toà nhà số 39B đường Trường Sơn, Phường 2, Quận Tân Bình"
               "<br>Giấy phép số 232/GP-TTĐT ngày cấp 4/12/2008 của Cục Quản lý Phát thanh, Truyền hình và "
               "Thông tin điện tử, Bộ Thông tin và Truyền thông"
               "<br>Chịu trách nhiệm xuất bản: Nguyễn Văn An"
               "<br>Ghi rõ nguồn khi phát hành lại thông tin từ website này<div><p>"
               + ", ".join(f"<a href='/tag/{n}'>từ khóa tìm kiếm số {n}</a>" for n in range(1, 25))
               + "</p></div></div>")
    captions = "".join(f"<p>Ảnh {n}: đoàn viên tại lớp học buổi tối.</p>" for n in range(1, 6))
    html = (f"<html><head><title>{TITLE}</title></head><body><div class='k1'><h1>{TITLE}</h1>"
            f"<div class='k2'><p>{STORY[3:STORY.index('</p>')]}</p>{captions}</div></div>{imprint}</body></html>")
    page = extract_page(html.encode(), "https://huyen.example.gov.vn/tin-tuc/so-ket-cong-tac-sau-thang.html")
    assert "Sáng nay" in page["text"] and "Ảnh 5" in page["text"]
    assert "Cơ quan chủ quản" not in page["text"] and "Tel:" not in page["text"], page["text"]


def test_an_advertiser_s_contact_box_with_tel_and_email_lines_goes() -> None:
    """An advertiser's contact lines ("Email:", "Tel:") right under the story, in its box: the site's imprint."""
    box = ("<div>Đơn vị quảng cáo:<br>0944 525 625 (Ms. Trang)<br>Email: quangcao@example.vn<br>"
           "Tel: 844 39748899 Ext: 2222<br>Hỗ trợ khách hàng: 01268 269 779</div>")
    html = (f"<html><head><title>{TITLE}</title></head><body><div class='k1'><h1>{TITLE}</h1>"
            f"<div class='k2'>{STORY}{box}</div></div></body></html>")
    page = extract_page(html.encode(), "https://huyen.example.gov.vn/tin-tuc/so-ket-cong-tac-sau-thang.html")
    assert "Hội nghị thống nhất" in page["text"]
    assert "quangcao@example.vn" not in page["text"] and "Tel:" not in page["text"]


def test_a_line_that_is_the_author_is_no_body_line_when_more_follows_it() -> None:
    """A right-aligned bold signature that is not the story's last line (a box of facts follows it, in no box
    a rule names): it is the byline, not a paragraph."""
    html = (f"<html><head><title>{TITLE}</title></head><body><div class='k1'><h1>{TITLE}</h1><div class='k2'>"
            f"{STORY}<p align='right'><b>Quang Phong - Tùng Nguyên</b></p></div><div class='k3'><p>- Ngày sinh: "
            "14/5/1984</p><p>- Nơi sinh: Hà Nội</p><p>- Tài sản: 60,8 tỷ đồng</p></div></div></body></html>")
    page = extract_page(html.encode(), "https://huyen.example.gov.vn/tin-tuc/so-ket-cong-tac-sau-thang.html")
    assert page["author"] == "Quang Phong - Tùng Nguyên"
    assert "Quang Phong" not in page["text"] and "Hội nghị thống nhất" in page["text"]


def test_a_closing_signature_takes_the_few_short_lines_after_it_and_an_opening_one_takes_none() -> None:
    """The writer's name closes the story; a tag line and a box of facts after it, in boxes no rule names, are
    not body. The same name printed over the story (a byline under the headline) keeps the story."""
    paragraphs = "".join(STORY.replace("sáu tháng", f"{n} tháng") for n in range(3, 6))
    after = ("<div class='k5'><a href='/tag/a'>Apple</a> <a href='/tag/b'>iPhone</a> "
             "<a href='/tag/c'>Vision Pro</a></div><div class='k3'><p>- Ngày sinh: 14/5/1984</p>"
             "<p>- Nơi sinh: Hà Nội</p></div>")
    signature = "<p align='right'><b>Minh Hoàng</b></p>"
    for before, behind, kept in ((paragraphs, signature + after, False), (signature, paragraphs, True)):
        html = (f"<html><head><title>{TITLE}</title><meta name='author' content='Minh Hoàng'></head><body>"
                f"<div class='k1'><h1>{TITLE}</h1><div class='k2'>{before}{behind}</div></div></body></html>")
        page = extract_page(html.encode(), "https://huyen.example.gov.vn/tin-tuc/so-ket-cong-tac-sau-thang.html")
        assert page["author"] == "Minh Hoàng" and "Minh Hoàng" not in page["text"]
        assert page["text"].count("Hội nghị thống nhất") == 3
        if not kept:
            assert "Ngày sinh" not in page["text"] and "Vision Pro" not in page["text"], page["text"]


def test_an_inline_element_inside_a_sentence_stays_whatever_its_class() -> None:
    """A price marked up for a currency widget ("<abbr class='rate-usd'>") in the middle of a sentence is part
    of the sentence; the same class on a box of its own is chrome."""
    sentence = ("<p>Trong khi đó, kính thực tế ảo với mức giá <abbr class='rate-usd'>3.499 USD</abbr> đang trở "
                "thành trở ngại lớn đối với hãng trong việc mở rộng thị trường tại Việt Nam.</p>")
    html = (f"<html><head><title>{TITLE}</title></head><body><div class='k1'><h1>{TITLE}</h1><div class='k2'>"
            f"{STORY}{sentence}</div><div class='rate-usd'>Tỷ giá USD hôm nay 25.350 đồng</div></div>"
            "</body></html>")
    page = extract_page(html.encode(), "https://huyen.example.gov.vn/tin-tuc/so-ket-cong-tac-sau-thang.html")
    assert "mức giá 3.499 USD đang trở thành" in page["text"]
    assert "Tỷ giá" not in page["text"]


def test_a_link_wrapped_alone_in_a_span_inside_a_sentence_is_the_sentence_s_words() -> None:
    """An editor's link in its own ``<span>`` (Word paste, a CMS's link plug-in) inside a sentence or closing it
    is part of the sentence (AEB's gizmodo.com pages lost three such phrases mid-sentence as "link blocks"); a
    span of a link after a label ("Xem thêm:") or alone in a menu row is still a link list."""
    body = ("<p>Theo <span><a href='/van-ban/nghi-dinh-145.html'>Nghị định 145/2020/NĐ-CP</a></span> của Chính "
            "phủ, người lao động được nghỉ thêm một ngày vào dịp Quốc khánh, đoàn viên công đoàn được hưởng "
            "nguyên lương trong những ngày nghỉ này.</p>"
            "<p>Ban Thường vụ đề nghị các công đoàn cơ sở phổ biến nội dung này tới toàn thể người lao động "
            "<span><a href='/tin-tuc/huong-dan-nghi-le.html'>theo hướng dẫn mới</a></span>.</p>"
            "<p>Xem thêm: <span><a href='/tin-tuc/lich-nghi-le.html'>Lịch nghỉ lễ Quốc khánh năm nay</a></span>"
            "</p>"
            "<div class='k3'><span><a href='/'>Trang chủ</a></span> | <span><a href='/tin-tuc'>Tin tức</a></span>"
            "</div>")
    html = (f"<html><head><title>{TITLE}</title></head><body><div class='k1'><h1>{TITLE}</h1><div class='k2'>"
            f"{STORY}{body}</div></div></body></html>")
    text = extract_page(html.encode(), "https://huyen.example.gov.vn/tin-tuc/so-ket-cong-tac-sau-thang.html")["text"]
    assert "Theo Nghị định 145/2020/NĐ-CP của Chính phủ, người lao động" in text
    assert "tới toàn thể người lao động theo hướng dẫn mới." in text
    assert "Lịch nghỉ lễ" not in text and "Trang chủ" not in text


def test_a_month_calendar_widget_goes_and_a_table_of_figures_stays() -> None:
    days = [""] * 6 + [str(d) for d in range(1, 32)] + [""] * 5
    weeks = "".join("<tr>" + "".join(f"<td>{d}</td>" for d in days[w * 7:w * 7 + 7]) + "</tr>" for w in range(6))
    head = "".join(f"<th>{d}</th>" for d in ("CN", "T2", "T3", "T4", "T5", "T6", "T7"))
    calendar = f"<table><tr>{head}</tr>{weeks}</table>"
    figures = ("<table><tr><td>Đơn vị</td><td>Đoàn viên</td><td>Công đoàn cơ sở</td></tr><tr><td>Huyện A</td>"
               "<td>1.250</td><td>12</td></tr><tr><td>Huyện B</td><td>980</td><td>9</td></tr></table>")
    # A league table of seven columns whose first numbers its rows 1 to 30 is the story's, not a calendar.
    rows = "".join(f"<tr><td>{n}</td><td>Đội {n}</td><td>{n % 9 + 1}</td><td>{n % 5}</td><td>{n % 4}</td>"
                   f"<td>{n % 3}</td><td>{n % 7 + 10}</td></tr>" for n in range(1, 31))
    standings = ("<table><tr><th>TT</th><th>Đội</th><th>Trận</th><th>Thắng</th><th>Hòa</th><th>Thua</th>"
                 f"<th>Điểm</th></tr>{rows}</table>")
    html = (f"<html><head><title>{TITLE}</title></head><body><div class='k1'><h1>{TITLE}</h1><div class='k2'>"
            f"{STORY}{figures}{standings}</div><div class='k3'>{calendar}</div></div></body></html>")
    page = extract_page(html.encode(), "https://huyen.example.gov.vn/tin-tuc/so-ket-cong-tac-sau-thang.html")
    assert "Huyện A" in page["text"] and "1.250" in page["text"] and "Đội 30" in page["text"]
    assert "| 27 | 28 |" not in page["text"] and "T7" not in page["text"], page["text"]


# Issue 14: widgets of templates whose class and id names no rule knows (bench/blind_probe.py): opaque tokens, no
# HTML5 role element. Each is told by what it holds.
def test_a_newsletter_box_around_an_email_field_goes_whatever_its_name() -> None:
    box = ("<div class='k1'><div class='k2'>Đăng ký nhận bản tin của Liên đoàn Lao động huyện</div>"
           "<div class='k3'><input type='email' placeholder='Nhập email'><a class='k4'>Đăng ký</a></div>"
           "<p class='k5'>Khi đăng ký nhận tin qua email, bạn chấp thuận các điều khoản của trang.</p></div>")
    text = _cleaned_text(box)
    assert "Đăng ký nhận bản tin" not in text and "chấp thuận các điều khoản" not in text
    assert "hội nghị sơ kết công tác công đoàn" in text


def test_a_rating_row_of_radio_buttons_goes_and_a_story_beside_a_field_stays() -> None:
    stars = "".join(f"<input type='radio' value='{i}'>" for i in range(1, 6))
    rating = (f"<div class='k1'><div class='k2'>Tổng số điểm của bài viết là: 0 trong 0 đánh giá</div><div>{stars}"
              "<span>Bấm để đánh giá bài viết</span></div></div>")
    text = _cleaned_text(rating)
    assert "Tổng số điểm" not in text and "Bấm để đánh giá" not in text and "hội nghị sơ kết" in text
    # A field inside the story's own container (a comment box under a short story) takes nothing of the story.
    tree = lxml_html.document_fromstring(f"<html><body><div class='k0'>{STORY}<input type='text'></div>"
                                         "</body></html>")
    clean_tree(tree)
    assert "hội nghị sơ kết" in tree.text_content() and "Tháng Công nhân" in tree.text_content()


def test_a_photo_story_s_captions_beside_its_rating_stay_and_the_rating_goes() -> None:
    """A photo story (photos, each with a short caption) whose block also holds the rating's stars: its text is
    short, as a widget's is, but its captions are the story (a school portal's platform, thpt-nguyenbinhkhiem's
    mirror, neither half: the whole story went as the rating's box)."""
    stars = "".join(f"<input type='radio' value='{i}'>" for i in range(1, 6))
    captions = "".join(f"<p><img src='/anh/{n}.jpg'></p><p style='text-align:center'>{text}</p>" for n, text in
                       enumerate(("Đoàn chủ tịch đại hội", "Các đại biểu tham dự", "Đại biểu thảo luận")))
    html = ("<html><head><title>Đại hội</title></head><body><div class='k1'><div class='k2'><h1>Đại hội công "
            "đoàn cơ sở nhiệm kỳ 2023-2028</h1><p>Chiều ngày 16/9/2023, công đoàn cơ sở nhà trường tổ chức đại "
            "hội nhiệm kỳ 2023-2028 với sự tham dự của toàn thể đoàn viên, đại diện công đoàn ngành giáo dục và "
            "lãnh đạo nhà trường. Đại hội đã tổng kết hoạt động nhiệm kỳ qua, đề ra phương hướng nhiệm kỳ mới và "
            "bầu ban chấp hành gồm năm đồng chí.</p></div>"
            f"<div class='k3'><div class='k4'>{captions}</div><div class='k5'><div>Tổng số điểm "
            f"của bài viết là: 0 trong 0 đánh giá</div><div>{stars}</div></div></div></div></body></html>")
    page = extract_page(html.encode(), "https://thpt.example.edu.vn/thong-bao/dai-hoi-cong-doan.html")
    assert "Đoàn chủ tịch đại hội" in page["text"] and "Các đại biểu tham dự" in page["text"], page["text"]
    assert "Tổng số điểm" not in page["text"]


def test_a_one_sentence_story_marked_article_body_beside_its_rating_stays() -> None:
    """A photo post of one sentence whose block, marked ``itemprop="articleBody"``, sits with the rating's stars in
    a short wrapper (a school portal's platform, thcshoangluong's mirror, a dev site: the text came out as a
    clock's "00:00"): the page's microdata says where the story is, and no widget's box takes it."""
    stars = "".join(f"<input type='radio' value='{i}'>" for i in range(1, 6))
    html = ("<html><head><title>Tổ chức kỉ niệm 20.10</title></head><body><div class='k0'><h1>Tổ chức kỉ niệm "
            "ngày Phụ nữ Việt Nam 20.10</h1></div><div class='k1'><div class='k2'><div itemprop='articleBody'>"
            "<p>Ngày 20.10, công đoàn trường tổ chức kỉ niệm ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam, sau "
            "đây là một số hình ảnh:</p><p><img src='/anh/1.jpg'><img src='/anh/2.jpg'></p></div><div class='k5'>"
            f"<div>Tổng số điểm của bài viết là: 0 trong 0 đánh giá</div><div>{stars}</div></div></div></div>"
            # the portal's column of notices beside it, more paragraph text than the post
            f"<div class='k9'>{STORY}{STORY}</div></body></html>")
    page = extract_page(html.encode(), "https://thcs.example.edu.vn/tin-cong-doan/to-chuc-ki-niem-20-10.html")
    assert "công đoàn trường tổ chức kỉ niệm ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam" in page["text"]
    assert "Tổng số điểm" not in page["text"]


def test_a_contact_block_linking_an_email_and_a_phone_goes_whatever_its_labels() -> None:
    footer = ("<div class='k7'><div class='k8'><h3>CÔNG TY CỔ PHẦN DỊCH VỤ</h3><p>Giấy chứng nhận đăng ký doanh "
              "nghiệp số 0104093672 do Sở Kế hoạch và Đầu tư cấp.</p><p>Văn phòng: Ngõ 15 Duy Tân, Cầu Giấy</p>"
              "<ul><a href='mailto:cskh@congty.example.vn'>cskh@congty.example.vn</a></ul>"
              "<p><a href='tel:19008095'>1900 8095</a></p></div></div>")
    text = _cleaned_text(footer)
    assert "Giấy chứng nhận" not in text and "hội nghị sơ kết" in text


def test_a_permalink_line_goes_and_a_headline_linked_to_its_permalink_stays() -> None:
    meta = ("<div class='k1'>Posted on <a href='index.html' rel='bookmark'>30 Tháng Mười Hai, 2020</a> by "
            "<a href='/author/admin/'>admin</a></div>")
    footer = ("<div class='k2'>This entry was posted in <a href='/hoat-dong/' rel='category tag'>Hoạt động</a>. "
              "Bookmark the <a href='index.html' rel='bookmark'>permalink</a>.</div>")
    text = _cleaned_text(meta + footer)
    assert "Posted on" not in text and "permalink" not in text and "hội nghị sơ kết" in text
    headline = f"<h2 class='k3'><a href='/bai-khac.html' rel='bookmark'>{TITLE}</a></h2>"
    assert TITLE in _cleaned_text(headline)


_WAYBACK_TOOLBAR = (
    "<div id='wm-ipp-base' lang='en' style='display:none;direction:ltr;'><div id='wm-ipp'><div id='wm-ipp-inside'>"
    "<div id='wm-logo'><a href='/web/'>Wayback Machine</a></div><table><tr><td><span>success</span>"
    "<span>fail</span></td><td>NOV</td><td>Dec</td><td>27</td><td>2018</td><td>2019</td></tr></table>"
    "<div id='wm-capinfo'><div>COLLECTED BY</div><div>Organization: Internet Archive</div>"
    "<div>TIMESTAMPS</div><div>Nguyễn Văn Capture</div></div></div></div></div>"
    "<div id='wm-ipp-print'>The Wayback Machine - https://web.archive.org/web/20181127/http://ldld.example.vn/</div>"
)


def test_a_web_archive_s_toolbar_is_no_part_of_the_page() -> None:
    """A page saved from the Wayback Machine carries its toolbar (capture calendar, "COLLECTED BY", "TIMESTAMPS"):
    never text, byline or date of the page, whatever the page holds."""
    story = "".join(f"<p>Sáng nay, Liên đoàn Lao động huyện tổ chức hội nghị tổng kết công tác công đoàn năm "
                    f"2018, phần {n}, với sự tham gia của hơn một trăm đại biểu đến từ các công đoàn cơ sở.</p>"
                    for n in range(1, 7))
    html = ("<html><head><title>Hội nghị tổng kết công tác công đoàn năm 2018</title></head><body>"
            f"{_WAYBACK_TOOLBAR}<div class='k1'><h1>Hội nghị tổng kết công tác công đoàn năm 2018</h1>{story}"
            "</div></body></html>")
    page = extract_page(html.encode(), "https://ldld.example.vn/hoi-nghi-tong-ket/")
    assert page["page_type"] == "article"
    for word in ("COLLECTED BY", "TIMESTAMPS", "Wayback", "Internet Archive", "Capture"):
        assert word not in page["text"]
    assert page["author"] is None
    # A page whose only text is the toolbar (a document stub: its story is an attachment) has no text at all.
    stub = html.replace(story, "<p><a href='/files/qd.pdf'>Xem chi tiết tại đây</a></p>")
    bare = extract_page(stub.encode(), "https://ldld.example.vn/hoi-nghi-tong-ket/")
    assert "COLLECTED BY" not in bare["text"] and bare["author"] is None


def test_a_toolbar_insert_that_swallowed_the_page_keeps_the_page() -> None:
    """An insert left unclosed nests the page in the toolbar's block: only the toolbar's own parts go."""
    story = "".join(f"<p>Liên đoàn Lao động huyện tổ chức hội nghị tổng kết công tác công đoàn năm 2018, "
                    f"phần {n}, với sự tham gia của hơn một trăm đại biểu đến từ các công đoàn cơ sở.</p>"
                    for n in range(1, 7))
    toolbar = _WAYBACK_TOOLBAR.replace("</div></div></div></div><div id='wm-ipp-print'>", "</div></div>"
                                       "<div id='wm-ipp-print'>")
    html = ("<html><head><title>Hội nghị tổng kết công tác công đoàn năm 2018</title></head><body>"
            f"{toolbar}<div class='k1'><h1>Hội nghị tổng kết công tác công đoàn năm 2018</h1>{story}</div>"
            "</div></div></body></html>")
    page = extract_page(html.encode(), "https://ldld.example.vn/hoi-nghi-tong-ket/")
    assert page["page_type"] == "article" and "phần 6" in page["text"]
    assert "COLLECTED BY" not in page["text"] and "TIMESTAMPS" not in page["text"] and page["author"] is None


def test_a_related_block_and_cross_links_inside_the_story_are_not_text() -> None:
    """A related-stories label alone on a line with the teaser headlines under it, and "Xem thêm: <headline>" or
    ">> <headline>" lines, set inside the story's text: chrome. A sentence after the label is the story's."""
    prose = ("Công đoàn tỉnh đã trao hàng trăm suất quà cho đoàn viên có hoàn cảnh khó khăn trong dịp Tết Nguyên "
             "đán năm nay.")
    related = ["TIN LIÊN QUAN:", "Hội nghị tổng kết công tác công đoàn năm 2024 (05/03/2024)",
               "Trao quà Tết cho đoàn viên khó khăn"]
    links = ["Xem thêm: Công đoàn tỉnh tổ chức hội nghị tổng kết năm 2024",
             ">> Công chức được nghỉ 9 ngày dịp Tết"]
    result = clean_lines([prose, *related, "Chương trình diễn ra trong hai ngày tại nhà văn hóa tỉnh.", *links,
                          prose + " Hai."], title=None, site_names=[])
    assert result.lines == [prose, "Chương trình diễn ra trong hai ngày tại nhà văn hóa tỉnh.", prose + " Hai."]
    # Words of the same kind inside a sentence stay.
    sentence = "Xem thêm: các em học sinh được nghỉ học từ ngày mai, nhà trường thông báo."
    assert clean_lines([prose, sentence], title=None, site_names=[]).lines == [prose, sentence]


def test_calls_to_follow_subscribe_or_react_are_not_text() -> None:
    prose = ("Công đoàn tỉnh đã trao hàng trăm suất quà cho đoàn viên có hoàn cảnh khó khăn trong dịp Tết Nguyên "
             "đán năm nay.")
    calls = ["Theo dõi Báo Công đoàn trên Google News", "Đăng ký nhận tin tức từ Báo Công đoàn",
             "Tải ứng dụng Báo", "Ấn Like để theo dõi tin tức", "Tặng sao cho bài viết hay", "Ý kiến bạn đọc",
             "Lên đầu trang", "Đọc nhiều nhất"]
    result = clean_lines([prose, *calls, prose + " Hai."], title=None, site_names=[])
    assert result.lines == [prose, prose + " Hai."]
    # A sentence that starts the same way is the story's.
    sentence = "Theo dõi sát diễn biến của cơn bão, chính quyền đã sơ tán người dân và thông báo trên Facebook."
    assert sentence in clean_lines([prose, sentence], title=None, site_names=[]).lines


_PORTAL_IMPRINT = (
    "<table class='Footer'><tr><td><p><font size='2'><font><strong>TRANG THÔNG TIN ĐIỆN TỬ QUỸ HỖ TRỢ NÔNG DÂN "
    "TỈNH LÂM HÀ</strong></font><br><font><strong>Cơ quan quản lý : Quỹ Hỗ trợ nông dân tỉnh Lâm Hà</strong>"
    "</font><br>Giấy phép số : Giấy phép số 7/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 03/05/2017<br>"
    "Chịu trách nhiệm về nội dung : Ông Trần Văn Bình - Trưởng ban biên tập - Giám đốc Quỹ Hỗ trợ nông dân "
    "tỉnh Lâm Hà<br>Địa chỉ : 12 Đường Lê Lợi - Thị xã Bảo Lâm - Tỉnh Lâm Hà - Số điện thoại: 0263.111.222 - "
    "Fax: 0263.111.223</font></p></td></tr></table>")


def test_an_imprint_that_outweighs_a_short_notice_is_still_the_sites() -> None:
    """A notice of one line over a portal's imprint, which holds nearly all of the page's prose: the imprint
    goes, and its licence's date ("cấp ngày 03/05/2017") is not the notice's."""
    html = ("<html><head><title>QUỸ HỖ TRỢ NÔNG DÂN TỈNH LÂM HÀ</title></head><body><div class='content'>"
            "<div class='title'>Thông báo lịch sát hạch lái xe tháng 4 năm 2018 của Sở Giao thông vận tải</div>"
            "<p>Sở Giao thông vận tải thông báo lịch sát hạch lái xe tháng 4, chi tiết tại đây.</p></div>"
            f"{_PORTAL_IMPRINT}</body></html>")
    page = extract_page(html.encode(), "http://quy.example/thong-bao-lich-sat-hach-lai-xe-thang-4/")
    assert page["title"].startswith("Thông báo lịch sát hạch")
    assert "Giấy phép" not in page["text"] and "Cơ quan quản lý" not in page["text"]
    assert page["published_at"] is None


def test_an_imprint_line_holding_the_sites_name_is_no_headline() -> None:
    """A category page titled with the site's name: the imprint's bold owner line holds that name, and was taken
    for the headline (then guarded from removal, its licence date the page's)."""
    items = "".join(f"<div class='item'><a class='title-cat-item' href='/bai-{n}/'>Tin hoạt động số {n} của quỹ "
                    f"trong tháng</a><div class='intro'>Nội dung tóm tắt của tin số {n} về hoạt động của quỹ "
                    "trong tháng qua tại các huyện.</div></div>" for n in range(5))
    html = ("<html><head><title>Quỹ Hỗ trợ nông dân tỉnh Lâm Hà</title></head><body>"
            f"<div class='content'>{items}</div>{_PORTAL_IMPRINT}</body></html>")
    page = extract_page(html.encode(), "http://quy.example/linh-vuc-hoat-dong/")
    assert not page["title"].startswith("Cơ quan quản lý")
    assert page["published_at"] is None and "Giấy phép" not in page["text"]


def test_markup_a_cms_printed_as_text_goes_and_its_words_stay() -> None:
    # A story's HTML escaped twice: the page shows "<div style=…>", "<span …>" and Word's "<o:p></o:p>" as text.
    story = ("<p>Sáng 9/4, Ban Chấp hành Công đoàn tỉnh khai mạc hội nghị lần thứ 15 để đánh giá kết quả thực "
             "hiện nhiệm vụ quý I và bàn nhiệm vụ trọng tâm quý II của năm nay.</p>")
    html = ("<html><body><h1>Hội nghị Ban Chấp hành Công đoàn tỉnh lần thứ 15</h1><div class='content'>" + story
            + "<p>&lt;o:p&gt;&lt;/o:p&gt;</p><p>&lt;div style=\"text-align:justify\"&gt;"
            "&lt;span style=\"font-family:\"times new roman\",times\"&gt;"
            "Văn phòng là cơ quan tham mưu, giúp việc cho Ban Chấp hành.&lt;/span&gt;&lt;br /&gt;&lt;/div&gt;</p>"
            "<p>Điểm trung bình &lt; 5 và &gt; 3 được tính riêng.</p>"
            + story.replace("15", "16") + "</div></body></html>")
    lines = extract_page(html.encode(), "http://ldld.example/hoi-nghi/")["text"].split("\n")
    assert lines[1:3] == ["Văn phòng là cơ quan tham mưu, giúp việc cho Ban Chấp hành.",
                          "Điểm trung bình < 5 và > 3 được tính riêng."]
    assert not any("<" in line and ">" in line and "style" in line or "o:p" in line for line in lines)


@pytest.mark.parametrize(("line", "kept"), [
    ("Bản quyền tác giả được bảo vệ", True),  # a story's heading that opens with the words
    ("Bản quyền thuộc Trường THPT Nhân Chính", False), ("Bản quyền © 2011 Bongdaplus.vn", False),
    ("Bản quyền thuộc về Báo điện tử Dân trí. Cấm sao chép", False), ("Bản quyền: LĐLĐ tỉnh", False),
])
def test_a_copyright_line_says_whose_it_is(line: str, kept: bool) -> None:
    story = "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh đã diễn ra."
    lines = clean_lines([story, line, story], title=None, site_names=["ldld.example.vn"]).lines
    assert (line in lines) is kept


@pytest.mark.parametrize("subheading", ["Tin nổi bật", "Văn bản mới", "Bình chọn"])
def test_prose_under_a_subheading_in_widget_words_stays_the_story(subheading: str) -> None:
    # A widget's heading takes the teasers after it (headline links and their ledes), never a paragraph of prose
    # before any link: the story's next paragraphs went with the heading and the story was typed other.
    paragraphs = [
        "Sáng 9/4, Công đoàn ngành Y tế tỉnh tổ chức hội thi tay nghề cho 120 đoàn viên là điều dưỡng, kỹ thuật "
        "viên của các bệnh viện trong tỉnh, nhằm nâng cao chất lượng chăm sóc người bệnh và tinh thần phục vụ.",
        "Phát biểu tại buổi lễ, Chủ tịch Công đoàn ngành đề nghị các công đoàn cơ sở tiếp tục chăm lo đời sống, "
        "bảo vệ quyền lợi hợp pháp của đoàn viên và người lao động trong thời gian tới.",
        "Dịp này, Ban tổ chức đã trao 15 giải thưởng cho các thí sinh đạt thành tích cao, trong đó có 3 giải "
        "nhất, 5 giải nhì và 7 giải ba, với tổng giá trị giải thưởng hơn 30 triệu đồng."]
    html = ("<html><head><title>Hội thi tay nghề điều dưỡng năm 2024</title></head><body><div class='content'>"
            f"<h1>Hội thi tay nghề điều dưỡng năm 2024</h1><p>{paragraphs[0]}</p><h2>{subheading}</h2>"
            f"<p>{paragraphs[1]}</p><p>{paragraphs[2]}</p></div></body></html>")
    page = extract_page(html.encode(), "http://ldld.example/tin/hoi-thi-2024.html")
    assert page["page_type"] == "article" and all(p in page["text"].split("\n") for p in paragraphs)


def test_a_breadcrumb_trail_set_in_the_story_s_block_goes_with_its_unlinked_last_entry() -> None:
    """A trail of links from the home page joined by arrows, ending in the story's own headline unlinked (which
    keeps its share of link text under half), set as a line inside the story's block, is not the story's text;
    a sentence that starts with the home page's name, or links joined by words, stays."""
    trails = [f"<p>&nbsp;<a href='/'>Trang chủ</a>&nbsp;&gt;&nbsp;<a href='/tin-tuc'>Tin tức</a>&nbsp;&gt;&nbsp;"
              f"{TITLE}</p>",
              f"<div><a href='/'>Home</a> » <a href='/tin-tuc'>Tin tức</a> » <a href='/hoat-dong'>Hoạt động</a>"
              f" » {TITLE}</div>",
              "<p><a href='/'>Trang chủ</a> / <a href='/tin-tuc'>Tin tức sự kiện</a></p>"]
    for trail in trails:
        html = (f"<html><head><title>{TITLE}</title></head><body><div class='wrap'><div class='col-main'>"
                f"<div class='content'><h1>{TITLE}</h1>{trail}{STORY}</div></div></div></body></html>")
        page = extract_page(html.encode(), "https://huyen.example.gov.vn/tin-tuc/so-ket-cong-tac-sau-thang.html")
        assert page["title"] == TITLE
        assert "Tin tức" not in page["text"] and "Trang chủ" not in page["text"], trail
        assert page["text"].startswith("Sáng nay, Ban Thường vụ") and "Hội nghị thống nhất" in page["text"]
    kept = ["<p><a href='/'>Trang chủ</a> của <a href='/ldld'>Liên đoàn Lao động tỉnh</a> có giao diện mới từ "
            "hôm nay, với chuyên mục hỏi đáp pháp luật dành cho đoàn viên.</p>",
            "<p><a href='/'>Trang chủ</a> và <a href='/tin-tuc'>Tin tức</a> &gt; được cập nhật hằng ngày.</p>"]
    for line in kept:
        text = _cleaned_text(line)
        assert "cập nhật" in text or "giao diện mới" in text, line


def test_other_stories_teasers_set_after_the_story_with_no_heading_leave_the_text() -> None:
    """Two or three items of other stories (a headline linking away and its lede) set after the story's last
    paragraph with no heading to name them ("Tin khác") are the template's, not the story's: from the first
    such headline on, the lines go, when they are under half of the text; a story's own closing lines that no
    headline opens stay."""
    items = "".join(f"<div class='item'><h3><a href='/tin/{i}.html'>{headline}</a></h3><p>{lede}</p></div>"
                    for i, (headline, lede) in enumerate([
                        ("Công đoàn huyện tổ chức giải bóng đá công nhân lao động năm 2024",
                         "Mười hai đội bóng của các doanh nghiệp tham gia giải đấu kéo dài hai tuần."),
                        ("Hội nghị Ban Chấp hành Liên đoàn Lao động tỉnh lần thứ năm",
                         "Hội nghị đánh giá kết quả sáu tháng và bàn nhiệm vụ cuối năm.")]))
    closing = "<p>Mọi thắc mắc xin liên hệ Văn phòng Liên đoàn Lao động huyện, điện thoại 0261 3123 456.</p>"
    html = (f"<html><head><title>{TITLE}</title></head><body><div class='col-main'><h1>{TITLE}</h1>"
            f"<div class='date'>12/03/2024</div><div class='content'>{STORY}{closing}{items}</div></div>"
            "</body></html>")
    page = extract_page(html.encode(), "https://huyen.example.gov.vn/tin-tuc/so-ket-cong-tac-sau-thang.html")
    assert page["page_type"] == "article"
    assert "giải bóng đá" not in page["text"] and "Mười hai đội" not in page["text"]
    assert "Hội nghị thống nhất" in page["text"] and page["text"].endswith("0261 3123 456.")


def test_a_box_of_running_text_above_the_headline_is_not_the_story() -> None:
    """A VNPT Liferay school portal prints a box introducing the school (its founding decision, address, head
    teacher) above every page, beside the column that holds the story (21ts444/thcsanhoa's mirror, neither half):
    its paragraphs opened every story's text. Running text before the headline, outside the blocks holding it, is
    not the story's when the text under the headline is most of the page's."""
    title = "Nâng cao chất lượng dạy và học môn Ngữ văn"
    intro = ("<div class='portlet-journal-content'><div class='journal-content-article'><p>Trường THCS An Hóa "
             "được thành lập theo quyết định số 2133/QĐ-UBND ngày 8/5/2000 của UBND huyện Châu Thành</p><p>Trường "
             "nằm trên địa bàn xã An Hóa, Châu Thành, Bến Tre</p><p>Hiệu trưởng: Đỗ Hữu Hiền</p></div></div>")
    paragraphs = [
        "Phấn đấu đến cuối năm học, mỗi đơn vị, trường học đều có ít nhất một nội dung công việc mới có ứng dụng "
        "công nghệ thông tin trong quản lý.",
        "Đây là một trong những nội dung hướng dẫn thực hiện nhiệm vụ ứng dụng công nghệ thông tin của Sở Giáo "
        "dục và Đào tạo trong năm học mới.",
        "Sở cũng yêu cầu các phòng giáo dục phân công lãnh đạo phụ trách và chuyên viên làm đầu mối theo dõi, "
        "triển khai nhiệm vụ trong năm học.",
        "Việc thực hiện các hoạt động ứng dụng công nghệ thông tin phải chú trọng đến tính hiện đại, tiết kiệm và "
        "hiệu quả trong toàn ngành."]
    story = "".join(f"<p>{line}</p>" for line in paragraphs)
    html = (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><div class='menu'><a href='/'>"
            f"Trang chủ</a></div>{intro}<div class='columns'><div class='col-main'><div class='detail'>"
            f"<div class='detail-title'>{title}</div><div class='startdate'>07/11/2017</div>"
            f"<div class='detail-body'>{story}</div></div></div></div></body></html>")
    page = extract_page(html.encode(), "https://thcs.example.edu.vn/chi-tiet-tin?/2")
    assert page["page_type"] == "article" and page["text"] == "\n".join(paragraphs)


def test_running_text_above_a_headline_found_under_the_story_stays() -> None:
    """The same rule takes nothing when the text under the headline is not most of the page's: a headline found
    in the wrong place (a box of other stories under the story) must not cost the story its text."""
    story = "".join(f"<p>Đoạn thứ {n} của bài viết kể về hội nghị tổng kết công tác công đoàn năm nay tại huyện, "
                    "với sự tham dự của hàng trăm đoàn viên.</p>" for n in range(1, 8))
    html = ("<html><head><meta charset='utf-8'><title>Hội nghị tổng kết công đoàn</title></head><body>"
            f"<div class='content'>{story}</div><div class='more'><h3>Hội nghị tổng kết công đoàn</h3>"
            "<p>Một dòng ngắn.</p></div></body></html>")
    page = extract_page(html.encode(), "https://ldld.example.vn/tin-tuc/hoi-nghi-tong-ket-cong-doan.html")
    assert page["text"].count("Đoạn thứ") == 7
