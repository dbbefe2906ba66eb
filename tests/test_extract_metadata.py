"""Titles, authors, categories, canonical URLs, and the line rules that find bylines and chrome."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from pipelines.extract import extract_page
from pipelines.extract.lines import (
    byline_and_date,
    byline_author,
    clean_lines,
    is_chrome_line,
    is_date_line,
    signature_author,
)
from pipelines.extract.metadata import (
    breadcrumb_category,
    canonical_url,
    clean_author,
    labelled_category,
    looks_like_site_name,
    person_author,
    site_names,
    source_line_author,
    strip_site_suffix,
)


@pytest.mark.parametrize(("raw", "expected"), [
    ("Hà Hiển, Văn phòng LĐLĐ tỉnh", "Hà Hiển"),
    ("TRẦN TUẤN (báo lao động)", "Trần Tuấn"),
    ("QUANG ĐẠI - THANH THỦY", "Quang Đại - Thanh Thủy"),
    ("Ngọc Liêm (LĐLĐ huyện Trảng Bom)", "Ngọc Liêm"),
    ("Minh Quân - LĐLĐ huyện Châu Thành", "Minh Quân"),
    ("Tác giả: Lê Hoa", "Lê Hoa"),
    ("Bài, ảnh: Thu Hằng", "Thu Hằng"),
    ("Đăng bởi Minh Quân lúc 10:00 20/03/2021", "Minh Quân"),
    ("Kỳ Quan LDO", "Kỳ Quan"),
    ("L.Nguyên", "L.Nguyên"),
    ("Nguyên Anh - Mỹ Linh", "Nguyên Anh - Mỹ Linh"),
    ("Chí Nghĩa - TTCNTT", "Chí Nghĩa"), ("Vương Hợp - ĐTT", "Vương Hợp"),  # an office's abbreviation after it
    ("Minh Đức - TNO", "Minh Đức"), ("MINH ĐỨC - TNO", "Minh Đức"), ("Hoàng Anh - VOV", "Hoàng Anh"),  # outlet
    ("Thanh Hà/TTXVN", "Thanh Hà"), ("N. HÀ/TTO", "N. Hà"), ("Hoàng Anh / VOV", "Hoàng Anh"),  # agency copy
    ("Quang Đại - Thanh Thủy", "Quang Đại - Thanh Thủy"), ("MINH AN - KHÁNH", "Minh An - Khánh"),  # co-authors
    ("Tịn, ảnh KHÁNH HIỀN", "Tịn"), ("Minh Hà - Ảnh: Quang Vinh", "Minh Hà"),  # the photographer's credit goes
    ("Thực hiện: Minh Khuê - Đồ họa: Lê Anh", "Minh Khuê"), ("Lan Chi - Video: Hải Nam", "Lan Chi"),  # and others'
    ("Thu Hà/VOV.VN", "Thu Hà"), ("Phạm Thịnh/VOV-Tây Nguyên", "Phạm Thịnh"),  # an outlet's domain, its bureau
    ("Bài & ảnh: Hoàng Long", "Hoàng Long"), ("Tin + ảnh: Lê Na", "Lê Na"), ("Ghi chép của Nguyễn Văn An",
                                                                            "Nguyễn Văn An"),  # labels
    ("Nguyễn Ánh", "Nguyễn Ánh"), ("ảnh Khánh Hiền", None),  # a name's words are capitalised
    # A label then a role word; an interview's credit closing its quotation (thcshoangluong's mirror, a dev site)
    ("Bài và ảnh: PV Minh Anh", "Minh Anh"), ("Thực hiện Phóng viên Kim Hiếu”", "Kim Hiếu"),
    # "Bài viết:" (the story's writer), the photographer after a full stop (ptsaoviet's mirror, a dev site)
    ("Bài viết: Nguyễn Thị Loan. Ảnh : Trương Quang Hà", "Nguyễn Thị Loan"),
    ("H.M", "H.M"), ("H.Y.T.", "H.Y.T"),  # dotted initials are a name
    ("CTTĐT", None), ("Cổng TTĐT", None), ("TTXVN", None), ("NTB", None),  # no vowel: abbreviations, accounts
    ("admin", None), ("Administrator", None), ("VP LĐLĐ tỉnh.", None), ("Ban Tuyên giáo", None),
    ("Theo Báo Lao động", None), ("Quang cảnh hội nghị giao ban", None), ("http://example.vn", None),
    # a portal's labels and menu words where a byline stands (a SharePoint column, a utility box, a menu)
    ("Created By", None), ("Category", None), ("Tiện ích", None), ("Home", None),
])
def test_authors(raw: str, expected: str | None) -> None:
    assert clean_author(raw) == expected


def test_bylines_and_signature_lines() -> None:
    assert byline_author("Nguyên Anh |") == "Nguyên Anh"
    assert byline_author("Kỳ Quan | 19/08/2019 17:51") == "Kỳ Quan"
    assert byline_author("Hà Nội | Hải Phòng | Đà Nẵng") is None
    assert signature_author("Hà Hiển, Văn phòng LĐLĐ tỉnh") == "Hà Hiển"
    assert signature_author("Đại hội đã bầu 10 đại biểu. Ban Chấp hành ra mắt") is None
    # A name in brackets closing a school's story (thcshoahongbach.pgddonghung, neither half); one word in
    # brackets closes a series' part or a caption ("(Hết)", "(Còn nữa)").
    assert signature_author("(Nguyễn Huệ)") == "Nguyễn Huệ" and signature_author("(Lọ Mọ).") == "Lọ Mọ"
    assert signature_author("(Hết)") is None and signature_author("(Còn nữa)") is None
    # A photographer's credit after a full stop ends a labelled byline; unlabelled, "<Name>. Ảnh: …" is a caption.
    assert signature_author("Bài viết: Nguyễn Thị Loan. Ảnh : Trương Quang Hà") == "Nguyễn Thị Loan"
    assert signature_author("Nguyễn Văn An. Ảnh: Trương Quang Hà") is None


def test_line_rules_drop_chrome_dates_and_move_the_signature_to_author() -> None:
    lines = ["Tiêu đề bài viết về hội nghị", "Cập nhật lúc 22:46 - 20/03/2021 (GMT +07:00)",
             "Chia sẻ | In trang | Gửi email", "Lượt xem: 1.234",
             "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh.",
             "/upload/images/slide/bk1.jpg", "Chuyên mục: Tin hoạt động", "Ngọc Liêm"]
    result = clean_lines(lines, title="Tiêu đề bài viết về hội nghị", site_names=["ldld.example"])
    assert result.lines == [lines[4]]
    assert result.author == "Ngọc Liêm" and result.category == "Tin hoạt động"
    assert [d.value.isoformat() for d in result.dates] == ["2021-03-20T22:46:00+07:00"]


def test_chrome_line_patterns_leave_ordinary_sentences_alone() -> None:
    for chrome in ("In bài | Gửi email | Về đầu trang", "Trở về", "Từ khóa: công đoàn, Tết",
                   "Thông tin truy cập 332609", "NHIỆT LIỆT CHÀO MỪNG ĐẠI HỘI CÔNG ĐOÀN TỈNH LẦN THỨ XI!",
                   "Đánh giá bài viết", "Xem chi tiết Kế hoạch số 5 tại đây: KH 5.docx",
                   "Tải về toàn văn tại đây", "tại đây.", "Bình luận.", "Xem tiếp…",
                   "Chào mừng bạn đến với cổng thông tin điện tử của Trường THCS Hòa Bình - Tỉnh Bạc Liêu",
                   "Chào mừng quý khách đến với website của chúng tôi!", "Welcome to Hoa Binh School"):
        assert is_chrome_line(chrome), chrome
    for sentence in ("Người lao động chia sẻ khó khăn với công đoàn cơ sở.",
                     "In trang này có 3 bảng số liệu về lương.",
                     "Ngày 17/5/2021, Liên đoàn Lao động tỉnh tổ chức Hội nghị.",
                     "Xem xét các đề xuất tại đây là việc cần làm ngay của công đoàn cơ sở.",
                     "Người lao động có thể xem chi tiết tại đây.", "a) .", "A.",
                     "Chào mừng Đại hội Công đoàn tỉnh lần thứ XI, nhiệm kỳ 2023 - 2028",
                     "Chào mừng các bạn đến với lễ hội. Năm nay lễ hội có nhiều hoạt động mới."):
        assert not is_chrome_line(sentence) and not is_date_line(sentence), sentence


def test_title_site_suffix_and_canonical_url() -> None:
    names = ["Liên đoàn Lao động tỉnh Bình Dương", "congdoanbinhduong.example"]
    assert strip_site_suffix("Tôn vinh 23 nữ đoàn viên – Liên đoàn Lao động tỉnh Bình Dương", names) == \
        "Tôn vinh 23 nữ đoàn viên"
    assert strip_site_suffix("LĐLĐ tỉnh Bình Dương | Hội thi tìm hiểu pháp luật lao động", names) == \
        "Hội thi tìm hiểu pháp luật lao động"
    # " - " inside a title (a province's name, a term of office) is not a separator to cut at
    brvt = ["Liên đoàn Lao động tỉnh Bà Rịa - Vũng Tàu"]
    title = "Thường trực LĐLĐ tỉnh Bà Rịa - Vũng Tàu làm việc với các huyện"
    assert strip_site_suffix(f"{title} – Liên đoàn Lao động tỉnh Bà Rịa - Vũng Tàu", brvt) == title
    assert strip_site_suffix("Đại hội Công đoàn tỉnh nhiệm kỳ 2023 - 2028", names) == \
        "Đại hội Công đoàn tỉnh nhiệm kỳ 2023 - 2028"
    tree = lxml_html.fromstring('<html><head><link rel="canonical" href="/tin/1?utm_source=x"></head></html>')
    assert canonical_url(tree, "http://ldld.example/in/1?print=1") == "http://ldld.example/tin/1"
    foreign = lxml_html.fromstring('<html><head><link rel="canonical" href="https://other.example/a"></head></html>')
    assert canonical_url(foreign, "http://ldld.example/tin/2?utm_medium=y") == "http://ldld.example/tin/2"


def test_categories_from_breadcrumbs_and_trailers() -> None:
    crumbs = lxml_html.fromstring(
        '<div><nav class="menu"><a href="/">Trang chủ</a> <a href="/a">Giới thiệu</a></nav><div class="path">'
        '<a href="/">Trang chủ</a> » <a href="/c">Chính sách - Pháp luật</a></div></div>')
    assert breadcrumb_category(crumbs) == "Chính sách - Pháp luật"
    trailer = lxml_html.fromstring(
        '<div><p>Nội dung</p><div><span>Chuyên mục:</span> <a href="/t">Tin tức</a></div></div>')
    assert labelled_category(trailer) == "Tin tức"


def test_a_breadcrumb_s_entry_for_the_page_itself_is_not_its_category() -> None:
    yoast = lxml_html.fromstring(
        '<html><head><script type="application/ld+json">{"@graph": [{"@type": "BreadcrumbList", '
        '"itemListElement": ['
        '{"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": "https://s.example/"},'
        '{"@type": "ListItem", "position": 2, "name": "Ch&#237;nh s&#225;ch", "item": "https://s.example/cs/"},'
        '{"@type": "ListItem", "position": 3, "name": "Giao hàng &#8211; nhanh"}]}]}</script></head></html>')
    assert breadcrumb_category(yoast, "https://s.example/cs/giao-hang/", "Giao hàng – nhanh") == "Chính sách"
    only_self = lxml_html.fromstring(
        '<html><head><script type="application/ld+json">{"@type": "BreadcrumbList", "itemListElement": ['
        '{"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": "https://s.example/"},'
        '{"@type": "ListItem", "position": 2, "name": "Giao hàng &#8211; nhanh"}]}</script></head></html>')
    assert breadcrumb_category(only_self, "https://s.example/giao-hang/", "Giao hàng – nhanh") is None
    dom = ('<div><ol class="breadcrumb"><li><a href="index.html">Trang chủ</a></li><li><a href="c/tat-ca.html">'
           'Tin trường</a></li><li><a href="{href}">{name}</a></li></ol></div>')
    headline = "Những chuyến xe chở bình yên về bản"
    for href, name in (("javascript:;", "Một dòng"), ("#", "Một dòng"), ("/tin/xe.html", "Một dòng"),
                       ("/other.html", headline), ("/other.html", "Những chuyến xe chở bình…")):
        page = lxml_html.fromstring(dom.format(href=href, name=name))
        assert breadcrumb_category(page, "http://s.example/tin/xe.html", headline) == "Tin trường", (href, name)
    page = lxml_html.fromstring(dom.format(href="/tin/khac.html", name="Một dòng"))
    assert breadcrumb_category(page, "http://s.example/tin/xe.html", headline) == "Một dòng"
    blanked = lxml_html.fromstring('<ul class="breadcrumb"><li><a href="#">Kinh doanh</a></li><li><a href="#">Tài '
                                   'chính</a></li></ul>')  # a copy saved with every link blanked
    assert breadcrumb_category(blanked, "http://s.example/tin/xe.html", headline) == "Tài chính"
    icons = lxml_html.fromstring('<div class="bread-crums"><a href="/"></a> › <a href="/tg">Thế giới</a> › '
                                 '<a href="/tg/gh">Giao hữu</a><a class="share"></a></div>')
    assert breadcrumb_category(icons, "http://s.example/tg/gh/1.html", headline) == "Giao hữu"


def test_a_portal_s_site_hierarchy_is_not_a_category() -> None:
    # SharePoint's "navigate up" menu: a parent site, the site's home (by name or by its root address), the
    # "Pages" library (a system page) and the page.
    menu = ('<div class="s4-breadcrumb-menu"><ul><li><a href="http://intranet/quantri/">quan tri</a></li>'
            '<li><a href="{home}">{name}</a></li><li><a href="/_layouts/listform.aspx?ListId=%7B9%7D&amp;'
            'PageType=0">Pages</a></li><li><span>Trang tin</span></li></ul></div>')
    for home, name in (("/", "Home"), ("http://s.example/", "Sở Tư pháp"),
                       ("/ve-so", "Trang thông tin điện tử Sở Tư pháp tỉnh Đắk Nông")):
        page = lxml_html.fromstring(menu.format(home=home, name=name))
        assert breadcrumb_category(page, "http://s.example/Pages/tin.aspx", "Tin", ["Sở Tư pháp"]) is None, name
    for name in ("Công đoàn", "Liên đoàn Lao động tỉnh", "Hoạt động công đoàn"):  # a union site's sections
        section = lxml_html.fromstring(
            f'<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/cd">{name}</a></div>')
        assert breadcrumb_category(section, "http://s.example/cd/1.html", "Tin", ["Công đoàn tỉnh"]) == name


@pytest.mark.parametrize(("line", "author", "when"), [
    ("Nguyễn Văn Hùng - 30/11/2025 14:05", "Nguyễn Văn Hùng", "2025-11-30T14:05:00+07:00"),
    ("NGUYỄN VĂN HÙNG - Thứ Hai, 30/11/2025 - 14:05", "Nguyễn Văn Hùng", "2025-11-30T14:05:00+07:00"),
    ("14:05 30/11/2025 | Lê Hoa", "Lê Hoa", "2025-11-30T14:05:00+07:00"),
    ("Quang Phong - Tùng Nguyên - 30/11/2025 14:05", "Quang Phong - Tùng Nguyên", "2025-11-30T14:05:00+07:00"),
    ("Hà Nội - 30/11/2025", None, None),  # a dateline's place
    ("Hà Nội, 30/11/2025", None, None),
    ("Thứ Hai, 30/11/2025 - 14:05", None, None),  # a date line only
    ("Thời sự | Thứ Hai, 30/11/2025 14:05", None, None),
])
def test_a_byline_and_its_date_on_one_line(line: str, author: str | None, when: str | None) -> None:
    found, dates = byline_and_date(line)
    assert found == author
    assert (dates[0].value.isoformat() if dates else None) == when


@pytest.mark.parametrize("raw", ["PV", "BTV", "Nhóm PV", "Phóng viên", "Biên tập viên", "Thứ Ba", "Chủ Nhật",
                                 "TP.HCM", "Đà Nẵng", "Ngày đăng", "Cập nhật lúc", "Ngày Cập Nhật"])
def test_newsroom_roles_places_and_weekdays_are_not_authors(raw: str) -> None:
    assert clean_author(raw) is None


def test_short_labels_need_their_colon_and_the_printed_line_is_checked_against_the_site() -> None:
    assert clean_author("Bài: Lê Hoa") == "Lê Hoa" and clean_author("Tin, ảnh: Lê Hoa") == "Lê Hoa"
    assert clean_author("Tin Công Nhân") == "Tin Công Nhân"  # not "Công Nhân": "Tin" is a word of the name
    assert person_author("Tin Công Nhân", ["Tin Công Nhân"]) is None
    assert person_author("Tác giả: Lê Hoa", ["Tin Công Nhân"]) == "Lê Hoa"


_STORY = ("<p>Sáng nay, công đoàn các khu công nghiệp đã tổ chức hội nghị tổng kết công tác năm với sự tham "
          "gia của hàng trăm đoàn viên, người lao động đến từ nhiều doanh nghiệp trên địa bàn tỉnh.</p>") * 4


def _page(between: str, after: str = "") -> dict:
    html = (f'<html lang="vi"><head><meta charset="utf-8"><title>Hội nghị tổng kết công đoàn năm</title></head>'
            f"<body><h1>Hội nghị tổng kết công đoàn năm</h1>{between}{_STORY}{after}</body></html>")
    return extract_page(html.encode(), "https://ldld.example.vn/tin-tuc/hoi-nghi-tong-ket-cong-doan-nam.html")


def test_a_signature_over_a_long_source_address_closes_the_story() -> None:
    # The writer's bold signature, then the repost's source credit with the page's full address (over 90
    # characters): both leave the text and the signature is the author (a VNPT school portal's reposted story).
    credit = ("Nguồn: http://baophapluat.vn/giao-duc/uu-tien-tuyen-thang-hoc-sinh-gioi-hoc-sinh-82-truong-chuyen-"
              "321404.html")
    page = _page("", f"<p><b>N.Thương</b></p><p><em><strong>{credit}</strong></em></p>")
    assert page["author"] == "N.Thương"
    assert "baophapluat" not in page["text"] and "N.Thương" not in page["text"]


@pytest.mark.parametrize(("between", "author"), [
    ("<div>Tác giả: Lê Thu Hoa</div>", "Lê Thu Hoa"),
    ("<div><b>Lê Thu Hoa</b></div>", "Lê Thu Hoa"),
    ("<div>LÊ THU HOA - 30/11/2025 14:05</div>", "Lê Thu Hoa"),
    ('<div><a href="/thoi-su">Thời Sự</a></div>', None),  # a category link is not a byline
    ("<div>Thứ Ba, 25/11/2025</div>", None),
    ("<table><tr><td>Lê Thu Hoa</td></tr></table>", "Lê Thu Hoa"),  # a layout table's byline cell
    ("<table><tr><td>Tác giả</td><td>Lê Thu Hoa</td></tr></table>", "Lê Thu Hoa"),  # under a byline's label
])
def test_a_byline_between_the_headline_and_the_story(between: str, author: str | None) -> None:
    page = _page(between)
    assert page["author"] == author
    assert "Tác giả" not in page["text"] and "Lê Thu Hoa" not in page["text"]


@pytest.mark.parametrize("row", ["<td>1</td><td>Châu Đại Dương</td><td>Úc, New Zealand</td>",
                                 "<td>Người ký</td><td>Lê Thu Hoa</td>"])
def test_a_name_in_a_data_tables_row_is_no_byline(row: str) -> None:
    # A value of a table (a continent beside its countries, a document's signer) under the headline: the row's
    # other cells say it is data, not the only text of a byline's cell.
    page = _page(f"<p>Bảng phụ phí áp dụng từ tháng tới.</p><table><tr>{row}</tr></table>")
    assert page["author"] is None


def test_a_byline_in_a_layout_tables_story_column_is_read() -> None:
    # A legacy layout: the story's column (headline, byline, text) beside a sidebar column in one row. The row's
    # cells are columns, not data: the byline under the headline is read.
    sidebar = "<td><p>Tin mới</p>" + "".join(f"<p><a href='/tin/{i}'>Tin tức số {i} của công đoàn tỉnh</a></p>"
                                              for i in range(12)) + "</td>"
    html = (f'<html lang="vi"><head><meta charset="utf-8"><title>Hội nghị tổng kết công đoàn năm</title></head>'
            f"<body><table><tr><td><h1>Hội nghị tổng kết công đoàn năm</h1><p><b>LÊ THU HOA - TRẦN MAI</b></p>"
            f"{_STORY}</td>{sidebar}</tr></table></body></html>")
    page = extract_page(html.encode(), "https://ldld.example.vn/tin-tuc/hoi-nghi-tong-ket-cong-doan-nam.html")
    assert page["author"] == "Lê Thu Hoa - Trần Mai"


def test_a_source_credit_between_the_story_and_its_signature_is_dropped() -> None:
    page = _page("", '<p class="author">Lê Thu Hoa</p><p class="source">Nhịp sống công nhân</p>')
    assert "Nhịp sống công nhân" not in page["text"]
    page = _page("", '<p><b>Lê Thu Hoa</b></p><p class="source">Nhịp sống công nhân</p>')
    assert page["author"] == "Lê Thu Hoa" and "Nhịp sống công nhân" not in page["text"]


@pytest.mark.parametrize(("credit", "author"), [
    ("Theo Sầm Hoa (Vietnamnet/Reuters)", "Sầm Hoa"),  # a writer of another paper: the story's author
    ("Theo Dân trí", None),  # a paper: no author
])
@pytest.mark.parametrize("box", ["", '<div class="rate"><span>(6816 bình chọn, 9/10 điểm)</span></div>'])
def test_a_source_credit_that_names_a_writer_gives_the_author(credit: str, author: str | None, box: str) -> None:
    # The credit alone in its element, or opening a box that also holds a rating widget; no author meta tag.
    page = _page("", f'<div class="nguontin">{credit}{box}</div>')
    assert page["author"] == author and credit not in page["text"]


@pytest.mark.parametrize(("line", "expected"), [
    ("Theo Sầm Hoa (Vietnamnet/Reuters)", (True, "Sầm Hoa")),
    ("Theo Nguyễn Thanh Tâm", (True, "Nguyễn Thanh Tâm")),
    # A school portal's closing credits (thcshoangluong, a dev site; gianghia.daknong, neither half): the source's
    # address after the writer's name, an address alone.
    ("Theo - Mai Anh - hiephoa.bacgiang.gov.vn", (True, "Mai Anh")), ("Theo: http://dncc.edu.vn", (True, None)),
    ("Theo: Nguyễn Văn An", (True, "Nguyễn Văn An")),
    ("Theo:https://tgs.vn/doanh-nghiep/ban-hang-tren-mang-van-chuyen-nhanh-dang-giup-cho-nong", (True, None)),
    # A reposted story's credit with the full address, over the 90 characters a credit of words may have (a VNPT
    # school portal's repost of a law paper's story, nhatminh2474/ABC's mirror, neither half).
    ("Nguồn: http://baophapluat.vn/giao-duc/uu-tien-tuyen-thang-hoc-sinh-gioi-hoc-sinh-82-truong-chuyen-321404.html",
     (True, None)),
    ("Nguồn: https://www.example.vn/tin-tuc/mot-bai-viet-co-dia-chi-rat-dai-duoc-dang-lai-tu-trang-khac.html",
     (True, None)),
    ("Theo Báo Đăk Nông Điện tử", (True, None)),  # a publication, whatever the case of its words
    ("Theo Cổng thông tin điện tử tỉnh", (True, None)),
    ("Theo Đắk Nông Online", (True, None)),  # a paper named after its province
    ("Theo Hà Nội Mới", (True, None)),
    ("Theo báo cáo của UBND tỉnh, năm nay kinh tế tăng trưởng khá", (False, None)),  # a sentence
    ("Nguồn: Đắk Nông Online", (True, None)), ("Nguồn: Baocamau.com.vn", (True, None)),  # "Nguồn:" + publication
    ("Nguồn “Đắk Nông Điện tử”", (True, None)), ("Nguồn tin: Báo Lao Động", (True, None)),
    # What a story credits that is no publication: a document (the dev gold of c2tanthanh's 'chính sách đánh giá'
    # leaves "Nguồn: Thông tư 22/2021/TT-BGDĐT" out of its body), an office, an agency's code, "Internet".
    ("Nguồn: Thông tư 22/2021/TT-BGDĐT", (True, None)), ("Nguồn: Internet", (True, None)),
    ("Nguồn: Phòng KHTC", (True, None)), ("Nguồn: NAFF", (True, None)),
    ("Nguồn: Bản tin số 04 của Dự án Trường Sơn Xanh", (True, None)),
    # The person who sent the story in (a government portal's closing credit, gianghia.daknong.gov.vn, neither
    # half: "Nguồn tin: Nguyễn Văn Phú", "Nguồn tin từ: …", misspelt "Nguồn tìn: …"): its author.
    ("Nguồn tin: Nguyễn Văn An", (True, "Nguyễn Văn An")),
    ("Nguồn tin từ: Nguyễn Thị Linh", (True, "Nguyễn Thị Linh")),
    ("Nguồn tìn: Nguyễn Văn An", (True, "Nguyễn Văn An")), ("Nguồn: Lê Hoa (Văn phòng Sở)", (True, "Lê Hoa")),
    ("Nguồn: Hà Nội Mới", (True, None)),  # a paper named after its city, no person
    # A foreign outlet credited under a translated story (xreduvn/xreduvn.github.io's mirror, neither half):
    # two capitalised words, but no Vietnamese name.
    ("Nguồn: Pop Sugar", (True, None)), ("Nguồn: Bored Panda", (True, None)),
    ("Nguồn: các số liệu do Sở Lao động cung cấp", (False, None)),  # a sentence
    ("Nguồn: Tổng hợp từ báo cáo, số liệu của các sở", (False, None)),
])
def test_source_lines_name_a_person_or_a_publication(line: str, expected: tuple[bool, str | None]) -> None:
    assert source_line_author(line) == expected


def test_a_closing_credit_leaves_the_text_but_never_takes_all_of_it() -> None:
    story = "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh."
    credit = "Nguồn: Thông tư 22/2021/TT-BGDĐT"  # the closing line the dev gold of c2tanthanh leaves out
    assert clean_lines([story, credit], title=None, site_names=[]).lines == [story]
    # A notice whose body is an attached file: its one line is the text, as a lone signature is.
    assert clean_lines(["Nguồn: Báo Lao Động"], title=None, site_names=[]).lines == ["Nguồn: Báo Lao Động"]


@pytest.mark.parametrize(("line", "author"), [
    ("Nguồn tin: <strong>Nguyễn Văn Phú</strong>", "Nguyễn Văn Phú"),  # right-aligned, the name in bold
    ("Người đưa tin: Nguyễn Văn Phú", "Nguyễn Văn Phú"),  # the same portal's other label
    ("BTV Ngọc Anh", "Ngọc Anh"),  # an editor's role word before the name
])
def test_a_closing_credit_naming_who_sent_the_story_gives_the_author(line: str, author: str) -> None:
    page = _page("", f'<p style="text-align:right">{line}</p>')
    assert page["author"] == author
    assert author not in page["text"]


@pytest.mark.parametrize(("line", "author"), [
    ("Minh Anh (t/h)", "Minh Anh"), ("Lan Anh (dịch)", "Lan Anh"), ("Hương Giang (thực hiện)", "Hương Giang"),
    ("NGỌC LINH (Theo VnExpress)", "Ngọc Linh"), ("Thu Hà/VOV.VN", "Thu Hà"),
    ("Đức Anh - Ảnh: Hải Nguyễn", "Đức Anh"), ("Trần Hòa (Ban Tuyên giáo LĐLĐ tỉnh)", "Trần Hòa"),
    ("Văn Dũng - Ngọc Hà (Báo Người Lao Động)", "Văn Dũng - Ngọc Hà"),
    ("BTV Ngọc Anh", "Ngọc Anh"), ("Bài: Minh Anh", "Minh Anh"),  # a label makes a pen name a byline
    ("Theo Phan Anh (Tiền Phong)", "Phan Anh"), ("(Theo TTXVN)", None), ("Theo Vietnamplus", None),  # sources
    ("PV (tổng hợp)", None), ("Nhóm PV Kinh tế", None), ("Nhóm phóng viên", None),  # the newsroom's staff
])
def test_an_opening_byline_with_a_pen_name_and_a_mark_is_read(line: str, author: str | None) -> None:
    # A pen name (no family name) over the story is a byline when something marks it as one: how the story was
    # made, the writer's office or outlet, an agency's code, a photographer's credit, a label, a source.
    page = _page(f"<p>{line}</p>")
    assert page["author"] == author
    assert line not in page["text"]


@pytest.mark.parametrize("line", [
    "Hoài Thu - Phương Anh", "Sứ Mệnh - Tầm Nhìn",  # two title-case pairs: pen names and a heading read alike
    "Thông báo (lần 2)", "Kế hoạch (dự thảo)", "Chương trình (tổng hợp)", "Ban Tuyên giáo (LĐLĐ tỉnh)",
    "Hà Nội - Hải Phòng", "Minh Anh",
])
def test_an_opening_line_with_no_mark_of_a_byline_stays(line: str) -> None:
    page = _page(f"<p>{line}</p>")
    assert page["author"] is None
    assert line in page["text"]


_MEETING = "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh, nhiều nội dung."


@pytest.mark.parametrize(("line", "author"), [
    ("Người đăng: Nguyễn Văn Hùng | Lượt xem: 35", "Nguyễn Văn Hùng"),
    ("Tác giả: Lê Hoa - 1.234 lượt xem", "Lê Hoa"),
    ("Người đăng: admin | Lượt xem: 35", None), ("Người đăng: admin", None), ("Tác giả: Quản trị viên", None),
])
@pytest.mark.parametrize("at", ["top", "bottom"])
def test_a_labelled_byline_with_counters_or_an_account_leaves_the_text(line: str, author: str | None,
                                                                       at: str) -> None:
    # A CMS's meta row printed as text: the poster and the view count. The name is the author; an account is none.
    story = _MEETING
    lines = [line, story, story] if at == "top" else [story, story, line]
    result = clean_lines(lines, title=None, site_names=[])
    assert result.lines == [story, story] and result.author == author


def test_an_interviews_labelled_question_stays() -> None:
    question = "PV: Xin ông cho biết kết quả quý I?"  # the reporter's label, then no name and no counter
    assert clean_lines([_MEETING, question, _MEETING], title=None, site_names=[]).lines[1] == question


def test_a_closing_line_that_names_the_site_is_no_signature() -> None:
    story = "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh."
    lines = [story, "Mọi thắc mắc xin liên hệ các kênh hỗ trợ:", "– Hotline: 1900 1234", "– Zalo OA Bưu Điện Sao"]
    result = clean_lines(lines, title=None, site_names=["Bưu Điện Sao", "buudiensao.example.vn"])
    assert result.author is None and result.lines == lines
    signed = clean_lines([story, "Minh Thư"], title=None, site_names=["Bưu Điện Sao"])
    assert signed.author == "Minh Thư" and signed.lines == [story]


_STORY_P = ("<p>Sáng 12/1, Liên đoàn Lao động tỉnh tổ chức hội nghị tổng kết công tác công đoàn năm 2025 và triển "
            "khai nhiệm vụ năm 2026 với sự tham dự của đại diện các công đoàn cơ sở trong tỉnh.</p>")
_SIDEBAR = ('<aside class="x"><div class="box"><a class="article-title" href="/tin/xuan-2026.html">Xuân 2026: '
            "gieo mầm hạnh phúc, mở lối tương lai cho học sinh</a></div></aside>")


@pytest.mark.parametrize("headline", ["Công đoàn ngành Y tế tổ chức hội thi",
                                      "LĐLĐ tỉnh tổ chức Hội nghị tổng kết", "Báo cáo kết quả hoạt động quý I"])
def test_a_headline_opening_with_a_banners_words_is_the_title(headline: str) -> None:
    # A federation's news opens its headlines with its own name; a banner is a name only ("Công đoàn ngành Y tế").
    story = ("<p>Sáng 9/4, Công đoàn ngành Y tế tỉnh tổ chức hội thi tay nghề cho 120 đoàn viên là điều dưỡng, kỹ "
             "thuật viên của các bệnh viện trong tỉnh, nhằm nâng cao chất lượng chăm sóc người bệnh.</p>")
    html = (f"<html><head><title>{headline} - Trang thông tin LĐLĐ tỉnh</title></head><body>"
            f"<div class='menu'><a href='/'>Trang chủ</a></div><div class='content'><h1>{headline}</h1>{story}"
            f"{_STORY_P}</div></body></html>")
    assert extract_page(html.encode(), "http://ldld.example/tin/hoi-thi.html")["title"] == headline


def test_a_title_whose_second_half_follows_an_en_dash_matches_the_headline() -> None:
    # "Headline – its second half": the part after "–" is no section label when a heading holds the whole title.
    title = ("Khóa đào tạo kỹ năng lãnh đạo dành cho ban chấp hành công đoàn cơ sở các trường – Trưởng thành cùng "
             "trách nhiệm và trái tim")
    html = (f"<html><head><title>{title}</title></head><body>{_SIDEBAR}<main><div class='cover header-cover'>"
            f"<h1 class='header-title'>{title}</h1></div>{_STORY_P}</main></body></html>")
    assert extract_page(html.encode(), "http://truong.example/tin/khoa-dao-tao.html")["title"] == title


def test_a_wordpress_site_title_linked_home_is_a_site_name_and_leaves_the_headline_in_a_widget() -> None:
    """A WordPress theme's site title (``<a href="/" rel="home">``) is the site's name: the ``<title>`` cut of
    it gives the headline, which an Elementor page-title widget holds (a "widget" box, chrome by its name),
    and a sitewide og:title does not stand for it (sonphan0910/thanhdo's mirror, neither half: the title was the
    og:title). The site's name is no author either."""
    site, headline = "Tuyển sinh đại học 2024 - Thanh Do University", "NGHỀ THỦ THƯ THỜI NAY"
    widget = ("<div class='elementor-element elementor-widget elementor-widget-theme-post-title "
              "elementor-widget-heading'><div class='elementor-widget-container'><h1 class='elementor-heading-"
              f"title'>{headline}</h1></div></div>")
    html = (f"<html><head><title>{headline} &#8211; {site}</title><meta property='og:title' content='Tuyển sinh "
            "đại học Thành Đô'></head><body><header class='site-header'><h1 class='site-title'><a href='/' "
            f"rel='home'>{site}</a></h1></header><div class='elementor'>{widget}<div class='elementor-widget "
            f"elementor-widget-theme-post-content'>{_STORY_P}</div></div></body></html>")
    page = extract_page(html.encode(), "https://tuyensinh.example.edu.vn/nghe-thu-thu-thoi-nay/")
    assert page["title"] == headline, page["title"]
    names = site_names(lxml_html.document_fromstring(html), "https://tuyensinh.example.edu.vn/")
    assert site in names
    # A home link's own words ("Trang chủ") and an icon's are no site's name.
    menu = ("<html><body><a href='/' rel='home'>Trang chủ</a><a href='/' rel='home'><img src='/logo.png'></a>"
            "</body></html>")
    assert site_names(lxml_html.document_fromstring(menu), "https://www.ldld.example.vn/") == ["ldld.example.vn"]


def test_a_site_banner_in_h1_is_not_the_headline_in_h2() -> None:
    headline = "Công đoàn ngành Y tế tổ chức hội thao chào mừng ngày thành lập"
    html = (f"<html><body><h1>Liên đoàn Lao động tỉnh Đắk Nông - Tin Công Nhân</h1><div class='main'>"
            f"<h2>{headline}</h2>{_STORY_P}</div></body></html>")
    assert extract_page(html.encode(), "http://ldld.example/tin/hoi-thao.html")["title"] == headline


@pytest.mark.parametrize("sapo", ['<h2 class="detail-sapo">', "<h2>(Chinhphu.vn) - "])
def test_a_sapo_set_in_h2_is_not_the_headline_in_a_title_box(sapo: str) -> None:
    headline = "Hỗ trợ đoàn viên bị mất việc làm do doanh nghiệp thu hẹp sản xuất"
    lead = "Tháng 3/2026 có nhiều chính sách mới có hiệu lực, nổi bật là các quy định về tiền lương."
    html = (f"<html><body><div class='detail'><div class='title'>{headline}</div>{sapo}{lead}</h2>{_STORY_P}"
            "<h2>Những điểm mới</h2><p>Nội dung chi tiết của các chính sách mới được nêu dưới đây.</p></div>"
            "</body></html>")
    assert extract_page(html.encode(), "http://ldld.example/tin/chinh-sach.html")["title"] == headline


def test_a_short_section_label_in_a_title_box_does_not_beat_the_headline_in_h2() -> None:
    headline = "Khánh thành Mái ấm công đoàn cho nữ công nhân có hoàn cảnh khó khăn"
    html = (f"<html><body><div class='col'><div class='title'>Danh mục tin</div><div class='story'>"
            f"<h2>{headline}</h2>{_STORY_P}</div></div></body></html>")
    assert extract_page(html.encode(), "http://ldld.example/tin/mai-am.html")["title"] == headline


def test_a_title_box_heading_the_row_whose_story_opens_with_an_h2_is_the_sections_label() -> None:
    # A SharePoint portal's story: a table whose first row is a title-classed cell holding only the section's
    # name (six words: headline-sized), whose next row opens with the story's headline in <h2>.
    headline = "Khai mạc Hội nghị Ban Chấp hành Công đoàn tỉnh lần thứ 15"
    html = ("<html><head><title>Trang chủ - Trang thông tin điện tử Liên đoàn Lao động tỉnh</title></head><body>"
            "<table class='block'><tr class='tr-title'><td class='block-title'>Thông tin chỉ đạo điều hành</td>"
            "</tr>"
            f"<tr><td><div><h2>{headline}</h2><p>Sáng 9/4, Ban Chấp hành Công đoàn tỉnh khai mạc hội nghị lần "
            "thứ 15 để đánh giá kết quả thực hiện nhiệm vụ quý I và bàn nhiệm vụ trọng tâm quý II.</p>"
            f"{_STORY_P}</div></td></tr></table></body></html>")
    assert extract_page(html.encode(), "http://ldld.example/khai-mac-hoi-nghi-lan-thu-15/")["title"] == headline


def test_a_story_whose_paragraphs_are_set_in_h1_keeps_its_h2_headline_and_h3_sapo() -> None:
    # An editor's heading format on every paragraph: a photo caption in <h1> is no headline.
    headline = "Huyện khai giảng lớp bồi dưỡng đối tượng kết nạp Đảng đợt I năm 2019"
    sapo = ("Sáng ngày 2/4, Trung tâm bồi dưỡng chính trị huyện tổ chức khai giảng lớp bồi dưỡng đối tượng "
            "kết nạp Đảng cho 85 học viên là đoàn viên, thanh niên ưu tú.")
    long_paragraph = ("Trong thời gian bốn ngày, các học viên sẽ được truyền đạt năm chuyên đề gồm: "
                      "Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội; khái quát lịch "
                      "sử Đảng Cộng sản Việt Nam; nội dung cơ bản của Điều lệ Đảng; học tập và làm theo tấm "
                      "gương đạo đức Hồ Chí Minh.")
    html = ("<html><head><title>Trang thông tin điện tử huyện</title></head><body><div class='content'>"
            f"<h2>{headline}</h2><br><h3>{sapo}</h3><br><h1>{long_paragraph}</h1>"
            "<h1><img src='/img/khai-giang.png'></h1><h1>Quang cảnh lễ khai giảng lớp bồi dưỡng</h1>"
            "<h1>Thông qua lớp bồi dưỡng, giúp học viên nâng cao nhận thức về lý luận chính trị, xác định được "
            "vai trò, trách nhiệm của bản thân, tiếp tục tu dưỡng, rèn luyện, phấn đấu để sớm trở thành đảng "
            "viên.</h1>"
            "</div></body></html>")
    page = extract_page(html.encode(), "http://huyen.example/khai-giang-lop-boi-duong/")
    assert page["title"] == headline and page["lead"] == sapo
    assert page["text"].split("\n")[:2] == [sapo, long_paragraph]


def test_a_title_box_over_a_wrapper_opening_with_a_sapo_in_h2_stays_the_headline() -> None:
    headline = "Hỗ trợ đoàn viên bị mất việc làm do doanh nghiệp thu hẹp sản xuất"
    html = (f"<html><body><div class='head'><div class='title'>{headline}</div></div><div class='body'>"
            "<h2>Công đoàn tỉnh đã trao hỗ trợ cho 120 đoàn viên bị mất việc làm trong quý I.</h2>"
            f"{_STORY_P}</div></body></html>")
    assert extract_page(html.encode(), "http://ldld.example/tin/ho-tro-doan-vien.html")["title"] == headline


def test_a_short_headline_in_a_title_box_right_over_the_story_is_the_title() -> None:
    # A portal's story page: no heading tag, the site's name as <title>, a category label, then a title-classed
    # box of four words right over the story's paragraphs (too few words for a title box anywhere on a page).
    # Without the headline the page had no story evidence but its prose block, and was dropped as "other".
    headline = "Trăn trở sử thi"
    html = ("<html><head><title>Trang thông tin điện tử thị xã</title></head><body>"
            "<div class='menu'><a href='/'>Trang chủ</a> <a href='/tin-tuc/'>Tin tức</a></div>"
            "<div id='chi-tiet'><div class='chi-tiet-category'>Tin trong nước</div>"
            f"<div class='chi-tiet-title'>{headline}</div><div class='chi-tiet-content'>{_STORY_P}"
            "<p>Nghệ nhân trong bon kể rằng muốn hát kể được sử thi thì người đó phải có trí nhớ tốt, có trí "
            "tưởng tượng phong phú và đam mê thực sự với văn hóa của dân tộc mình.</p><p>Vì vậy, việc tìm một "
            "người trẻ để truyền dạy lại rất khó khăn, nhiều tác phẩm có nguy cơ bị mai một theo thời gian.</p>"
            "</div></div></body></html>")
    page = extract_page(html.encode(), "http://thixa.example/tran-tro-su-thi/")
    assert page["title"] == headline
    assert page["page_type"] == "article"


def test_the_category_wordpress_tags_the_story_with() -> None:
    # Flatsome-like post: the category label over the headline and in the footer, a sidebar of other posts with
    # theirs. Of a category and its sub-category, the sub-category (its address lies under the parent's).
    post = ("<article class='post'><header><h6 class='entry-category'><a href='/tin-tuc/' rel='category tag'>Tin "
            "tức</a>, <a href='/tin-tuc/hoat-dong-nha-truong/' rel='category tag'>Hoạt động nhà trường</a></h6>"
            "<h1 class='entry-title'>Chương trình chào mừng ngày Nhà giáo Việt Nam của trường</h1></header>"
            f"<div class='entry-content'>{_STORY_P}</div><footer><a href='/tin-tuc/' rel='category tag'>"
            "Tin tức</a></footer></article>")
    sidebar = ("<aside><article><h3><a href='/khac/'>Một bài khác của trường về hoạt động ngoại khóa</a></h3>"
               "<a href='/a/b/c/d/' rel='category tag'>Văn bản</a></article></aside>")
    url = "https://thpt.example.edu.vn/chuong-trinh-chao-mung/"
    page = extract_page(f"<html><body>{post}{sidebar}</body></html>".encode(), url)
    assert page["category"] == "Hoạt động nhà trường"
    loose = f"<html><body><h1>Chương trình chào mừng ngày Nhà giáo Việt Nam</h1>{_STORY_P}{sidebar}</body></html>"
    assert extract_page(loose.encode(), url)["category"] is None  # no article of its own: a sidebar's tags


def test_the_category_wordpress_s_menu_marks_as_the_post_s() -> None:
    from pipelines.extract.metadata import menu_category

    def menu(*marked: str) -> lxml_html.HtmlElement:
        item = "<li class='menu-item{mark}'><a href='/{slug}/'>{name}</a></li>"
        children = "".join(item.format(mark=" current-post-parent" if name in marked else "", slug=str(i),
                                       name=name)
                           for i, name in enumerate(("Tin hoạt động", "Tin khuyến mãi", "Bí kíp")))
        return lxml_html.fromstring(f"<nav><ul><li class='menu-item current-post-ancestor'><a href='/tin/'>Tin tức"
                                    f"</a><ul class='sub-menu'>{children}</ul></li><li class='menu-item'>"
                                    f"<a href='/lien-he/'>Liên hệ</a></li></ul></nav>")

    assert menu_category(menu("Tin hoạt động")) == "Tin hoạt động"  # the innermost marked item
    assert menu_category(menu("Tin hoạt động", "Bí kíp")) is None  # filed under two: none
    assert menu_category(menu()) == "Tin tức"
    current = "<ul><li class='current-menu-item'><a href='/'>Trang chủ</a></li></ul>"
    assert menu_category(lxml_html.fromstring(current)) is None  # a page's own item is not a post's category


@pytest.mark.parametrize("mark", ["class='title-detail'", "itemprop='headline'"])
def test_the_only_h1_marked_a_headline_is_the_title_inside_a_widget_named_layout(mark: str) -> None:
    # A school portal's layout wraps the story column in "columns-widget"; the story is a short post, so the
    # wrapper is not vouched for by its text; the page has no <title> to match the heading with.
    headline = "Sinh hoạt chuyên đề môn Ngữ văn"
    html = (f"<html><body><div class='columns-widget'><article><h1 {mark}>{headline}</h1>"
            f"<p>Ngày 11/01/2019 tại trường diễn ra buổi sinh hoạt chuyên đề.</p></article></div></body></html>")
    assert extract_page(html.encode(), "http://thcs.example.edu.vn/tin/sinh-hoat.html")["title"] == headline
    plain = html.replace(mark, "")
    assert extract_page(plain.encode(), "http://thcs.example.edu.vn/tin/sinh-hoat.html")["title"] != headline


@pytest.mark.parametrize("closing", ["CTTĐT", "(TTXVN)", "Cổng TTĐT", "NTB, phòng GDTrH&GDTX"])
def test_a_closing_abbreviation_is_a_source_credit_not_text_nor_author(closing: str) -> None:
    story = "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh."
    result = clean_lines([story, closing], title=None, site_names=["stnmt.example.gov.vn"])
    assert result.lines == [story] and result.author is None


@pytest.mark.parametrize("last", ["Hội nghị kết thúc tốt đẹp.", "Trung tâm sẽ mở thêm lớp học mới.",
                                  "Công đoàn luôn đồng hành cùng đoàn viên."])
def test_a_short_closing_sentence_with_an_office_word_stays_in_the_text(last: str) -> None:
    # "Hội", "Trung tâm", "Công đoàn" open office names, but these lines are sentences, the story's last words.
    story = "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh đã diễn ra."
    assert clean_lines([story, last], title=None, site_names=["ldld.example.vn"]).lines == [story, last]


@pytest.mark.parametrize("heading", ["Báo cáo kết quả hoạt động", "Công đoàn đồng hành cùng người lao động",
                                     "Công đoàn cơ sở vững mạnh, đoàn viên gắn bó"])
def test_a_subheading_opening_with_a_banners_words_stays_in_the_text(heading: str) -> None:
    # "Báo", "Công đoàn" open a paper's or a federation's banner; here a word in lower case follows: a heading.
    story = "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh đã diễn ra."
    lines = clean_lines([story, heading, story], title=None, site_names=["ldld.example.vn"]).lines
    assert lines == [story, heading, story]


@pytest.mark.parametrize("banner", ["Báo Lao Động", "Liên đoàn Lao động tỉnh Đắk Nông", "Công đoàn ngành Giáo dục",
                                    "Công đoàn cơ sở Trường THCS Lê Lợi", "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"])
def test_a_federations_or_papers_banner_inside_the_text_goes(banner: str) -> None:
    story = "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh đã diễn ra."
    assert clean_lines([story, banner, story], title=None, site_names=["ldld.example.vn"]).lines == [story, story]


@pytest.mark.parametrize("last", ["VP LĐLĐ tỉnh.", "Ban Tuyên giáo", "Văn phòng Công đoàn ngành Giáo dục.",
                                  "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐẮK NÔNG"])
def test_a_closing_office_name_or_banner_still_leaves_the_text(last: str) -> None:
    story = "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh đã diễn ra."
    assert clean_lines([story, last], title=None, site_names=["ldld.example.vn"]).lines == [story]


def test_a_closing_signature_with_a_photo_credit_gives_the_writer() -> None:
    story = "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh."
    result = clean_lines([story, "Bài: Minh Hà, ảnh: Quang Vinh"], title=None, site_names=["demo.example.vn"])
    assert result.lines == [story] and result.author == "Minh Hà"


def test_a_closing_signature_with_an_outlet_code_keeps_the_name_alone() -> None:
    story = "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh."
    result = clean_lines([story, "Minh Đức - TNO"], title=None, site_names=["demo.example.vn"])
    assert result.lines == [story] and result.author == "Minh Đức"


def test_a_closing_name_with_an_office_abbreviation_keeps_the_name() -> None:
    story = "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh."
    result = clean_lines([story, "Chí Nghĩa - TTCNTT"], title=None, site_names=["stnmt.example.gov.vn"])
    assert result.lines == [story] and result.author == "Chí Nghĩa"


def test_a_link_to_the_writers_page_under_the_body_is_the_byline() -> None:
    from pipelines.extract import extract_page

    story = "".join(f"<p>Đoạn {i}: công đoàn cơ sở tổ chức hội nghị người lao động, bàn về tiền lương và phúc lợi "
                    f"của đoàn viên trong năm tới.</p>" for i in range(6))
    related = "".join(f'<li><a href="/tin-{i}.html">Tin khác số {i} về hoạt động công đoàn trong tỉnh</a> '
                      f'<a href="/tac-gia/le-hoa">Lê Hoa</a></li>' for i in range(3))
    byline = "<div class='editor'><a href='/tac-gia/do-trung'>Đỗ Trung</a> • 07:12 ngày 24/03/2024</div>"
    html = (f"<html><body><h1>Hội nghị người lao động năm 2024 tại công ty dệt may</h1><div class='body'>{story}"
            f"</div>{byline}<ul class='related'>{related}</ul></body></html>")
    url = "https://bao.example.vn/hoi-nghi-nguoi-lao-dong-123.html"
    assert extract_page(html.encode(), url)["author"] == "Đỗ Trung"
    alone = html.replace(byline, "")
    assert extract_page(alone.encode(), url)["author"] is None  # the related list's writers are not its


def test_two_writers_linked_one_by_one_are_not_run_together() -> None:
    # No JSON-LD: a box of the writers at the top (each name a link to the writer's page, in its own block)
    # and a closing byline "A - B". The slider's block reads "A B"; the names come from the links.
    from pipelines.extract import extract_page

    story = "".join(f"<p>Đoạn {i}: công đoàn cơ sở tổ chức hội nghị người lao động, bàn về tiền lương và phúc lợi "
                    f"của đoàn viên trong năm tới.</p>" for i in range(6))
    slider = ("<div class='author-list'>" + "".join(
        f"<div class='item'><a class='name' href='/tac-gia/{slug}'>{name}</a></div>"
        for slug, name in (("nhat-xuan", "NHẬT XUÂN"), ("nghi-vu", "NGHI VŨ"))) + "</div>")
    closing = ("<div class='author-bot'><a href='/tac-gia/nhat-xuan'>NHẬT XUÂN</a> - "
               "<a href='/tac-gia/nghi-vu'>NGHI VŨ</a></div>")
    html = (f"<html><body><h1>Hội nghị người lao động năm 2024 tại công ty dệt may</h1>{slider}"
            f"<div class='body'>{story}</div>{closing}</body></html>")
    url = "https://bao.example.vn/hoi-nghi-nguoi-lao-dong-123.html"
    assert extract_page(html.encode(), url)["author"] == "Nhật Xuân - Nghi Vũ"
    assert extract_page(html.replace(closing, "").encode(), url)["author"] == "Nhật Xuân, Nghi Vũ"
    one = html.replace(closing, "").replace(slider, "<div class='author'><a href='/tac-gia/x'>NHẬT XUÂN</a></div>")
    assert extract_page(one.encode(), url)["author"] == "Nhật Xuân"


def test_a_teachers_title_before_a_closing_signature_is_not_the_name() -> None:
    story = "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh."
    result = clean_lines([story, "Cô giáo Ngô Thanh Hảo"], title=None, site_names=["truong.example.edu.vn"])
    assert result.lines == [story] and result.author == "Ngô Thanh Hảo"
    assert clean_lines([story, "Giáo viên chủ nhiệm lớp 5A"], title=None, site_names=[]).author is None


def test_a_signature_with_tone_marks_wins_over_an_account_name_without_them() -> None:
    from pipelines.extract import extract_page

    story = "".join(f"<p>Đoạn {i}: mùa đông này, các thầy cô giáo vẫn đến trường sớm để đón học sinh vào lớp "
                    f"học đúng giờ.</p>" for i in range(5))
    html = (f"<html><body><h1>Mỗi ngày đến trường là một ngày vui</h1><div class='content'>{story}"
            "<p>Cô giáo Ngô Thanh Hảo</p></div><div class='author'>Tác giả: Ngo Thanh Thao</div></body></html>")
    page = extract_page(html.encode(), "https://truong.example.edu.vn/tin-tuc/moi-ngay-den-truong.html")
    assert page["author"] == "Ngô Thanh Hảo" and "Cô giáo" not in page["text"]


@pytest.mark.parametrize("heading", [
    # a long headline broken over two lines: the <br> is a space between its words
    "<h2 class='k1'>Liên đoàn Lao động tỉnh trao 150 suất quà<br>cho đoàn viên có hoàn cảnh khó khăn</h2>",
    # a short label the heading prints before the headline its <title> gives
    "<h2 class='k1'>[Video] Liên đoàn Lao động tỉnh trao 150 suất quà cho đoàn viên có hoàn cảnh khó khăn</h2>",
    "<div class='k1'><span>VIDEO:</span> Liên đoàn Lao động tỉnh trao 150 suất quà cho đoàn viên có hoàn cảnh "
    "khó khăn</div>",
])
def test_the_headline_box_is_found_through_a_line_break_or_a_label(heading: str) -> None:
    """The headline's element anchors the dateline printed under it: a heading that runs its words together at a
    ``<br>`` or prints a label first must still be found as the <title>'s headline, with its date."""
    headline = "Liên đoàn Lao động tỉnh trao 150 suất quà cho đoàn viên có hoàn cảnh khó khăn"
    story = ("<p>Sáng nay, Liên đoàn Lao động tỉnh đã trao 150 suất quà cho đoàn viên, người lao động có "
             "hoàn cảnh khó khăn tại các khu công nghiệp trên địa bàn tỉnh.</p>") * 4
    html = (f"<html><head><title>{headline} - Báo Công đoàn</title></head><body><div class='k0'>"
            "<div class='k2'><a href='/'>Trang chủ</a></div><div class='k3'><a href='/tin-tuc/'>Tin tức</a></div>"
            f"{heading}<div class='k4'>10/02/2021 09:15</div>{story}</div></body></html>")
    page = extract_page(html.encode(), "https://congdoan.example.vn/tin-tuc/trao-qua.html")
    assert page["published_at"] is not None and page["published_at"].isoformat() == "2021-02-10T09:15:00+07:00"
    assert headline in page["title"]



def test_a_headline_broken_over_two_lines_is_neither_run_together_nor_left_in_the_text() -> None:
    headline = "Bồi dưỡng kỹ năng trợ giúp pháp lý đất đai cho cán bộ công đoàn cơ sở"
    story = ("<p>Sáng nay, Liên đoàn Lao động tỉnh tổ chức lớp bồi dưỡng kỹ năng trợ giúp pháp lý cho hơn "
             "một trăm cán bộ công đoàn cơ sở trên địa bàn.</p>") * 4
    html = (f"<html><head><title>{headline}</title></head><body><div class='k0'><div class='k1'>Bồi dưỡng kỹ năng "
            f"trợ<br>giúp pháp lý đất đai cho cán bộ công đoàn cơ sở</div>{story}</div></body></html>")
    page = extract_page(html.encode(), "https://congdoan.example.vn/tin-tuc/boi-duong.html")
    assert page["title"] == headline
    assert "Bồi dưỡng kỹ năng trợ" not in page["text"] and "giúp pháp lý đất đai cho cán bộ" not in page["text"]


def test_a_portal_s_label_closing_the_text_is_neither_text_nor_the_author() -> None:
    prose = "Công đoàn tỉnh đã trao hàng trăm suất quà cho đoàn viên có hoàn cảnh khó khăn trong dịp Tết."
    for label in ("Tiện ích", "Home", "Created By"):
        result = clean_lines([prose, prose + " Hai.", label], title=None, site_names=[])
        assert result.lines == [prose, prose + " Hai."] and result.author is None, label


def test_closing_lines_that_would_leave_no_text_are_the_text() -> None:
    # A notice of two lines: a heading in capitals and one line naming an office. Read as a closing office line
    # and a signature above it, they would leave nothing: they are the notice's text, and no author is read.
    lines = ["KẾ HOẠCH CÔNG TÁC THÁNG MƯỜI", "Lịch làm việc của Văn phòng"]
    result = clean_lines(lines, title="Lịch công tác tháng 10", site_names=["ubnd.example"])
    assert result.lines == lines and result.author is None
    # Under a story the same two lines still close it.
    story = "Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh."
    result = clean_lines([story, "Trần Minh Quang", "Văn phòng LĐLĐ tỉnh"], title="Hội nghị giao ban",
                         site_names=["ubnd.example"])
    assert result.lines == [story] and result.author == "Trần Minh Quang"


def test_a_bare_number_over_or_under_the_story_is_a_counter() -> None:
    # A like button's count ("Thích" then "0": the button's word goes as an action word) over the story and a
    # pager's last number under it go; a number inside the body is the story's own.
    story = ["Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh.",
             "Số đoàn viên mới kết nạp trong quý:", "1.250",
             "Hội nghị cũng bàn các giải pháp phát triển đoàn viên trong quý II năm nay."]
    result = clean_lines(["Thích", "0", *story, "2"], title="Hội nghị giao ban", site_names=["ldld.example"])
    assert result.lines == story


def test_a_labelled_byline_naming_an_office_closes_the_story_with_no_author() -> None:
    story = ["Hội nghị kết thúc cũng là lúc mở ra một năm hoạt động mới của ban đại diện cha mẹ học sinh.",
             "Nhà trường cảm ơn sự đồng hành của các bậc phụ huynh trong suốt năm học vừa qua."]
    for byline in ("Người viết: Trường THCS Hòa Bình", "Tác giả: Phòng Giáo dục và Đào tạo huyện"):
        result = clean_lines([*story, byline], title="Hội nghị cha mẹ học sinh", site_names=["thcs.example"])
        assert result.lines == story and result.author is None, byline
    result = clean_lines([*story, "Người viết: Lê Thị Thu"], title="Hội nghị", site_names=["thcs.example"])
    assert result.lines == story and result.author == "Lê Thị Thu"


def test_an_other_activities_label_closing_the_text_goes_but_a_section_heading_stays() -> None:
    story = ["Các em học sinh đã hoàn thành ba thử thách của chương trình Tết với nhiều sáng tạo.",
             "Nhà trường sẽ tiếp tục tổ chức các chương trình tương tự trong học kỳ tới."]
    for label in ("Hoạt động khác", "Other activities"):
        result = clean_lines([*story, label], title="Thử thách Tết", site_names=["truong.example"])
        assert result.lines == story, label
        teasers = [label, "Lễ khai giảng năm học mới", "Hội thao mùa xuân"]
        assert clean_lines([*story, *teasers], title="Thử thách Tết", site_names=["truong.example"]).lines == story
    # In a report the same words head a section whose items are sentences: kept.
    report = [story[0], "Hoạt động khác", "Tổ chức hai buổi ngoại khóa về an toàn giao thông cho học sinh.",
              story[1]]
    assert clean_lines(report, title="Báo cáo", site_names=["truong.example"]).lines == report


def test_an_office_line_under_a_heading_alone_is_the_text() -> None:
    # "Văn phòng" closes a story's prose as its office signature; under a bare heading it is a notice's one line.
    lines = ["Kế hoạch công tác tháng 10", "Lịch làm việc của Văn phòng"]
    assert clean_lines(lines, title="Lịch công tác", site_names=["ubnd.example"]).lines == lines


def test_a_long_capitals_caption_heading_is_no_signature_but_a_long_full_name_is() -> None:
    from pipelines.extract.lines import signature_author

    assert signature_author("MỘT SỐ HÌNH ẢNH HOẠT ĐỘNG NGOẠI KHÓA") is None
    assert signature_author("THÔNG TIN CHỈ ĐẠO ĐIỀU HÀNH") is None
    assert signature_author("NGUYỄN THỊ MINH KHAI") == "Nguyễn Thị Minh Khai"
    assert signature_author("Lại Văn Minh Tuấn") == "Lại Văn Minh Tuấn"
    assert signature_author("QUANG ĐẠI - THANH THỦY") == "Quang Đại - Thanh Thủy"
    assert signature_author("Lọ Mọ") == "Lọ Mọ"


@pytest.mark.parametrize("signature", ["Thu Hà- Cổng TTĐT huyện Lục Nam", "Thu Hà -Văn phòng LĐLĐ tỉnh"])
def test_a_signature_whose_dash_has_a_space_on_one_side_only_gives_the_name(signature: str) -> None:
    story = ["Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh.",
             "Hội nghị cũng bàn các giải pháp phát triển đoàn viên trong quý II năm nay."]
    result = clean_lines([*story, signature], title="Hội nghị giao ban", site_names=["ldld.example"])
    assert result.lines == story and result.author == "Thu Hà"


def test_an_institutions_proper_name_is_its_publisher_not_a_writer() -> None:
    from pipelines.extract.metadata import is_publisher

    # A school's CMS account named after the school: its name after "Trường THCS", or its host's tail.
    assert is_publisher("HOA BINH", ["Trường THCS Hòa Bình"])
    assert is_publisher("Hòa Bình", ["thcshoabinh.pgd.edu.vn"])
    # A writer's name is not the end of the site's: kept; a one-word pen name never matches a tail.
    assert not is_publisher("Bình Minh", ["Trường THCS Hòa Bình", "thcshoabinh.pgd.edu.vn"])
    assert not is_publisher("Bình", ["thcshoabinh.pgd.edu.vn"])


@pytest.mark.parametrize(("signature", "expected"), [
    ("BS. Trần Văn Nam", "Trần Văn Nam"), ("ThS.BS. Lê Thị Hoa", "Lê Thị Hoa"),
    ("Bác sỹ Phạm Văn Phải", "Phạm Văn Phải"),
    ("Luật sư Nguyễn Hữu Tài", "Nguyễn Hữu Tài"), ("Thượng úy Lê Minh Đức", "Lê Minh Đức"),
    ("Đại tá Hoàng Văn Nam - Công an tỉnh", "Hoàng Văn Nam"), ("THẦY NGUYỄN THÀNH NHÂN", "Nguyễn Thành Nhân"),
    ("Cô Lê Thị Hạnh", "Lê Thị Hạnh"),
])
def test_a_signature_s_professional_title_or_rank_is_left_out(signature: str, expected: str) -> None:
    """Doctors, lawyers and officers sign with their title or rank before the name ("BS.", "Thượng úy"), as
    "ThS." and "Cô giáo" are: the name is the author."""
    assert signature_author(signature) == expected


def test_a_byline_s_label_left_alone_in_the_line_above_the_name_goes_with_it() -> None:
    """A closing "Tác giả: | <name>" set in two cells (or lines): the name is the author, and its label is no
    line of the story."""
    story = ["Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh.",
             "Hội nghị cũng bàn các giải pháp phát triển đoàn viên trong quý II năm nay."]
    for label in ("Tác giả:", "Người viết:", "Bài và ảnh:"):
        result = clean_lines([*story, label, "Nguyễn Văn Hùng"], title="Hội nghị giao ban", site_names=[])
        assert result.lines == story and result.author == "Nguyễn Văn Hùng", label
    # A sentence that ends with a colon stays: only a label alone goes.
    closing = "Kết quả cụ thể như sau:"
    result = clean_lines([*story, closing, "Nguyễn Văn Hùng"], title="Hội nghị giao ban", site_names=[])
    assert result.lines == [*story, closing]


@pytest.mark.parametrize(("signature", "expected"), [
    # a family or given name that is also an office's word ("Đoàn", "Sở", "Hội"): a full name, capitalised
    ("Đoàn Văn Hùng", "Đoàn Văn Hùng"), ("ĐOÀN THỊ HOA", "Đoàn Thị Hoa"), ("Lương Thanh Sở", "Lương Thanh Sở"),
    ("Nguyễn Văn Hội", "Nguyễn Văn Hội"), ("Mai Hội - Hồng Thắm", "Mai Hội - Hồng Thắm"),
    # an office stays an office, whatever its case
    ("Đoàn Thanh niên", None), ("ĐOÀN THANH NIÊN", None), ("Hội Nông dân", None), ("Ban Tuyên giáo", None),
    # the writer's post after the name goes, as an office does
    ("Phạm Văn Phải - Phó Hiệu trưởng", "Phạm Văn Phải"),
    ("Phạm Văn Phải – Phó Hiệu trưởng Trường THPT Việt Vinh", "Phạm Văn Phải"),
    ("Lê Hoa - Giáo viên Trường THCS Hòa Bình", "Lê Hoa"),
])
def test_a_name_with_an_office_s_word_is_a_name_and_a_post_after_it_goes(signature: str, expected: str | None,
                                                                         ) -> None:
    assert signature_author(signature) == expected


def test_a_speaker_named_with_a_title_or_post_under_a_quotation_is_no_byline() -> None:
    """A story that ends with a quotation, then the speaker introduced by title or post: the line is the quote's
    attribution (text, no author); a name alone under a quotation is still the byline."""
    story = ["Ngày 20/3, hội nghị giao ban đánh giá kết quả quý I của các cấp công đoàn trong tỉnh.",
             "“Giáo viên dạy học sinh làm bài rập khuôn theo văn mẫu là những giáo viên lệch lạc”."]
    for speaker in ("Cô Lê Ngọc Diệp - Trưởng phòng GD tiểu học Sở GD-ĐT",
                    "Lê Ngọc Diệp, Giáo viên Trường THCS Hòa Bình", "BS. Trần Văn Nam"):
        result = clean_lines([*story, speaker], title="Hội nghị giao ban", site_names=[])
        assert result.lines == [*story, speaker] and result.author is None, speaker
    result = clean_lines([*story, "Minh Anh"], title="Hội nghị giao ban", site_names=[])
    assert result.lines == story and result.author == "Minh Anh"
    # with no quotation before it, the titled line is the writer's signature
    result = clean_lines([story[0], "BS. Trần Văn Nam"], title="Hội nghị giao ban", site_names=[])
    assert result.lines == [story[0]] and result.author == "Trần Văn Nam"


def test_an_office_s_name_whose_initials_are_its_host_is_the_site_s_name() -> None:
    """Vietnamese offices' hosts spell their names' initials (sgtvt: Sở Giao thông vận tải; svhttdl: Sở Văn hóa,
    Thể thao và Du lịch; hdnd: Hội đồng nhân dân), the province after them left out; a headline whose initials
    only open with the host's is no site name."""
    from pipelines.extract.metadata import looks_like_site_name

    assert looks_like_site_name("SỞ GIAO THÔNG VẬN TẢI", ["sgtvt.daknong.gov.vn"])
    assert looks_like_site_name("Sở Văn hóa, Thể thao và Du lịch tỉnh Đắk Nông", ["svhttdl.daknong.gov.vn"])
    assert looks_like_site_name("Hội đồng nhân dân tỉnh Đắk Nông", ["hdnd.daknong.gov.vn"])
    assert not looks_like_site_name("Sở Giao thông vận tải tổ chức hội nghị", ["sgtvt.daknong.gov.vn"])
    assert not looks_like_site_name("Hội đồng nhân dân tỉnh Đắk Nông khai mạc kỳ họp", ["hdnd.daknong.gov.vn"])
    assert not looks_like_site_name("Sở Giao thông vận tải", ["daknong.gov.vn"])


def test_a_rating_with_its_stars_and_votes_and_an_archive_s_day_picker_are_chrome() -> None:
    """A rating widget printed as text ("Đánh giá bài viết: ★★★★★ (0 phiếu)") and the label of a by-day archive
    picker under the story ("Các tin đã đưa ngày:") are chrome; a sentence opening with the same words is not."""
    for chrome in ("Đánh giá bài viết: ★★★★★ (0 phiếu)", "Đánh giá: 4.5/5 (12 lượt đánh giá)",
                   "Bình chọn (3 phiếu)", "Các tin đã đưa ngày:", "Xem tin theo ngày"):
        assert is_chrome_line(chrome), chrome
    for sentence in ("Đánh giá bài viết của bạn đọc rất cao (0 phiếu)",
                     "Các tin đã đưa ngày 31/07/2019 cho thấy công đoàn đã làm tốt."):
        assert not is_chrome_line(sentence), sentence


def test_a_read_aloud_players_buttons_and_clock_are_chrome() -> None:
    """A text-to-speech player's buttons ("Đọc bài", "Dừng đọc": dev gold, c2tanthanh) and its label
    with the clock ("Nghe đọc bài viết 00:00 / 03:25") are chrome; a bare time (a timetable's cell) and a sentence
    opening with the same words are not."""
    for chrome in ("Đọc bài", "Dừng đọc", "Nghe đọc bài viết 00:00", "Nghe bài viết 00:00 / 03:25",
                   "Nghe đọc bài viết | Chia sẻ"):
        assert is_chrome_line(chrome), chrome
    for text in ("09:30", "Đọc bài viết này để biết thêm về chính sách mới.", "Nghe tin vui, cả xóm kéo đến."):
        assert not is_chrome_line(text), text


def test_a_rating_box_s_lines_a_reading_time_and_a_feedback_button_are_chrome() -> None:
    """The rating box of NukeViet and the VNPT school portal (dev mirrors of thcshoangluong, ptsaoviet) printed as
    lines when its stars are images, not radio buttons; a story's reading time; the player's "Đọc bài viết" and a
    "Gửi góp ý" button. Sentences opening with the same words stay."""
    for chrome in ("Tổng số điểm của bài viết là: 0 trong 0 đánh giá", "Tổng số điểm của bài viết là: 12 trong 3 "
                   "đánh giá", "Click để đánh giá bài viết", "Thời gian đọc: 3 phút", "Đọc trong 5 phút",
                   "Đọc bài viết", "Gửi góp ý", "Đọc bài viết | Gửi góp ý"):
        assert is_chrome_line(chrome), chrome
    for text in ("Tổng số điểm của bài viết là cơ sở để xét giải.", "Thời gian đọc sách của học sinh tăng 3 phút.",
                 "Đọc trong 5 phút, em đã thuộc bài thơ.", "Gửi góp ý cho dự thảo luật trước ngày 15/3."):
        assert not is_chrome_line(text), text


def test_a_keyword_line_is_chrome_and_a_sentence_opening_with_a_card_stays() -> None:
    """A keyword line is its label alone or with a colon ("Tìm kiếm theo từ khóa :benhvienlevanviet, …": a hospital
    portal's mirror, phamdocaohiep/bvlevanviet, neither half, where it stood after the writer's signature and
    hid it). A Vietnamese label followed by words without a colon is a sentence: "Thẻ BHYT …" (a card), "Thẻ đoàn
    viên …" were dropped from stories as keyword lines."""
    for chrome in ("Tìm kiếm theo từ khóa :benhvienlevanviet, ngaythaythuocvietnam",
                   "Từ khóa: công đoàn, hội nghị", "Từ khoá liên quan: đại hội", "Tags: cong doan, hoi nghi",
                   "Tags cong doan", "Thẻ:", "Từ khóa"):
        assert is_chrome_line(chrome), chrome
    for text in ("Thẻ BHYT điện tử được tích hợp trên ứng dụng VssID giúp người lao động khi khám bệnh.",
                 "Thẻ đoàn viên công đoàn điện tử", "Từ khóa của phong trào năm nay là đổi mới và sáng tạo."):
        assert not is_chrome_line(text), text
    story = ("<html><head><title>Thầy thuốc trẻ tiêu biểu được vinh danh</title></head><body><main><h1>Thầy thuốc "
             f"trẻ tiêu biểu được vinh danh</h1><div class='date'>03/03/2025</div><div class='content'>{_STORY_P}"
             "<p>Thẻ BHYT điện tử được tích hợp trên ứng dụng VssID giúp người bệnh thuận tiện khi đến khám.</p>"
             "<p><br><br></p><div>Ngọc Hân</div><p><br><br></p><div>Tìm kiếm theo từ khóa :<a href='/Search.aspx?"
             "key=benhvien'>benhvien</a>,<a href='/Search.aspx?key=thaythuoc'> thaythuoc</a></div></div></main>"
             "</body></html>")
    page = extract_page(story.encode(), "https://benhvien.example.vn/tin-tuc/thay-thuoc-tre.html")
    assert page["author"] == "Ngọc Hân" and "Thẻ BHYT điện tử" in page["text"], (page["author"], page["text"])
    assert "Tìm kiếm theo từ khóa" not in page["text"]


def test_a_licence_or_editor_line_is_chrome_and_a_sentence_opening_with_its_words_stays() -> None:
    """An imprint's licence and editor lines carry their label's colon or the licence's code; a story's sentence
    that opens with the same words ("Chịu trách nhiệm tổ chức hội thi là …", "Giấy phép số 12 được cấp …") was
    dropped wherever it stood."""
    for chrome in ("Giấy phép số: 12/GP-STTTT", "Giấy phép số 123/GP-TTĐT ngày 12/3/2019 của Sở Thông tin và "
                   "Truyền thông", "Giấy phép: 45/GP-BTTTT", "Chịu trách nhiệm nội dung: Nguyễn Văn An",
                   "Chịu trách nhiệm: Ban biên tập"):
        assert is_chrome_line(chrome), chrome
    for text in ("Chịu trách nhiệm tổ chức hội thi là Ban Nữ công Liên đoàn Lao động tỉnh.",
                 "Giấy phép số 12 được cấp cho doanh nghiệp từ năm 2019 nhưng chưa thực hiện đúng cam kết."):
        assert not is_chrome_line(text), text


def test_copy_link_share_advert_and_empty_comment_box_lines_are_chrome() -> None:
    """Widget wording of dev pages (cafef's copy-link box, a share button's label, an advert slot, tuoitre's empty
    comment box) printed as lines is chrome; sentences opening with the same words are not."""
    for chrome in ("Link bài gốc", "Lấy link", "Chia sẻ bài viết lên facebook", "QUẢNG CÁO",
                   "Hiện chưa có bình luận nào, hãy là người đầu tiên bình luận",
                   "Vui lòng nhập nội dung bình luận."):
        assert is_chrome_line(chrome), chrome
    for text in ("Quảng cáo thuốc sai sự thật bị xử phạt nặng.", "Chưa có ý kiến nào phản đối phương án này.",
                 "Hãy là người đầu tiên đến đăng ký tham gia hiến máu."):
        assert not is_chrome_line(text), text


def test_nukeviet_s_writer_label_under_the_story_gives_the_author_and_leaves_the_text() -> None:
    """NukeViet's news module prints the writer under the story as "<strong>Tác giả bài viết: </strong>Name" (and
    the source as "Nguồn tin: …"): one label, not "Tác giả" followed by the words "bài viết:"."""
    story = "".join(f"<p>Sáng nay {i}, Liên đoàn Lao động tỉnh trao hàng trăm suất quà Tết cho đoàn viên, "
                    f"người lao động có hoàn cảnh khó khăn tại khu công nghiệp số {i}, tổng giá trị hàng trăm "
                    "triệu đồng.</p>" for i in range(4))
    title = "Công đoàn tỉnh trao quà Tết cho đoàn viên khó khăn"
    for name, expected in (("Ngọc Lan", "Ngọc Lan"), ("NGỌC LAN", "Ngọc Lan")):
        html = (f"<html><head><title>{title}</title></head><body><div class='news_column panel panel-default'>"
                f"<div class='panel-body'><h1 class='title margin-bottom-lg'>{title}</h1>"
                "<div class='row'><span class='h5'>Thứ hai - 12/03/2019 10:20</span></div>"
                f"<div id='news-bodyhtml' class='bodytext margin-bottom-lg'>{story}</div>"
                "<div class='margin-bottom-lg'><p class='h5 text-right'><strong>Tác giả bài viết: </strong>"
                f"{name}</p><p class='h5 text-right'><strong>Nguồn tin: </strong>Báo Lao Động</p></div>"
                "</div></div></body></html>")
        page = extract_page(html.encode(), "https://ldld.example.vn/news/tin-tuc/trao-qua-tet-124.html")
        assert page["author"] == expected
        assert "Tác giả" not in page["text"] and "Nguồn tin" not in page["text"]
        assert page["text"].count("Sáng nay") == 4


_CMS_STORY = "".join(f"<p>Sáng nay {i}, Liên đoàn Lao động tỉnh trao hàng trăm suất quà Tết cho đoàn viên, "
                     f"người lao động có hoàn cảnh khó khăn tại khu công nghiệp số {i}, tổng giá trị hàng trăm "
                     "triệu đồng.</p>" for i in range(4))
_CMS_TITLE = "Công đoàn tỉnh trao quà Tết cho đoàn viên khó khăn"


@pytest.mark.parametrize("meta", [
    # Joomla 2.5's article info: a definition list, one entry a line (a <dd> is a line of its own).
    "<dl class='article-info'><dd class='published'>Được đăng ngày Thứ ba, 12 Tháng 3 2019 10:20</dd>"
    "<dd class='createdby'>Viết bởi Trần Minh</dd><dd class='hits'>Số lần xem: 204</dd></dl>",
    # Drupal's "submitted" line: the name, then "vào" and the date after its weekday.
    "<div class='submitted'>Gửi bởi <span class='username'>Trần Minh</span> vào T3, 12/03/2019 - 10:20</div>",
])
def test_a_cms_s_byline_in_a_definition_list_or_before_a_weekday_and_date(meta: str) -> None:
    html = (f"<html><head><title>{_CMS_TITLE}</title></head><body><div class='item-page'><h2>{_CMS_TITLE}</h2>"
            f"{meta}<div class='content'>{_CMS_STORY}</div></div></body></html>")
    page = extract_page(html.encode(), "https://ldld.example.vn/tin-tuc/123-trao-qua-tet.html")
    assert page["author"] == "Trần Minh"
    assert page["published_at"].isoformat().startswith("2019-03-12T10:20")
    assert "Trần Minh" not in page["text"] and page["text"].count("Sáng nay") == 4


@pytest.mark.parametrize("others", [1, 2])
def test_the_story_listed_in_a_sidebar_of_linked_headlines_is_not_its_headline(others: int) -> None:
    """A VNPT school portal (nhatminh2474/ABC's mirror, neither half) lists the page's own story among the
    title-classed, linked entries of a sidebar portlet above it; the story's own title box is named nothing the
    rules read. The listed entry was taken for the headline, the date under the real one was then too far from it,
    and the story had no date. An entry of a list of linked headlines is not the page's headline."""
    title = "Sẽ ban hành chương trình giáo dục phổ thông mới vào tháng 4/2018"
    listed = [(1, "Thông báo về việc tuyển sinh lớp 6 năm học 2018-2019"), (2, title),
              (3, "Nghị định 04/2015/NĐ-CP về thực hiện dân chủ trong cơ quan hành chính")][:others + 1]
    entries = "".join(f'<div class="danhsachtin_tieude_item"><a href="/chi-tiet-tin/?/{n}">{t}</a></div>'
                      for n, t in listed)
    documents = "".join(f'<div class="vb"><a href="/van-ban/{i}">Văn bản số {i}/KH</a></div>' for i in range(40))
    story = ("<p>Ngày 19/1, Bộ Giáo dục và Đào tạo đã công bố thông tin về <a href='http://vtv.vn/giao-duc/giam-tai"
             "-20180120.htm'>dự thảo các chương trình môn học</a> trong chương trình giáo dục phổ thông mới.</p>"
             + _STORY)  # (a link in the story: its block reads as a teaser's, so the date there is not read alone)
    html = (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><div class="col-3">'
            f'<div class="portlet"><h2>Tin mới</h2><div class="danhsachtin_tieude">{entries}</div></div>'
            f'<div class="portlet"><h2>Văn bản</h2>{documents}</div></div><div class="main"><div class="detail">'
            f'<div class="CTTDivMain">{title}</div><span class="startdate"> 19/04/2018 </span>'
            f'<div class="content">{story}</div></div></div></body></html>')
    page = extract_page(html.encode(), "https://thcs.example.edu.vn/chi-tiet-tin/?/2")
    assert page["page_type"] == "article" and page["title"] == title
    assert page["published_at"].date().isoformat() == "2018-04-19"


def test_a_title_box_holding_the_breadcrumb_gives_its_heading_as_the_headline() -> None:
    """A theme's page title bar holds the <h1> and the breadcrumb after it (WordPress's Avada, a 2019 copy of
    viettelpost.com.vn, lychanhdarit/viettpost's mirror, a dev site's): the box's text starts as the <title> does,
    and the box came first; the heading inside it that matches is the headline, not the box with "Home/Tin tức"."""
    title = "Công đoàn tỉnh trao quà Tết cho đoàn viên khó khăn"
    html = (f'<html><head><meta charset="utf-8"><title>{title} - LĐLĐ tỉnh</title></head><body>'
            f'<div class="page-title-bar"><h1 class="entry-title">{title}</h1><div class="breadcrumbs">'
            f'<a href="/">Home</a>/<a href="/tin-tuc/">Tin tức</a></div></div>'
            f'<article class="post"><div class="entry-content">{_STORY}</div></article></body></html>')
    assert extract_page(html.encode(), "https://ldld.example.vn/tin-tuc/trao-qua-tet/")["title"] == title


@pytest.mark.parametrize(("title", "site"), [
    ("Báo cáo tài chính - Năm 2016 - Bưu Chính Viettel", False),  # "báo cáo": a report, no paper
    ("Báo chí cách mạng Việt Nam", False),
    ("Báo Lao Động", True), ("BÁO LAO ĐỘNG", True), ("Báo điện tử Chính phủ", True),
])
def test_a_headline_opening_with_bao_cao_is_no_paper_s_name(title: str, site: bool) -> None:
    """"Báo" opens a paper's name ("Báo Lao Động") and words of its own ("báo cáo", a report): the <title>
    "Báo cáo tài chính - Năm 2016 - <site>" was cut to "Năm 2016", its first part taken for a paper's name, and the
    headline was not found (the same viettelpost copy)."""
    names = ["Bưu Chính Viettel", "viettelpost.com.vn"]
    assert looks_like_site_name(title.split(" - ")[0], names) is site
    if not site:
        assert strip_site_suffix(title, names) == title.removesuffix(" - Bưu Chính Viettel")


@pytest.mark.parametrize("relative", ["5 tháng trước", "2 giờ trước", "3 days ago"])
def test_a_headline_and_a_relative_date_run_into_the_text_leave_it(relative: str) -> None:
    """trafilatura's fallback flattens a short post's header and text into one line, the date printed relative to
    the day of reading ("<headline> 5 tháng trước <text>", the 2019 viettelpost copy's notices): the headline and
    the relative date go, the text stays and no date is read from it."""
    title = "Báo cáo tài chính – Năm 2016"
    text = "Tổng Công ty công bố Báo cáo tài chính năm 2016. Vui lòng xem chi tiết tại đây."
    result = clean_lines([f"{title} {relative} {text}"], title=title, site_names=[])
    assert result.lines == [text] and result.relative_date and not result.dates


_RUN_IN = "Ban chi ủy chi bộ trường THCS nhiệm kỳ 2018-2020 gồm năm đồng chí có tên sau đây:"


@pytest.mark.parametrize(("first", "kept"), [
    (f"19/04/2018 {_RUN_IN}", _RUN_IN), (f"19/04/2018 10:20 | {_RUN_IN}", _RUN_IN),
    # a sentence that opens with its date: its word ("Ngày"), its comma, a second date
    (f"Ngày 19/04/2018 {_RUN_IN}", None), (f"19/04/2018, {_RUN_IN}", None),
    ("19/5/1890 - 19/5/2020: Kỷ niệm 130 năm ngày sinh Chủ tịch Hồ Chí Minh, nhà trường tổ chức", None),
])
def test_a_dateline_run_into_the_first_paragraph_leaves_it(first: str, kept: str | None) -> None:
    """trafilatura's fallback joins a date printed inline over the story's block to its first paragraph (a VNPT
    school portal's story, nhatminh2474/ABC's mirror, neither half): the date leaves the line and is read; a
    sentence that opens with a date stays whole."""
    lines = [first, "1. Ông Nguyễn Quốc Hùng (Bí thư)", "2. Bà Hồ Thị Ánh (Phó Bí thư)"]
    result = clean_lines(lines, title="Đại hội Đảng viên chi bộ", site_names=[])
    assert result.lines[0] == (kept or first)
    assert [d.value.date().isoformat() for d in result.dates] == (["2018-04-19"] if kept else [])


@pytest.mark.parametrize(("meta", "first_word"), [
    ("12/03/2019", "Sáng"), ("Thứ ba, 12/03/2019 | 10:20", "Sáng"), ("Posted on 12/03/2019 by admin", "Sáng"),
    ("12/03/2019 10:20", "sáng"),  # the story's first word is no part of the time ("10:20 sáng")
])
def test_a_short_post_s_headline_and_date_run_into_its_paragraph_leave_it(meta: str, first_word: str) -> None:
    """trafilatura's fallback flattens a one-paragraph post's whole block into one line ("<headline> 12/03/2019
    Sáng nay, …"): the headline and the dateline (and the CMS account after it) go, the paragraph stays whole."""
    paragraph = (f"{first_word} nay, Liên đoàn Lao động tỉnh trao hàng trăm suất quà Tết cho đoàn viên, người lao "
                 "động có hoàn cảnh khó khăn tại các khu công nghiệp trên địa bàn tỉnh.")
    html = (f"<html><head><title>{_CMS_TITLE}</title></head><body><article class='post'>"
            f"<h1 class='entry-title'>{_CMS_TITLE}</h1><div class='entry-meta'>{meta}</div>"
            f"<div class='entry-content'><p>{paragraph}</p></div></article></body></html>")
    page = extract_page(html.encode(), "https://ldld.example.vn/tin-tuc/2-trao-qua-tet.html")
    assert page["page_type"] == "article"
    assert page["text"] == paragraph
    assert page["published_at"].date().isoformat() == "2019-03-12"



def test_the_heading_of_a_box_emptied_under_the_story_is_no_signature() -> None:
    """A WordPress theme (Jupiter) closes each post with the writer's box and "Recent Posts" over cards of linked
    headlines (xreduvn/xreduvn.github.io's mirror, neither half): the cards go, their heading was left as the
    text's last line and read as the story's signature, two capitalised words. A box's heading is no signature."""
    story = "".join(f"<p>Đoạn {n}: sinh viên được doanh nghiệp đánh giá cao cả về năng lực chuyên môn lẫn kỹ năng "
                    "làm việc và kỹ năng thuyết trình trong dự án thực tế.</p>" for n in range(1, 6))
    name = "Sinh viên thiết kế có triển vọng nghề nghiệp số"
    cards = "".join(f"<li><div class='similar-post-holder'><a class='mk-similiar-thumbnail' href='../bai-{n}/' "
                    f"title='{name} {n}'><img src='../anh-{n}.png' alt='{name} {n}'>"
                    f"<div class='image-hover-overlay'></div></a><a href='../bai-{n}/' class='mk-similiar-title'>"
                    f"{name} {n}</a></div></li>"
                    for n in range(1, 5))
    html = ("<html><head><meta charset='utf-8'><title>Sinh viên vững vàng trong công việc</title></head><body>"
            "<article class='mk-blog-single'><h1 class='page-title'>Sinh viên vững vàng trong công việc</h1>"
            "<time datetime='2021-06-28'>28/06/2021</time>"
            f"<div class='mk-single-content'>{story}</div><div class='mk-about-author-wrapper'><div class="
            "'mk-about-author-meta'><div class='avatar-wrapper'><img alt='minh tam' src='/avatar.png'></div><a "
            "class='about-author-name' href='../author/minh-tam/'><span>minh tam</span></a><div class="
            "'about-author-desc'></div><ul class='about-author-social'><li><a class='email-icon' href='mailto:"
            "tam@hocvien.example.vn'></a></li></ul></div></div><section class='blog-similar-posts'><div class="
            f"'similar-post-title'>Recent Posts</div><ul class='four-cols'>{cards}</ul>"
            "<div class='clearboth'></div>"
            "</section></article>"
            "</body></html>")
    page = extract_page(html.encode(), "https://hocvien.example.vn/sinh-vien-vung-vang-trong-cong-viec/")
    assert page["page_type"] == "article" and page["text"].count("Đoạn") == 5
    assert page["author"] is None and "Recent Posts" not in page["text"]


@pytest.mark.parametrize(("line", "expected"), [
    # A slogan in capitals closing an "about us" page (xreduvn/xreduvn.github.io's mirror, neither half): two
    # words before a comma, then a full-stopped clause; it was read as the signature "Cùng Nhau" and left the text.
    ("CÙNG NHAU, CHÚNG TA SẼ TẠO NÊN TƯƠNG LAI TẠI ĐÂY.", None),
    ("HÀ HIỂN, VĂN PHÒNG LĐLĐ TỈNH.", "Hà Hiển"),  # the writer's office after the comma
    ("THANH HÀ, HỘI NÔNG DÂN HUYỆN ĐẮK MIL.", "Thanh Hà"),
    ("Lê Hoa, người con của quê hương Đắk Nông.", "Lê Hoa"),  # not in capitals: a signature's description
    # A lecturer's post after the name, as a teacher's is (the art school's "Tác giả: … – Giảng viên Monster").
    ("Tác giả: Lê Hương Mi – Giảng viên Monster", "Lê Hương Mi"),
    ("Lê Hương Mi - Giảng viên Trường Cao đẳng Sư phạm", "Lê Hương Mi"),
])
def test_signatures_with_a_post_or_a_clause_after_the_name(line: str, expected: str | None) -> None:
    assert signature_author(line) == expected


@pytest.mark.parametrize("byline", ["", "<span class='byline'>by <a href='/author/thanhthu/'>ThanhThu</a></span>"])
def test_a_cms_login_written_in_one_word_is_no_author(byline: str) -> None:
    """A WordPress SEO plugin names the post's writer by the account's display name, "ThanhThu", in its JSON-LD
    Person and meta tags (QuocWhite/HaiVanBay's mirror, 39 posts, no byline on the page; xreduvn's blog shows
    "MeoChoco" in its byline; neither half). One word whose syllables run together with a capital inside is a
    login, not a name as people write it: no author."""
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "Article", '
          '"headline": "Khu nghỉ dưỡng mới mở cửa đón khách", "author": {"@type": "Person", "name": "ThanhThu"}, '
          '"datePublished": "2025-08-29T09:17:01+07:00"}]}</script>')
    paragraphs = "".join(f"<p>Đoạn {n}: khu nghỉ dưỡng ven biển mở cửa đón những vị khách đầu tiên trong dịp cuối "
                         "tuần với nhiều hoạt động trải nghiệm.</p>" for n in range(1, 5))
    html = (f"<html><head><meta charset='utf-8'><title>Khu nghỉ dưỡng mới mở cửa đón khách</title>{ld}"
            "<meta name='author' content='ThanhThu'></head><body><article><h1>Khu nghỉ dưỡng mới mở cửa đón khách"
            f"</h1>{byline}<div class='entry-content'>{paragraphs}</div></article></body></html>")
    page = extract_page(html.encode(), "https://duan.example.vn/khu-nghi-duong-mo-cua/")
    assert page["page_type"] == "article" and page["author"] is None
