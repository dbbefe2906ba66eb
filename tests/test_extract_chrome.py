"""Chrome the generic rules let through on whole-site mirrors of dev sites (``bench/chrome_harness.py``, issue 14):
constructed pages and blocks, one rule each (none copies a mirror's page)."""

from __future__ import annotations

from lxml import html as lxml_html

from pipelines.extract import extract_page
from pipelines.extract.clean import (
    clean_tree,
    is_anchor_list,
    is_emptied_box,
    is_heading_text,
    is_headline_list,
)
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
