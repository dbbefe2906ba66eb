"""Body text on public-sector layouts (issue 14): constructed pages, one rule each (none copies a fixture), and
dev pages perturbed the ways unseen sites differ (`tests/body_variants.py`; the test half is never read)."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from pipelines.extract import extract_page
from pipelines.extract.clean import br_lines_as_paragraphs, clean_tree
from pipelines.extract.page import prose_list_items
from tests import body_variants

SENTENCE = ("Công đoàn cơ sở nhà trường phối hợp với chuyên môn tổ chức kiểm tra định kỳ hồ sơ của "
            "đoàn viên, tổng hợp kết quả và báo cáo Ban Thường vụ trước ngày {n} hằng tháng.")


def _word_pasted_lines() -> str:
    """A story pasted from a word processor: every line a stack of <span>s, lines separated by <br>, no <p>."""
    lines = [f'<span style="font-size:12pt"><span lang="EN-US">{SENTENCE.format(n=n)}</span></span>'
             for n in range(1, 6)]
    lines.insert(2, '<span style="font-size:12pt"><span lang="IT">- Ban</span><span> nữ công</span></span>')
    lines.insert(4, '&nbsp; <strong><span>4</span></strong><strong><span>. Kiểm tra </span></strong>'
                    '<b><i>công tác</i></b><strong><span> thi đua.</span></strong>')
    return "<br />\n".join(lines) + "<br />"


def test_inline_elements_inside_a_br_line_do_not_split_it() -> None:
    html = f"""<html><head><title>Kế hoạch kiểm tra hồ sơ đoàn viên năm học mới</title></head><body>
    <div class="wrap"><div class="col"><h1>Kế hoạch kiểm tra hồ sơ đoàn viên năm học mới</h1>
    <div id="story-html">{_word_pasted_lines()}</div></div>
    <div class="col"><div>Hình ảnh</div><div>Đăng ký thành viên</div></div></div></body></html>"""
    page = extract_page(html.encode(), "https://truong.example.edu.vn/news/ke-hoach-kiem-tra-12.html")
    lines = page["text"].split("\n")
    assert "- Ban nữ công" in lines and "4. Kiểm tra công tác thi đua." in lines
    assert sum(SENTENCE.format(n=n) in lines for n in range(1, 6)) == 5
    assert "Đăng ký thành viên" not in page["text"]


LONG = SENTENCE.format(n=9)


def test_br_runs_become_paragraphs_and_blocks_stay() -> None:
    root = lxml_html.fromstring(f"<div>lead <b>bold</b> end<br><span>a</span><span>b</span><br>"
                                f"<div>block</div>tail <i>x</i><br> <br>{LONG}</div>")
    br_lines_as_paragraphs(root)
    assert [(c.tag, c.text_content()) for c in root] == [
        ("p", "lead bold end"), ("p", "ab"), ("div", "block"), ("p", "tail x"), ("p", LONG)]
    assert root.find(".//br") is None


def test_a_single_br_or_a_stack_of_labels_is_left_alone() -> None:
    for source in (f"<div><span>{LONG}</span><br><span>two</span></div>",
                   "<div>LIÊN ĐOÀN LAO ĐỘNG<br>HUYỆN MIỀN NÚI<br><span>Điện thoại: 0123 456 789</span><br></div>"):
        root = lxml_html.fromstring(source)
        br_lines_as_paragraphs(root)
        assert lxml_html.tostring(root, encoding="unicode") == source


def test_a_photo_block_among_br_lines_keeps_its_caption() -> None:
    root = lxml_html.fromstring(f'<div>{LONG}<br><br><center><img src="a.jpg"><br><i>Ảnh: đoàn viên nhận quà'
                                '</i></center><br>second line<br></div>')
    br_lines_as_paragraphs(root)
    center = root.find("center")
    assert [c.tag for c in center] == ["img", "p"] and center[1].text_content() == "Ảnh: đoàn viên nhận quà"
    assert [c.text_content() for c in root if c.tag == "p"] == [LONG, "second line"]


def _photo_table(caption: str, spacer: bool = False, lightbox: bool = False) -> str:
    cell = "<td> </td>" if spacer else ""  # an empty cell before the caption's, as an editor leaves one
    image = "<img src='/img/anh.jpg'>"
    if lightbox:  # the photo links to its full size, the caption a paragraph of its cell
        image, caption = f"<a href='/upload/anh-lon.jpg' title='{caption}'>{image}</a>", f"<p>{caption}</p>"
    return (f"<table><tbody><tr><td>{image}</td></tr><tr>{cell}<td><strong><em>{caption}</em>"
            "</strong></td></tr></tbody></table>")


def test_a_caption_row_under_a_photo_in_a_table_of_its_own_is_body() -> None:
    """A portal's editor sets each photo in a two-row table of its own (image, then caption) between the story's
    paragraphs (the Đắk Nông platform: stp's and truongchinhtri's mirrors, dev sites): the caption row is body,
    though the table's wrappers hold only the photo, or the photo links to its full size and the caption is a
    paragraph of its cell (thcshoangluong's mirror, a dev site); a profile of several lines beside a portrait is
    no caption and keeps its lines."""
    profile = ("<table><tbody><tr><th><img src='/img/chan-dung.jpg'></th><th><p>Họ và tên: Nguyễn Văn An<br>"
               "Sinh năm: 1970</p><p>Trình độ chính trị: Cao cấp</p><p>Số điện thoại: 0261.655.2626</p></th></tr>"
               "</tbody></table>")
    html = ("<html><head><title>Hội thao công nhân viên chức năm 2019</title></head><body><div class='k1'>"
            "<p class='Title'>Hội thao công nhân viên chức năm 2019</p><div class='k2'>"
            f"<p>{SENTENCE.format(n=1)}</p>{_photo_table('Các đội tham gia Hội thao')}"
            f"<p>{SENTENCE.format(n=4)}</p>{_photo_table('Đoàn viên nhận giải nhất môn kéo co', lightbox=True)}"
            f"<p>{SENTENCE.format(n=2)}</p>"
            f"{_photo_table('Ban tổ chức trao giải cho các đội đạt thành tích cao', spacer=True)}"
            f"<p>{SENTENCE.format(n=3)}</p>"
            f"{profile}</div></div></body></html>")
    lines = extract_page(html.encode(), "https://so.example.gov.vn/hoi-thao-cong-nhan-vien-chuc-nam-2019/")[
        "text"].split("\n")
    assert "Các đội tham gia Hội thao" in lines and "Đoàn viên nhận giải nhất môn kéo co" in lines
    assert "Ban tổ chức trao giải cho các đội đạt thành tích cao" in lines
    assert "Trình độ chính trị: Cao cấp" in lines and "Số điện thoại: 0261.655.2626" in lines


def _titled_page(banner: str, heading: str) -> bytes:
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 5))
    return (f"<html><head><title>Trang thông tin điện tử Trường Chính trị tỉnh</title></head><body>{banner}"
            f"<div class='main'>{heading}{body}</div></body></html>").encode()


def test_a_title_inside_a_link_to_another_site_is_not_the_headline() -> None:
    banner = ('<div id="capture-info">Organization: <a href="https://archive.example.org/details/crawl">'
              '<span class="wm-title">Web Archive Crawl</span></a></div>')
    page = extract_page(_titled_page(banner, '<p class="Title">Đại hội công đoàn cơ sở nhiệm kỳ mới</p>'),
                        "https://truong.example.gov.vn/dai-hoi-cong-doan-co-so")
    assert page["title"] == "Đại hội công đoàn cơ sở nhiệm kỳ mới"


def test_a_date_printed_inside_the_heading_box_and_empty_brackets_are_not_the_title() -> None:
    for heading in ('<div class="TieuDe"><span>Đại hội công đoàn cơ sở nhiệm kỳ mới</span> '
                    '<span class="NgayDang">2019-06-27T08:44:00.000Z</span></div>',
                    '<div class="tieude">Đại hội công đoàn cơ sở nhiệm kỳ mới <span>(20/11/2019)</span></div>',
                    '<div class="title">Đại hội công đoàn cơ sở nhiệm kỳ mới <span>( )</span></div>'):
        page = extract_page(_titled_page("", heading), "https://truong.example.gov.vn/tin/dai-hoi-12.html")
        assert page["title"] == "Đại hội công đoàn cơ sở nhiệm kỳ mới", heading


def test_a_see_details_pointer_under_the_story_goes_and_the_signature_above_it_is_read() -> None:
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 5))
    html = (f"<html><head><title>Hội nghị đoàn viên</title></head><body><div class='main'>"
            f"<h1>Hội nghị đại biểu đoàn viên công đoàn cơ sở</h1>{body}"
            f"<p style='text-align:right'>Minh Thư</p><p>Xem chi tiết <a href='/'>tại đây</a></p>"
            f"</div></body></html>")
    page = extract_page(html.encode(), "https://cong-doan.example.gov.vn/hoi-nghi-dai-bieu-doan-vien")
    assert page["text"].split("\n")[-1] == SENTENCE.format(n=4)
    assert page["author"] == "Minh Thư"


def test_a_see_details_pointer_in_a_table_cell_goes_whole() -> None:
    # In a portal's table layout the pointer's link text comes out on a line of its own, closed by a stop
    # ("Xem chi tiết" / "tại đây."): both halves go, the notice's line stays.
    html = ("<html><body><table><tbody><tr><td><b class='mo-ta'>Kế hoạch tuyển dụng viên chức năm 2024</b></td>"
            "</tr><tr><td><div><p><a href='/files/ke-hoach.pdf'>/files/ke-hoach.pdf</a></p></div>"
            "<p>Xem chi tiết <a href='/files/ke-hoach.pdf'>tại đây.</a></p></td></tr></tbody></table>"
            "</body></html>")
    page = extract_page(html.encode(), "https://huyen.example.gov.vn/ke-hoach-tuyen-dung-vien-chuc/")
    assert "Kế hoạch tuyển dụng viên chức năm 2024" in page["text"]
    assert "tại đây" not in page["text"] and "Xem chi tiết" not in page["text"]


def test_a_camel_case_summary_class_marks_the_sapo() -> None:
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 4))
    sapo = "Sáng nay, công đoàn cơ sở tổ chức hội nghị đại biểu đoàn viên lần thứ nhất với gần một trăm đại biểu."
    html = (f"<html><head><title>Hội nghị đoàn viên</title></head><body><div class='main'>"
            f"<div class='TieuDe'>Hội nghị đại biểu đoàn viên công đoàn cơ sở</div>"
            f"<div class='TomTat'><span>{sapo}</span></div><div class='NoiDung'>{body}</div></div></body></html>")
    page = extract_page(html.encode(), "https://cong-doan.example.gov.vn/hoi-nghi-dai-bieu-doan-vien")
    assert page["lead"] == sapo and page["text"].split("\n")[0] == sapo


@pytest.mark.parametrize("tag", ["h2", "h3"])
def test_a_sapo_set_as_an_unnamed_subheading_is_the_lead(tag: str) -> None:
    # A portal's story: the headline, then the sapo in a bare <h3>, then the body. A whole sentence in a heading
    # right under the headline is the sapo; a short section subheading there is not.
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 4))
    sapo = ("Chiều 11/4, công đoàn cơ sở tổ chức hội nghị đại biểu đoàn viên lần thứ nhất với gần một trăm đại "
            "biểu đến từ các tổ công đoàn.")

    def page(under: str) -> dict:
        html = (f"<html><body><table><tr><td><div><h2>Hội nghị đại biểu đoàn viên công đoàn cơ sở</h2><br>"
                f"<{tag}>{under}</{tag}><br>{body}</div></td></tr></table></body></html>")
        return extract_page(html.encode(), "https://cong-doan.example.gov.vn/hoi-nghi-dai-bieu-doan-vien")

    kept = page(sapo)
    assert kept["lead"] == sapo and kept["text"].split("\n")[0] == sapo
    assert page("Kết quả hội nghị")["lead"] is None


def test_a_paragraph_set_bold_by_its_style_under_the_headline_is_the_sapo() -> None:
    # A portal's story: a bold centred headline, the sapo in a <p> made bold by its style (no <b> or <strong>),
    # then the body. A bold phrase inside the first paragraph, or a short bold line, is no sapo.
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 4))
    sapo = ("Chiều 11/4, công đoàn cơ sở tổ chức hội nghị đại biểu đoàn viên lần thứ nhất với gần một trăm đại "
            "biểu đến từ các tổ công đoàn")  # the template cuts it short: no full stop

    def page(first: str) -> dict:
        html = (f"<html><body><div class='style_text'><div style='text-align:center'><b>Hội nghị đại biểu "
                f"đoàn viên công đoàn cơ sở</b></div><br>{first}{body}</div></body></html>")
        return extract_page(html.encode(), "https://cong-doan.example.gov.vn/hoi-nghi-dai-bieu-doan-vien")

    for weight in ("bold", "700"):
        kept = page(f"<p style='text-align: justify; font-weight: {weight}'>{sapo}</p>")
        assert kept["lead"] == sapo and kept["text"].split("\n")[0] == sapo
    inline = f"<p>Hội thảo với chủ đề <span style='font-weight:bold'>{sapo}</span> đã diễn ra.</p>"
    assert page(inline)["lead"] is None
    assert page("<p style='font-weight:bold'>Kết quả hội nghị đại biểu đoàn viên năm nay</p>")["lead"] is None
    assert page(f"<p style='font-weight:normal'>{sapo}</p>")["lead"] is None


def test_a_named_sapo_beside_the_headline_survives_a_widget_named_page_wrapper() -> None:
    # A school portal wraps its whole page in "columns-widget": the sapo beside the headline is still the sapo;
    # a "summary" box of a sidebar widget elsewhere is not.
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 4))
    sapo = "Bộ Giáo dục và Đào tạo đã ban hành thông tư quy định quản lý hoạt động giáo dục kỹ năng sống."
    side = ("<div class='sidebar'><div class='summary'>Đăng ký nhận bản tin của nhà trường qua thư điện tử mỗi "
            "tuần một lần.</div></div>")
    html = (f"<html><body><div class='columns-widget container'><div class='col-main'><h1>Lúng túng giáo dục kỹ "
            f"năng sống cho học sinh</h1><div class='post-desc'><div class='news-date'>08/09/2020 - 12:01</div>"
            f"<div class='brief-detail'><p>{sapo}</p></div></div><div class='content-detail'>{body}</div></div>"
            f"{side}</div></body></html>")
    page = extract_page(html.encode(), "https://truong.example.edu.vn/lung-tung-giao-duc-ky-nang-song.html")
    assert page["lead"] == sapo and page["text"].split("\n")[0] == sapo
    html = html.replace(f"<div class='brief-detail'><p>{sapo}</p></div>", "")
    assert extract_page(html.encode(), "https://truong.example.edu.vn/lung-tung-giao-duc-ky-nang-song.html")[
        "lead"] is None


def test_attachment_box_and_session_notice_are_chrome() -> None:
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 4))
    html = (f"<html><head><title>Kế hoạch hoạt động công đoàn</title></head><body><div class='col'>"
            f"<h1>Kế hoạch hoạt động công đoàn năm học mới</h1><div class='detail'>{body}</div>"
            f"<div class='box'><div class='box-head'><strong>Tập tin đính kèm</strong></div>"
            f"<div class='files'><span>Tập tin: ke-hoach-cong-doan.docx</span></div></div>"
            f"<div id='keep-alive'>Phiên sắp kết thúc. <a href='#'>Bấm vào đây để duy trì trạng thái đăng nhập</a>"
            f"."
            f" Thời gian chờ: <span>30</span> giây</div></div></body></html>")
    page = extract_page(html.encode(), "https://truong.example.edu.vn/news/ke-hoach-hoat-dong-cong-doan-7.html")
    assert page["text"].split("\n") == [SENTENCE.format(n=n) for n in range(1, 4)]
    tree = lxml_html.fromstring(html)  # the rules themselves, not only trafilatura's choice of the story
    clean_tree(tree)
    left = tree.text_content()
    assert "đính kèm" not in left and ".docx" not in left and "trạng thái đăng nhập" not in left
    assert all(SENTENCE.format(n=n) in left for n in range(1, 4))


# ------------------------------------------------------------------ perturbed dev pages (tests/body_variants.py)

#: One dev article a site, at most this many (the README's figures are for two a site, every widget at both
#: places: ``.venv/bin/python tests/body_variants.py``).
VARIANT_CASES = 10


@pytest.fixture(scope="module")
def variant_outcomes() -> list[body_variants.Outcome]:
    return body_variants.run(body_variants.load_cases(1, VARIANT_CASES), one_place=True)


def test_widgets_in_the_article_column_leak_nothing_and_lose_nothing(
        variant_outcomes: list[body_variants.Outcome]) -> None:
    widgets = [o for o in variant_outcomes if o.group == "widget"]
    assert len(widgets) >= 8 * len(body_variants.WIDGETS)
    wrong = [(o.variant, o.case, o.lost, o.leaked, o.mistyped, o.metadata) for o in widgets
             if o.lost or o.leaked or o.mistyped]
    assert not any(o.leaked or o.mistyped for o in widgets), wrong
    assert len(wrong) <= WIDGET_LOST_MAX, wrong
    # Dated teaser rows may lend a page with no date of its own a date (README, "Body text on layouts ...").
    assert sum(bool(o.metadata) for o in widgets) <= 2, [(o.variant, o.case, o.metadata) for o in widgets
                                                         if o.metadata]


def test_moved_bylines_split_stories_and_renamed_sapos_keep_the_story(
        variant_outcomes: list[body_variants.Outcome]) -> None:
    layouts = [o for o in variant_outcomes if o.group == "layout"]
    wrong = [(o.variant, o.case, o.lost, o.leaked, o.mistyped, o.metadata) for o in layouts
             if o.lost or o.leaked or o.mistyped or o.metadata]
    assert not any(o.lost or o.mistyped for o in layouts), wrong
    assert len(wrong) <= LAYOUT_WRONG_MAX, wrong


#: Layout variants still wrong on the test's cases (a bold byline under a sapo that a related box separates from
#: the story; see the README): a ceiling, like the evaluation floors. 6 since the byline rewrites with a related
#: box or a photo between byline and story were added: the same two pages (dakglong, dantri) fail all three top
#: bylines.
LAYOUT_WRONG_MAX = 6
#: Widget variants that lose body text: the slide banner that the harness appends inside the table cell holding
#: dakrlap.daknong.gov.vn's last paragraph takes that paragraph with it (README, "Dates, chrome and bylines ...").
WIDGET_LOST_MAX = 1


def _story_page(main: str, title: str = "Trang thông tin điện tử Sở Tài nguyên và Môi trường tỉnh") -> bytes:
    return (f"<html><head><title>{title}</title></head><body><div class='menu'><a href='/'>Trang chủ</a></div>"
            f"{main}</body></html>").encode()


def test_a_story_split_across_sibling_blocks_and_wrapped_in_a_span_is_read_whole() -> None:
    first = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 4))
    second = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(4, 7))
    main = (f"<h1>Hội nghị đại biểu đoàn viên công đoàn cơ sở</h1><div class='content'>{first}</div>"
            f"<div class='qc'><img src='/qc.gif'></div><div class='content'>{second}</div>")
    page = extract_page(_story_page(main), "https://cd.example.gov.vn/tin/hoi-nghi-dai-bieu-12.html")
    assert page["text"].split("\n") == [SENTENCE.format(n=n) for n in range(1, 7)]
    main = (f"<h1>Hội nghị đại biểu đoàn viên công đoàn cơ sở</h1><div><span style='font-size:10pt'>{first}</span>"
            "</div>")
    page = extract_page(_story_page(main), "https://cd.example.gov.vn/tin/hoi-nghi-dai-bieu-12.html")
    assert page["text"].split("\n") == [SENTENCE.format(n=n) for n in range(1, 4)]


def test_pointer_lines_and_tool_bars_in_a_story_are_chrome() -> None:
    extra = ("<p><strong>&gt;&gt; Xem thêm:</strong> <a href='/tin/a-1.html'>Công đoàn ngành Y tế tổ chức hội "
             "thao</a></p><div><span>Chia sẻ:</span> <a href='#'>Facebook</a> <a href='#'>Zalo</a> <a href='#'>In "
             "bài</a></div><div>Lượt xem: 1.234 | Bình luận (0)</div>")
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" + (extra if n == 2 else "") for n in range(1, 5))
    main = f"<h1>Hội nghị đại biểu đoàn viên công đoàn cơ sở</h1><div class='content'>{body}</div>"
    page = extract_page(_story_page(main), "https://cd.example.gov.vn/tin/hoi-nghi-dai-bieu-12.html")
    assert page["text"].split("\n") == [SENTENCE.format(n=n) for n in range(1, 5)]


def test_a_bold_headline_without_tag_or_class_under_a_portal_name() -> None:
    """The <title> and the banner give the portal's name; the headline is the bold line over the story."""
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 4))
    main = ("<h1>Trang thông tin điện tử Sở Tài nguyên và Môi trường tỉnh</h1><div class='style_text'>"
            "<div style='text-align:center'><b><span>Bồi dưỡng kỹ năng trợ giúp pháp lý đất đai</span></b></div>"
            f"{body}</div>")
    page = extract_page(_story_page(main), "https://stnmt.example.gov.vn/Pages/boi-duong-ky-nang.aspx")
    assert page["title"] == "Bồi dưỡng kỹ năng trợ giúp pháp lý đất đai"
    assert page["text"].split("\n")[0] == SENTENCE.format(n=1)


def test_a_headline_set_apart_only_by_a_style_sheet_is_the_title() -> None:
    """No heading tag, no class our rules know, no emphasis, a <title> that is the portal's name: the headline is
    the line of its own over the sapo, not the category bar above it; a letterhead in capitals, a motto or a
    line closing with a full stop is no headline."""
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 4))
    headline = "Công đoàn ngành Giáo dục tổ chức hội nghị tổng kết công tác năm học"
    main = ("<table><tr><td>HOẠT ĐỘNG CỦA LÃNH ĐẠO</td><td>09.08.2019 07:58</td></tr></table>"
            f"<div class='k1a2'><p class='k9f0'>{headline}</p>{body}</div>")
    page = extract_page(_story_page(main), "https://stnmt.example.gov.vn/tin/hoi-nghi-tong-ket-12.html")
    assert page["title"] == headline
    assert page["text"].split("\n") == [SENTENCE.format(n=n) for n in range(1, 4)]
    assert page["published_at"] is not None
    assert page["published_at"].strftime("%d/%m/%Y %H:%M") == "09/08/2019 07:58"
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ĐỘC LẬP", "Độc lập – Tự do – Hạnh phúc",
                 f"{headline}."):
        main = f"<div class='k1a2'><p class='k9f0'>{line}</p>{body}</div>"
        page = extract_page(_story_page(main), "https://stnmt.example.gov.vn/tin/hoi-nghi-tong-ket-12.html")
        assert page["title"] != line, line


def test_a_short_heading_over_a_list_of_links_is_a_menu_s_label_not_the_headline() -> None:
    """A portlet's <h1> over the site's sections, in no box our rules name: the headline is the <h2> over the
    story. A short headline beside a two-link breadcrumb stays the headline."""
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 4))
    menu = "".join(f"<li><a href='/chuyen-muc/{n}'>Đại hội công đoàn cấp cơ sở số {n}</a></li>"
                   for n in range(1, 7))
    headline = "Đak Song: Chấn chỉnh tác phong, lề lối làm việc của cán bộ"
    main = (f"<div class='k1'><div class='k2'><h1>Các lĩnh vực</h1><ul>{menu}</ul></div></div>"
            f"<div class='k3'><h2>{headline}</h2>{body}</div>")
    page = extract_page(_story_page(main), "https://ldld.example.gov.vn/tin/chan-chinh-tac-phong-12")
    assert page["title"] == headline
    main = ("<div class='k3'><div><a href='/'>Trang chủ</a> » <a href='/tin'>Tin tức</a></div>"
            f"<h1>Thư chúc mừng</h1>{body}</div>")
    page = extract_page(_story_page(main), "https://ldld.example.gov.vn/tin/thu-chuc-mung-12")
    assert page["title"] == "Thư chúc mừng"


def test_a_headline_in_a_title_classed_h3_under_a_site_name_h1() -> None:
    """The <h1> is the site's banner (in its header), the story's headline a title-classed <h3> over a bold
    subheading: the <h3> is the headline, not the subheading."""
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 4))
    main = ("<div class='header'><h1>Trang thông tin dành cho giới trẻ</h1></div><div class='k1'>"
            "<h3 class='Title'>Những người khổ hạnh vì vết bớt lạ</h3>"
            "<p>Vết bớt khác thường đã thay đổi cuộc đời.</p>"
            f"<p><b>1. Anh Zhang Hongming mắc hội chứng bẩm sinh</b></p>{body}</div>")
    page = extract_page(_story_page(main, title=""), "https://ione.example.vn/nhip-song/nhung-nguoi-kho-hanh-12.html")
    assert page["title"] == "Những người khổ hạnh vì vết bớt lạ"


@pytest.mark.parametrize("headline", [
    "<h3>{h}</h3>",  # an unmarked <h3>, the page's <h1> its banner
    "<span style='font-size:16pt;font-weight:bold'>{upper}</span>",  # capitals in a large inline font
    "<div style='font-size: 18px'>{h}</div>",
])
def test_a_headline_set_by_an_h3_or_a_large_inline_font_is_the_title(headline: str) -> None:
    """No <h1>/<h2> headline, no title class, a <title> that is the site's name: the line in an unmarked <h3>
    or in a large inline font right over the story is its headline, and the story is kept (it was typed other,
    and listing beside a sidebar of links: a lost article). The <h1> and the <title> are the office's name, whose
    initials are the host's first label (sgtvt: Sở Giao thông vận tải)."""
    h = "Công đoàn ngành Giao thông tổ chức hội nghị tổng kết năm 2019"
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 6))
    side = "<div class='k5'><h2>Tin mới</h2><ul>" + "".join(
        f"<li><a href='/tin/{n}'>Hoạt động công đoàn số {n} trong tỉnh đạt kết quả tốt</a></li>"
        for n in range(5)) + "</ul></div>"
    main = (f"<div class='k0'><h1>SỞ GIAO THÔNG VẬN TẢI</h1></div>{side}<div class='k1'>"
            f"{headline.format(h=h, upper=h.upper())}{body}</div>")
    page = extract_page(_story_page(main, title="Sở Giao thông vận tải"),
                        "https://sgtvt.example.gov.vn/Pages/tin-tuc/hoi-nghi-tong-ket.aspx")
    assert page["title"].casefold() == h.casefold()
    assert page["page_type"] == "article"
    # A portal's name in large type over the headline is its banner, whatever the type.
    banner = "<div style='font-size:20px'>CỔNG THÔNG TIN ĐIỆN TỬ SỞ GIAO THÔNG VẬN TẢI THÀNH PHỐ</div>"
    main = f"<div class='k1'>{banner}<div style='font-size:16px'>{h}</div>{body}</div>"
    page = extract_page(_story_page(main, title="Sở Giao thông vận tải"),
                        "https://sgtvt.example.gov.vn/Pages/tin-tuc/hoi-nghi-tong-ket.aspx")
    assert page["title"] == h
    # A small bold box in capitals over the story (a sponsors' bar, 9pt) is no headline.
    other = "<div style='font-size:9pt;font-weight:bold'>ĐƠN VỊ TÀI TRỢ LỄ HỘI ĐUA GHE LẦN THỨ III</div>"
    main = f"<div class='k0'><h1>SỞ GIAO THÔNG VẬN TẢI</h1></div><div class='k1'>{other}{body}</div>"
    page = extract_page(_story_page(main, title="Sở Giao thông vận tải"),
                        "https://sgtvt.example.gov.vn/Pages/tin-tuc/hoi-nghi-tong-ket.aspx")
    assert page["title"] == "Sở Giao thông vận tải"


def test_a_feed_saved_as_html_is_no_page() -> None:
    """An RSS or Atom document (saved with .html, or served as text/html) lists items: it is no article."""
    item = f"<item><title>Công đoàn ngành Giáo dục tổ chức hội nghị tổng kết</title><description>{SENTENCE}" \
           "</description></item>"
    for feed in (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin tức</title>{item}'
                 "</channel></rss>", f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Tin</title><entry><title>'
                 f"Hội nghị tổng kết</title><content>{SENTENCE}</content></entry></feed>"):
        page = extract_page(feed.encode(), "https://truong.example.edu.vn/news/rss/thong-bao.html")
        assert page["page_type"] == "other" and "feed" in page["quality_flags"] and page["text"] == ""


# ----------------------------------------------------------- dates on perturbed dev pages (tests/body_variants.py)

#: Blanked dev articles, one a site (the README's figures: two a site, ``tests/body_variants.py --dates``).
DATE_CASES = 8


@pytest.fixture(scope="module")
def date_outcomes() -> list[body_variants.DateOutcome]:
    return body_variants.run_dates(body_variants.date_cases(1, DATE_CASES), rotate=True)


def test_dates_in_every_form_place_and_markup_are_read_and_distractors_give_none(
        date_outcomes: list[body_variants.DateOutcome]) -> None:
    figures = body_variants.date_figures(date_outcomes)
    assert set(figures) == {"printed", "markup", "distractor"}
    assert figures["printed"][0] >= 6 * len(body_variants.PRINTED_FORMS)
    wrong = [(o.variant, o.place, o.case, o.verdict, o.got) for o in date_outcomes if o.verdict != "right"]
    # A wrong date is worse than none: no variant may give one; a missing date is allowed on one variant in 50.
    assert not [w for w in wrong if w[3] == "wrong"], wrong
    assert len(wrong) <= len(date_outcomes) // 50, wrong


def _plan_page(after_body: str) -> dict:
    """A school's plan story of four sentences with ``after_body`` (HTML) under them."""
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 5))
    html = (f"<html><head><title>Kế hoạch năm học</title></head><body><div class='main'>"
            f"<h1>Kế hoạch hoạt động công đoàn năm học mới</h1>{body}{after_body}</div></body></html>")
    return extract_page(html.encode(), "https://truong.example.edu.vn/tin/ke-hoach-nam-hoc-moi")


def test_a_named_pointer_to_an_attached_document_goes_with_the_file_name() -> None:
    page = _plan_page("<p><span>Xem chi tiết Văn bản hướng dẫn tại đây: <a href='/files/HD12.pdf'>HD 12.pdf</a>"
                      "</span></p>")
    assert page["text"].split("\n")[-1] == SENTENCE.format(n=4)
    assert "tại đây" not in page["text"]


@pytest.mark.parametrize("pointer", ["* Xem Quyết định trong file đính kèm./.", "Chi tiết xin xem tệp đính kèm.",
                                     "Xem chi tiết kế hoạch ở file đính kèm"])
def test_a_pointer_to_the_attached_file_goes(pointer: str) -> None:
    # As "Xem chi tiết tại file" does in the dev gold (stnmt.daknong): the attachment's widget holds the document.
    # A sentence that mentions the attachment stays.
    mention = "Giáo viên xem kỹ hướng dẫn trong file đính kèm để thực hiện."
    assert _plan_page(f"<p>{mention}</p><p>{pointer}</p>")["text"].split("\n")[-1] == mention


def test_a_teaser_card_named_description_after_the_story_is_no_sapo() -> None:
    body = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 5))
    teaser = "Hội thao công nhân viên chức lao động toàn ngành giáo dục năm nay có nhiều nội dung mới"
    html = (f"<html><head><title>Hội nghị đoàn viên</title></head><body><div class='main'>"
            f"<h1>Hội nghị đại biểu đoàn viên công đoàn cơ sở</h1><div class='content'>{body}</div></div>"
            f"<div class='side'><p class='box-name'>Tin nổi bật</p><div class='item'>"
            f"<div class='description-box'><p class='time'></p><a href='/hoi-thao'>{teaser}</a></div>"
            f"<div>17/01/2026</div></div></div></body></html>")
    page = extract_page(html.encode(), "https://truong.example.edu.vn/hoi-nghi-dai-bieu-doan-vien")
    assert page["lead"] is None
    assert page["text"].split("\n")[0] == SENTENCE.format(n=1) and teaser not in page["text"]


def test_a_story_typed_as_divs_keeps_its_short_paragraphs_beside_its_long_ones() -> None:
    """A story whose every paragraph is a ``div`` of styling spans (a Liferay portal's editor, ldld.daknong's
    mirror): its long paragraphs are running prose, and the short ones between them (a first line of 190
    characters, a caption) are paragraphs as much, whichever comes first."""
    def div(text: str) -> str:
        return (f"<div style='text-align:justify'><span style='font-size:12px'><span style='color:#535353'>{text}"
                "</span></span></div><div style='text-align:justify'>&nbsp;</div>")
    short = ("Mục tiêu của dự án là xây dựng hệ thống cấp nước sinh hoạt tập trung cho 518 hộ dân trên địa bàn "
             "ba thôn.")
    long_ = ("Công trình có khả năng cấp nước 242 m3 mỗi ngày đêm; tổng vốn dự toán là gần 10 tỷ đồng, trong đó "
             "chi phí xây dựng gần 7 tỷ. Nguồn vốn thuộc Chương trình nước sạch và vệ sinh môi trường nông thôn, "
             "ngân sách huyện và nhân dân đóng góp.")
    items = "Công trình gồm các hạng mục: nhà quản lý, giếng khoan, bơm, bể chứa và đài nước."
    later = [long_.replace("242", str(300 + n)) for n in range(3)]
    html = ("<html><head><title>Công trình cấp nước vừa bàn giao đã hư hỏng</title></head><body><div class='k1'>"
            "<h2>Công trình cấp nước vừa bàn giao đã hư hỏng</h2><div class='k2'>"
            + div(short) + div(long_) + div(items) + "".join(div(text) for text in later)
            + "</div></div></body></html>")
    page = extract_page(html.encode(), "https://ldld.example.gov.vn/cong-trinh-cap-nuoc-vua-ban-giao-da-hu-hong/")
    lines = page["text"].split("\n")
    assert lines[:3] == [short, long_, items], lines


def test_a_story_pasted_into_the_sapo_box_is_kept_before_the_story_s_own_container() -> None:
    """A school portal whose editor pasted a whole notice into the sapo field (``div.brief-detail``: numbered
    heads, dashed items, several paragraphs) and the rest into the story's container: trafilatura reads the
    container (``itemprop="articleBody"``) only; the box's paragraphs open the text (thquangtrung's mirror, a
    dev site)."""
    brief = "".join(f"<p>{line}</p>" for line in (
        "Hướng dẫn tổ chức vòng thi cấp trường cho khối Tiểu học và khối THCS năm học 2019-2020.",
        "1) Về lịch thi và ca thi:", "Cuộc thi diễn ra trong hai ngày 30/11 và 1/12/2019 tại phòng máy.",
        "- Khối lớp 3: từ 9h30 đến 10h00 hoặc từ 15h30 đến 16h00", "2) Về điều kiện dự thi:",
        "- Học sinh đã vượt qua vòng tự luyện thứ 15 và có tên trong danh sách đăng ký dự thi."))
    content = "".join(f"<p>{SENTENCE.format(n=n)}</p>" for n in range(1, 4))
    html = ("<html><head><title>Lịch thi IOE vòng trường</title></head><body><article class='k1'>"
            "<h1>Lịch thi IOE vòng trường</h1><div class='post-desc'><div class='brief-detail'>" + brief + "</div>"
            "<div class='data-content'><div class='content-detail' itemprop='articleBody'>" + content
            + "</div></div></div></article></body></html>")
    page = extract_page(html.encode(), "https://th.example.edu.vn/chuyen-mon/lich-thi-ioe.html")
    lines = page["text"].split("\n")
    assert lines[0].startswith("Hướng dẫn tổ chức vòng thi cấp trường"), lines
    assert "2) Về điều kiện dự thi:" in lines and SENTENCE.format(n=3) in lines
    assert page["lead"] is None  # a box of six paragraphs is no sapo


def test_a_directive_s_numbered_points_are_kept_when_trafilatura_misses_the_story_s_container() -> None:
    """A district portal's directive (dakrlap's mirror, a dev site): the headline in a block of its own, the
    story's paragraphs and its eight numbered points (an ``<ol>`` of sentences) in nested unnamed blocks.
    Trafilatura finds no story container there and falls back to reading paragraphs, which drops lists: the
    points are read again as paragraphs. A list of headline links with ledes is no such list."""
    points = [f"Giao phòng chuyên môn số {n} của huyện tham mưu Ủy ban nhân dân huyện triển khai ngay các biện "
              "pháp phòng, chống dịch bệnh trên địa bàn." for n in range(1, 9)]
    items = "".join(f"<li style='text-align:justify'>{point}</li>" for point in points)
    html = ("<html><head><title>Trang thông tin điện tử huyện</title></head><body><form><div class='k1'>"
            "<div class='k2'><div><div><p class='Title'>Công điện khẩn về việc tập trung chỉ đạo phòng chống dịch "
            "tả lợn Châu Phi</p></div></div><div><div><div class='k3'><div class='k4'><p><strong>Ngày 17/5/2019, "
            "Chủ tịch UBND huyện ban hành Công điện số 34/CĐ-UBND về việc tập trung chỉ đạo phòng, chống dịch tả "
            "lợn Châu Phi</strong></p><p>Theo đó, Chủ tịch UBND huyện chỉ đạo Thủ trưởng các phòng, ban, đơn vị, "
            f"đoàn thể tập trung thực hiện các nhiệm vụ sau:</p><ol>{items}</ol><p>Khi phát hiện dịch bệnh "
            "xảy ra, báo cáo ngay về UBND huyện qua số điện thoại đường dây nóng.</p></div><p>Xem chi tiết <a "
            "href='/files/34CD.pdf'>tại đây</a></p></div></div></div></div></div></form></body></html>")
    page = extract_page(html.encode(), "https://huyen.example.gov.vn/cong-dien-khan-ve-viec-phong-chong-dich/")
    assert page["page_type"] == "article"
    assert all(point in page["text"].split("\n") for point in points), page["text"]
    teasers = "".join(f"<li><a href='/tin/{n}.html'>Thông báo số {n} về việc tiếp nhận hồ sơ thủ tục hành chính "
                      f"cấp tỉnh</a> Sở tiếp nhận hồ sơ và trả kết quả giải quyết thủ tục hành chính số {n} tại "
                      "Trung tâm Hành chính công của tỉnh.</li>" for n in range(1, 5))
    assert prose_list_items(lxml_html.fromstring(f"<div><ul>{teasers}</ul></div>")) == []
    assert len(prose_list_items(lxml_html.fromstring(f"<div><ol>{items}</ol></div>"))) == 8


def test_paragraphs_pasted_as_minor_headings_at_the_story_s_end_are_kept() -> None:
    """A school's post pasted from Word (theolympiaschools' mirror, a dev site): its last paragraphs carry
    "Heading 6" (``h6``), each inside a span whose class is a table of contents' anchor, a slug of the paragraph's
    words ("…-truc-tiep-nua-buoi-con-lai-la-online-…", "online" a counter's word). Trafilatura drops headings
    that close a block, and the slug is no name a template gave: both paragraphs stay. A short section heading
    (no sentence) stays a heading."""
    quote = ("“Trong bối cảnh hiện nay, thời gian biểu được cân đối lại để học trực tiếp nửa buổi, nửa buổi còn "
             "lại là online”, cô Nguyễn Thị Hằng nói.")
    close = "Nhà trường mong muốn nhận được sự đồng hành, phối hợp của phụ huynh học sinh trong giai đoạn mới."
    slug = "trong-boi-canh-hien-nay-thoi-gian-bieu-duoc-can-doi-lai-de-hoc-truc-tiep-nua-buoi-con-lai-la-online"
    story = "".join(f"<p class='MsoNormal'>{SENTENCE.format(n=n)}</p>" for n in range(1, 5))
    html = ("<html><head><title>Đón học sinh trở lại trường</title></head><body><main><section><div class='k1'>"
            f"<h1>Đón học sinh trở lại trường</h1>{story}<h5>Ảnh hoạt động</h5><h6><span class='{slug}'>{quote}"
            f"</span></h6><h6>&nbsp;</h6><h6><span>{close}</span></h6></div></section></main></body></html>")
    page = extract_page(html.encode(), "https://truong.example.edu.vn/tin-tuc/don-hoc-sinh-tro-lai-truong.html")
    lines = page["text"].split("\n")
    assert quote in lines and close in lines, lines


def test_a_widget_heading_closing_the_text_goes() -> None:
    """A widget's heading left alone at the text's end once its box and its toggle went ("Table of contents
    [Show]" over a list of anchors, "Tags [+]")."""
    for heading in ("Table of contents", "Tags", "Tin liên quan"):
        toggle = f"<p class='k8'>{heading} <span>[<a href='#'>Show</a>]</span></p>"
        anchors = "".join(f"<li><a href='#muc-{n}'>{SENTENCE.format(n=n)}</a></li>" for n in range(1, 4))
        html = ("<html><head><title>Hội nghị công đoàn</title></head><body><div class='k1'><h1>Hội nghị công đoàn"
                f"</h1>{''.join(f'<p>{SENTENCE.format(n=n)}</p>' for n in range(1, 4))}<div class='k7'>{toggle}"
                f"<ul>{anchors}</ul></div></div></body></html>")
        page = extract_page(html.encode(), "https://truong.example.edu.vn/tin-tuc/hoi-nghi-cong-doan.html")
        assert page["text"].split("\n")[-1] == SENTENCE.format(n=3), (heading, page["text"])


def test_a_drop_cap_is_put_back_at_the_start_of_its_paragraph() -> None:
    """A magazine-style post sets its first letter as a drop cap, an element of its own before the block that
    holds the paragraph ("<span class='mk-dropcaps'>K</span>" then "<p>hi còn là một...";
    xreduvn/xreduvn.github.io's mirror, neither half): the letter was lost and the story opened on "hi còn". It
    opens on "Khi còn" now; a capital before a paragraph that opens in capitals is left alone."""
    paragraphs = "".join(f"<p>Đoạn {n}: tôi đã theo học lớp vẽ của trung tâm văn hóa thiếu nhi suốt những năm "
                         "tiểu học cùng các bạn trong xóm.</p>" for n in range(1, 5))
    html = ("<html><head><meta charset='utf-8'><title>Vẽ</title></head><body><article><h1>Vẽ</h1>"
            "<div class='row'><div class='col'><span class='mk-dropcaps simple-style'>\n\tK</span>"
            "<div class='block'>"
            "<div class='mk-text-block'><p>hi còn là một thằng cu học mẫu giáo bé, tôi chưa biết vẽ là gì và cũng "
            f"chưa từng cầm bút màu.</p>{paragraphs}</div></div></div></div></article></body></html>")
    page = extract_page(html.encode(), "https://hocvien.example.vn/emagazine-ve/")
    assert page["text"].startswith("Khi còn là một thằng cu") and "\nK\n" not in page["text"]
    capital = html.replace("<p>hi còn", "<p>Hồi còn")
    text = extract_page(capital.encode(), "https://hocvien.example.vn/emagazine-ve/")["text"]
    assert "Hồi còn là một" in text and "KHồi" not in text
    # The letter in an inline element of the line (a WordPress caption's "<em>T</em><em>ân …",
    # npt1225/viettel-post's mirror) joins too; a one-letter word spaced from the next (Word Online's
    # "<span>Ở </span><span>cấp</span>", zakran3504vn/doan-thi-diem's mirror) stays a word.
    inline = html.replace("<span class='mk-dropcaps simple-style'>\n\tK</span>", "").replace(
        "<p>hi còn", "<p><a href='/anh.jpg'><em>K</em></a><em>hi còn</em> đó")
    assert "Khi còn đó" in extract_page(inline.encode(), "https://hocvien.example.vn/emagazine-ve/")["text"]
    word = html.replace("<span class='mk-dropcaps simple-style'>\n\tK</span>", "").replace(
        "<p>hi còn", "<p><span class='run'>Ở </span><span class='run'>cấp</span> trường, khi còn")
    assert "Ở cấp trường, khi còn" in extract_page(word.encode(), "https://hocvien.example.vn/emagazine-ve/")["text"]
