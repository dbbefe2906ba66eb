"""Vietnamese date formats, Vietnam time, header render dates and dates later than the fetch time."""

from __future__ import annotations

from datetime import datetime

import pytest

from pipelines.extract import extract_page
from pipelines.extract.dates import VN_TZ, find_dates, month_first_separators, parse_date, parse_iso
from pipelines.extract.lines import clean_lines, dateline_dates, is_date_line, is_relative_date_line


@pytest.mark.parametrize(("text", "expected", "has_time"), [
    ("Cập nhật lúc 22:46 - 20/03/2021 (GMT +07:00)", "2021-03-20T22:46", True),
    ("Ngày đăng 29/10/2020 | 16:10", "2020-10-29T16:10", True),
    ("Thứ Năm, 25/01/2024 09:30 (GMT+7)", "2024-01-25T09:30", True),
    ("(14/09/2023 16:40)", "2023-09-14T16:40", True),
    ("Thứ Ba, 14/09/2023 - 16:40", "2023-09-14T16:40", True),
    ("Thứ ba, 10 Tháng 12 2013 14:58", "2013-12-10T14:58", True),
    ("Được đăng: Thứ hai, 11 Tháng 9 2023 14:21", "2023-09-11T14:21", True),
    ("Thứ tư - 04/04/2018 05:37", "2018-04-04T05:37", True),
    ("09:07, 25/07/2019", "2019-07-25T09:07", True),
    ("23:21 | 24/07/2019", "2019-07-24T23:21", True),
    ("Đăng lúc 8h30 ngày 1/10/2019", "2019-10-01T08:30", True),
    ("01/10/2019 04:15 CH", "2019-10-01T16:15", True),
    ("11-7-2018", "2018-07-11T00:00", False),
    ("Thứ sáu, Ngày 19 Tháng 4 Năm 2024", "2024-04-19T00:00", False),
    ("ngày 5 tháng 6 năm 2022", "2022-06-05T00:00", False),
])
def test_formats(text: str, expected: str, has_time: bool) -> None:
    match = parse_date(text)
    assert match is not None
    assert match.value.strftime("%Y-%m-%dT%H:%M") == expected
    assert match.has_time is has_time
    assert match.value.utcoffset().total_seconds() == 7 * 3600


def test_other_offsets_are_converted_to_vietnam_time() -> None:
    assert parse_iso("2021-03-20T15:46:00Z").value.isoformat() == "2021-03-20T22:46:00+07:00"
    assert parse_iso("2021-03-20T20:46:00-05:00").value.isoformat() == "2021-03-21T08:46:00+07:00"
    assert parse_iso("2021-03-20T22:46:00").value.isoformat() == "2021-03-20T22:46:00+07:00"


def test_no_date_later_than_now_and_no_impossible_dates() -> None:
    now = datetime(2022, 1, 1, 12, 0, tzinfo=VN_TZ)
    assert find_dates("Ngày 05/06/2023 và ngày 05/06/2021", now=now)[0].value.year == 2021
    assert find_dates("31/02/2020") == [] and find_dates("Ngày 17.1, Tổng LĐLĐ") == []
    assert find_dates("Quyết định số 12/1990") == []


def test_header_render_date_and_sidebar_dates_are_not_the_publication_date() -> None:
    html = """<html><head><title>Trao 150 suất quà Tết cho đoàn viên khó khăn</title></head><body>
    <div class="top">Thứ sáu, Ngày 19 Tháng 4 Năm 2024</div>
    <div class="side"><h4>Tin mới</h4><ul><li><a href="/tin/2">Hội nghị giao ban công tác công đoàn quý I</a>
    (27/08/2023 06:20)</li></ul></div>
    <div class="main"><h1>Trao 150 suất quà Tết cho đoàn viên khó khăn</h1><p>Thứ Hai, 10/02/2021 - 09:15</p>
    <p>Sáng 10/2, Liên đoàn Lao động tỉnh trao 150 suất quà Tết cho đoàn viên, người lao động có hoàn cảnh khó
    khăn, mỗi suất trị giá 500 nghìn đồng.</p><p>Chương trình có sự đồng hành của 20 doanh nghiệp.</p></div>
    </body></html>"""
    page = extract_page(html.encode(), "http://ldld.example/tin/1")
    assert page["published_at"].isoformat() == "2021-02-10T09:15:00+07:00"
    assert "date_only" not in page["quality_flags"]


def test_date_without_time_is_midnight_with_the_date_only_flag() -> None:
    html = """<html><body><h1>Hội thao công nhân viên chức lao động tỉnh năm 2021</h1><p>Ngày 17/10/2021</p>
    <p>Hội thao thu hút hơn 600 vận động viên đến từ 30 công đoàn cơ sở tham gia tranh tài ở năm môn thi đấu.</p>
    </body></html>"""
    page = extract_page(html.encode(), "http://ldld.example/tin/3")
    assert page["published_at"].isoformat() == "2021-10-17T00:00:00+07:00"
    assert "date_only" in page["quality_flags"]


def test_time_of_day_in_the_chunk_next_to_a_date_line() -> None:
    from pipelines.extract import extract_page
    heading = "Những người khổ hạnh vì bớt lạ trên mặt"
    html = (f'<html><head><title>{heading}</title></head><body><div class="dtContent"><h1>{heading}</h1>'
            '<span class="timePost">  15:20 PM  | <span> 21/12/2012 </span>  </span>'
            '<p class="lead">Vết bớt khác thường, lông mọc dày khiến nhiều người khổ sở.</p>'
            + "<p>Vết bớt khác thường khiến nhiều người gặp khó khăn trong cuộc sống hằng ngày của họ.</p>" * 5
            + "</div></body></html>")
    page = extract_page(html.encode(), "http://news.example/tin-tuc/2012/12/41584-nhung-nguoi-kho-hanh.html")
    assert page["published_at"].isoformat() == "2012-12-21T15:20:00+07:00"


@pytest.mark.parametrize(("text", "expected"), [
    ("30 Tháng Mười Một, 2025 14:05", "2025-11-30T14:05"),  # WordPress's Vietnamese month names
    ("Tháng Mười Một 30, 2025", "2025-11-30T00:00"),
    ("3 Tháng Hai, 2026 07:12", "2026-02-03T07:12"),
    ("Tháng Mười 3, 2025 lúc 9:05", "2025-10-03T09:05"),
])
def test_month_names(text: str, expected: str) -> None:
    assert find_dates(text)[0].value.strftime("%Y-%m-%dT%H:%M") == expected


def test_month_names_in_running_text_are_not_dates() -> None:
    assert find_dates("Doanh thu trong 6 tháng năm 2025 tăng mạnh") == []  # "six months of 2025"


_HEADLINE = "<h1>Công đoàn tỉnh trao quà Tết cho đoàn viên khó khăn</h1>"
_STORY = ("<p>Sáng nay, công đoàn tỉnh đã trao hàng trăm suất quà Tết cho đoàn viên, người lao động có hoàn cảnh "
          "khó khăn tại các khu công nghiệp trên địa bàn, với tổng giá trị hàng trăm triệu đồng.</p>") * 4


def _extracted(head: str, below: str, after: str = "") -> dict:
    html = (f'<html lang="vi"><head><meta charset="utf-8">{head}</head>'
            f"<body>{_HEADLINE}{below}{_STORY}{after}</body></html>")
    return extract_page(html.encode(), "https://ldld.example.vn/tin-tuc/cong-doan-tinh-trao-qua-tet.html")


def _published(head: str, below: str) -> str | None:
    page = _extracted(head, below)
    return page["published_at"].isoformat() if page["published_at"] else None


def test_the_date_printed_under_the_headline_wins_over_a_meta_tag_that_disagrees() -> None:
    meta = '<meta property="article:published_time" content="2025-11-29T14:02:00+07:00">'
    assert _published(meta, "<div>Thứ Bảy, 29/11/2025, 03:04 AM (GMT+7)</div>") == "2025-11-29T03:04:00+07:00"
    assert _published(meta, "") == "2025-11-29T14:02:00+07:00"
    # The same minute: the meta tag's seconds are kept.
    meta = '<meta property="article:published_time" content="2025-11-29T14:02:37+07:00">'
    assert _published(meta, "<div>29/11/2025 14:02</div>") == "2025-11-29T14:02:37+07:00"


@pytest.mark.parametrize("below", ["<div>2 giờ trước</div>", "<div>3 ngày trước</div>", "<div>Hôm qua</div>"])
def test_relative_dates_give_no_date(below: str) -> None:
    assert _published("", below) is None


def test_day_month_year_set_apart_by_spaces_only_with_a_time() -> None:
    assert find_dates("thứ ba, 06 08 2019 14:41")[0].value.isoformat() == "2019-08-06T14:41:00+07:00"
    assert find_dates("06 08 2019") == [] and find_dates("có 12 15 2019 người") == []


def test_day_month_year_set_apart_by_spaces_after_a_weekday_without_a_time() -> None:
    # A WordPress theme's "l, d m, Y" in the Vietnamese locale.
    assert find_dates("thứ ba, 27 06, 2017")[0].value.isoformat() == "2017-06-27T00:00:00+07:00"
    assert find_dates("Chủ nhật, 02 07 2017")[0].value.date().isoformat() == "2017-07-02"
    assert find_dates("số 27 06, 2017") == [] and find_dates("Tổ 12 06, 2017 xã") == []


def test_a_date_above_the_headline_split_by_font_buttons_and_one_in_a_share_bar_below_it() -> None:
    meta = '<meta property="article:published_time" content="2021-10-09T09:42:35+07:00">'
    above = ('<article><header><span class="post-date">Thứ 7, 09/10/2021<span> | </span>09:31</span>'
             '<a class="font" href="#">A</a><sup>-</sup><a class="font" href="#">A</a><sup>+</sup></header>')
    html = (f'<html lang="vi"><head><meta charset="utf-8">{meta}</head><body>{above}{_HEADLINE}{_STORY}'
            "</article></body></html>")
    page = extract_page(html.encode(), "https://truong.example.vn/tin-tuc/cong-doan-tinh-trao-qua-tet.html")
    assert page["published_at"].isoformat() == "2021-10-09T09:31:00+07:00"
    below = ('<div class="social clearfix"><div class="news-date"><span>Ngày đăng:</span> 23/04/2020 - 20:43'
             "</div></div>")
    assert _published(meta, below) == "2020-04-23T20:43:00+07:00"


def test_a_teaser_date_under_a_listing_heading_is_not_the_page_date() -> None:
    teaser = ('<ul><li><a href="/tin/thuong-truc-ldld-lam-viec.html">Thường trực LĐLĐ tỉnh làm việc với công đoàn '
              'khu công nghiệp</a><time class="entry-date">16 Tháng Tư, 2020</time></li></ul>')
    assert _published("", teaser) is None


@pytest.mark.parametrize("below", [
    "<div>2 giờ trước</div>", "<span>5 phút trước</span>", "<div>Hôm qua</div>",
    "<div>Cập nhật hôm qua lúc 14:05</div>",
    "<div>Thứ Hai</div>", "<p><em>Thứ Hai, 14:05</em></p>", "<div>14:05 30/11</div>", "<div>Vừa xong</div>",
    "<div>3 ngày trước | Hà Nội</div>", "<div>Thời sự | 1 tuần trước</div>",
])
def test_a_relative_date_is_flagged_and_never_stored_as_a_time(below: str) -> None:
    page = _extracted("", below)
    assert page["published_at"] is None
    assert "date_relative" in page["quality_flags"] and "date_only" not in page["quality_flags"]
    assert page["text"].startswith("Sáng nay")  # the relative date is not body text


def test_a_byline_with_a_relative_date_gives_the_author_and_the_flag() -> None:
    for below, author in (("<div>Lê Văn Hoà - 2 giờ trước</div>", "Lê Văn Hoà"),
                          ("<div>Hôm qua | Trần Thị Mai</div>", "Trần Thị Mai")):
        page = _extracted("", below)
        assert page["author"] == author and page["published_at"] is None
        assert "date_relative" in page["quality_flags"] and page["text"].startswith("Sáng nay")


def test_a_relative_date_does_not_borrow_a_date_printed_far_from_the_headline() -> None:
    """The story's date is "2 giờ trước"; a dated related-news box after the body is another story's."""
    related = ('<div><h3>Tin khác</h3><ul><li><a href="/tin/a-1.html">Hội nghị giao ban công đoàn quý IV</a> '
               "(29/11/2026 08:15)</li></ul></div>")
    page = _extracted("", "<div>2 giờ trước</div>", related)
    assert page["published_at"] is None and "date_relative" in page["quality_flags"]


def test_a_relative_date_beside_an_exact_one_keeps_the_exact_one_unflagged() -> None:
    meta = '<meta property="article:published_time" content="2025-11-29T14:02:00+07:00">'
    page = _extracted(meta, "<div>2 giờ trước</div>")
    assert page["published_at"].isoformat() == "2025-11-29T14:02:00+07:00"
    assert "date_relative" not in page["quality_flags"]


@pytest.mark.parametrize(("line", "relative"), [
    ("2 giờ trước", True), ("Đăng lúc 14:05 hôm qua", True), ("3 days ago", True), ("Chủ nhật, 9h30", True),
    ("Thứ Hai, 30/11/2026", False), ("Hôm nay: 427", False), ("Ngày 3/2", False), ("Thứ hai là", False),
    ("Năm 2019 trước đó", False), ("2 giờ trước | Nhiều người dân đã đến xem", False),
])
def test_relative_date_lines(line: str, relative: bool) -> None:
    assert is_relative_date_line(line) is relative


@pytest.mark.parametrize(("line", "expected"), [
    # National papers' datelines (issue 14): weekday, date, time and zone in the usual orders.
    ("Thứ Hai, 12/11/2012 08:30 (GMT+7)", "2012-11-12T08:30"),
    ("12/11/2012 | 08:30", "2012-11-12T08:30"),
    ("08:30 AM, 12/11/2012", "2012-11-12T08:30"),
    ("Cập nhật lúc 08:30 12/11/2012", "2012-11-12T08:30"),
    # Templates set in an English locale, abbreviated weekdays, a part of the day after the time.
    ("Monday, 12/11/2012 08:30", "2012-11-12T08:30"),
    ("Sunday, 11/11/2012 - 20:56", "2012-11-11T20:56"),
    ("T2, 12/11/2012 08:30", "2012-11-12T08:30"), ("T.Hai, 12/11/2012 08:30", "2012-11-12T08:30"),
    ("8:30 sáng 12/11/2012", "2012-11-12T08:30"),
    ("2:15 chiều 12/11/2012", "2012-11-12T14:15"),
    # A portal's label with its noun ("Ngày đăng tin", "Ngày đăng bài") and a dotted date.
    ("Ngày đăng tin: 06.08.2019 08:09", "2019-08-06T08:09"),
    ("Ngày đăng bài: (12/11/2012 08:30)", "2012-11-12T08:30"),
])
def test_date_lines_in_the_national_papers_and_portal_templates(line: str, expected: str) -> None:
    dates = is_date_line(line)
    assert dates, line
    assert dates[0].value.strftime("%Y-%m-%dT%H:%M") == expected and dates[0].has_time


def test_an_english_weekday_marks_a_weekday_and_a_calendar_row_is_no_relative_date() -> None:
    assert find_dates("Wednesday, 20/10/2021")[0].weekday
    assert not find_dates("Phiếu thu 20/10/2021")[0].weekday
    assert is_relative_date_line("T2, 14:05") and is_relative_date_line("Monday, 14:05")
    assert not is_relative_date_line("| CN | T2 | T3 | T4 | T5 | T6 | T7 |")
    assert not is_date_line("Thu hoạch 12/11/2012 08:30 tấn lúa")
    assert not is_date_line("Ngày đăng tin bài 12/11/2012 08:30 về hội nghị")


@pytest.mark.parametrize(("text", "expected"), [
    ("March 5, 2024", "2024-03-05T00:00:00+07:00"),
    ("Mar 5, 2024 9:30 PM", "2024-03-05T21:30:00+07:00"),
    ("23 October, 2023", "2023-10-23T00:00:00+07:00"),
    ("05 Th3, 2024", "2024-03-05T00:00:00+07:00"),
    ("2024/03/05 09:30", "2024-03-05T09:30:00+07:00"),
    ("May 2024", None),  # no day
    ("the march 5, 2024 vote", None),  # a month name in lower case is a word
])
def test_english_month_names_short_months_and_year_first_slashes(text: str, expected: str | None) -> None:
    found = find_dates(text, now=datetime(2026, 12, 1, tzinfo=VN_TZ))
    assert (found[0].value.isoformat() if found else None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Fri Oct 19 00:00:00 GMT 2018", "2018-10-19T07:00:00+07:00"),  # Java's Date.toString(), in its zone
    ("Tue Oct 16 10:20:05 ICT 2018", "2018-10-16T10:20:05+07:00"),
    ("Fri Oct 19 00:00:00 GMT", None),  # no year
])
def test_a_java_date_printed_by_a_jsp_portlet_is_read(text: str, expected: str | None) -> None:
    """A VNPT Liferay school portal prints the story's date as Java's ``Date.toString()`` under the headline
    (21ts444/thcsanhoa's mirror, neither half): no date was read from it and the line stayed in the text."""
    found = find_dates(text, now=datetime(2026, 12, 1, tzinfo=VN_TZ))
    assert (found[0].value.isoformat() if found else None) == expected
    assert bool(is_date_line(text)) is (expected is not None)


def test_an_rfc_2822_meta_date_is_read_with_its_zone() -> None:
    match = parse_iso("Tue, 05 Mar 2024 02:30:00 GMT", now=datetime(2026, 12, 1, tzinfo=VN_TZ))
    assert match is not None and match.value.isoformat() == "2024-03-05T09:30:00+07:00" and match.has_time


def test_a_section_label_over_the_story_does_not_make_its_dateline_a_widget_s() -> None:
    """"Tin nổi bật" (a link) opens the story's box, then the headline and the date its box prints: the box
    holds the page's headline, so it is the story's, not a widget's, and the date is the story's."""
    body = "".join(f"<p>Đoàn viên công đoàn cơ sở trong toàn tỉnh được hỗ trợ kịp thời sau đợt khảo sát số {n} "
                   "của ban thường vụ.</p>" for n in range(1, 8))
    for headline in ("<h1>Bế giảng lớp trung cấp lý luận chính trị hành chính năm 2019</h1>",
                     "<span>Bế giảng lớp trung cấp lý luận chính trị hành chính năm 2019</span>"):
        html = ("<html><head><title>Trường Chính trị tỉnh</title></head><body><div class='k1'><div class='k2'>"
                f"<a href='#'>Tin nổi bật</a></div><div class='k3'>{headline} "
                f"<span>2019-06-27T08:44:00.000Z</span></div><div class='k4'>{body}</div></div></body></html>")
        page = extract_page(html.encode(), "https://truong.example.gov.vn/tin-noi-bat/be-giang-lop-trung-cap")
        assert page["published_at"] is not None
        assert page["published_at"].isoformat() == "2019-06-27T15:44:00+07:00", headline


def test_a_dateline_keeps_the_time_a_dash_sets_beside_its_date() -> None:
    """"07-03-2026 - 09:40 AM | Bất động sản": the bar parts the line, the dash only the date from its time."""
    now = datetime(2026, 12, 1, tzinfo=VN_TZ)
    for line in ("07-03-2026 - 09:40 AM | Bất động sản", "Bất động sản | 07-03-2026 - 09:40 AM"):
        found = dateline_dates(line, now)
        assert [d.value.isoformat() for d in found] == ["2026-03-07T09:40:00+07:00"], line
    assert dateline_dates("Hà Nội - 05/03/2024 là ngày ký kết | Tin tức", now) == []  # a sentence


def test_a_dateline_with_a_section_name_is_taken_only_at_the_body_s_edges() -> None:
    prose = "Công đoàn tỉnh đã trao hàng trăm suất quà cho đoàn viên có hoàn cảnh khó khăn trong dịp Tết."
    meta_row = "07-03-2026 - 09:40 AM | Bất động sản"
    now = datetime(2026, 12, 1, tzinfo=VN_TZ)
    at_end = clean_lines([prose, prose, meta_row], title=None, site_names=[], now=now)
    assert at_end.lines == [prose, prose] and [d.value.hour for d in at_end.dates] == [9]
    inside = clean_lines([prose, meta_row, prose], title=None, site_names=[], now=now)
    assert inside.lines == [prose, meta_row, prose] and inside.dates == []


_TOOLBAR = ("<div class='k9'><ul><li><span>Ngày đăng:</span> <span>08/09/2020 - 12:01</span></li>"
            "<li>Chia sẻ:</li><li><a href='#'>In bài viết</a></li></ul></div>")


def _long_story(after: str) -> dict:
    """A story long enough (over 1,500 characters) that the dates under its headline are read no further."""
    html = (f'<html lang="vi"><head><meta charset="utf-8"></head><body><div class="k1">{_HEADLINE}'
            f'<div class="k2">{_STORY * 3}</div>{after}</div><div class="k3">Liên hệ quảng cáo</div>'
            "</body></html>")
    return extract_page(html.encode(), "https://ldld.example.vn/tin-tuc/cong-doan-tinh-trao-qua-tet.html")


def test_the_dateline_printed_under_the_story_is_its_date() -> None:
    """A template that prints the date after the text, in a row of share buttons no class names: the story's
    date when the page gives none elsewhere."""
    page = _long_story(_TOOLBAR)
    assert page["published_at"] is not None
    assert page["published_at"].isoformat() == "2020-09-08T12:01:00+07:00"
    assert "08/09/2020" not in page["text"]


@pytest.mark.parametrize("after", [
    # another story's teaser under the text: its headline link comes first
    "<div><a href='/tin-tuc/khac.html'>Liên đoàn Lao động huyện tổ chức hội nghị tổng kết năm</a> "
    "<span>(05/03/2024 09:30)</span></div>",
    # a teaser whose date stands before its headline link, in one item
    "<div><span>05/03/2024 09:30</span> <a href='/tin-tuc/khac.html'>Liên đoàn Lao động huyện tổ chức hội nghị "
    "tổng kết năm</a></div>",
    # the time of reading: a clock
    "<div><span>Thứ Hai, {clock}</span></div>",
])
def test_a_date_after_the_story_that_is_not_its_dateline_is_not_taken(after: str) -> None:
    after = after.replace("{clock}", datetime.now(VN_TZ).strftime("%d/%m/%Y %H:%M"))
    assert _long_story(after)["published_at"] is None
    assert _long_story(_TOOLBAR)["published_at"] is not None  # the same page with the story's own dateline


def test_a_weekday_date_right_over_the_headline_dates_a_page_that_gives_no_other() -> None:
    """"Thứ Sáu, 19/04/2024" in a bar of its own right over the headline, no time, nothing else dated: the story's
    day (a header's render date stands far above, past the menus, and gives way to any other date)."""
    story = ("<p>Sáng 19/4, Liên đoàn Lao động tỉnh trao 150 suất quà cho đoàn viên, người lao động có hoàn cảnh "
             "khó khăn, mỗi suất trị giá 500 nghìn đồng.</p>") * 3
    bar = "<div class='k1'>Thứ Sáu, 19/04/2024</div>"
    headline = "<h1>Trao 150 suất quà cho đoàn viên khó khăn</h1>"

    def published(main: str, top: str = "") -> str | None:
        html = f"<html><head><title>Trao quà</title></head><body>{top}<div class='k0'>{main}</div></body></html>"
        page = extract_page(html.encode(), "http://ldld.example/tin/1")
        return page["published_at"].isoformat() if page["published_at"] else None

    assert published(bar + headline + story) == "2024-04-19T00:00:00+07:00"
    # A dated line under the headline wins over the bar.
    assert published(bar + headline + "<p>10/02/2021 09:15</p>" + story) == "2021-02-10T09:15:00+07:00"
    # The same bar in the site's header, past its menu, dates nothing.
    menu = "<ul>" + "".join(f"<li><a href='/m/{n}'>Mục {n}</a></li>" for n in range(8)) + "</ul>"
    assert published(headline + story, top=bar + menu) is None


_PROSE = "".join(f"<p>Đoàn viên công đoàn cơ sở trong toàn tỉnh được hỗ trợ kịp thời sau đợt khảo sát số {n} của "
                 "ban thường vụ liên đoàn lao động tỉnh.</p>" for n in range(1, 7))


@pytest.mark.parametrize("section", ["Tin tức - Sự kiện", "Tin tức | Sự kiện", "Hoạt động công đoàn"])
def test_a_section_bar_s_date_over_the_headline_is_the_story_s(section: str) -> None:
    """A bar over the headline links its section and prints the story's date beside it: a section name with a
    dash or a bar between its words ("Tin tức - Sự kiện", four words) is no other story's headline link."""
    html = ("<html><head><title>Sở Giao thông</title></head><body><div class='k1'><div class='k2'>"
            f"<a href='/tin-tuc-su-kien'>{section}</a> <span>31/07/2019</span></div>"
            f"<h1>Công đoàn ngành giao thông tổ chức hội nghị tổng kết năm</h1>{_PROSE}</div></body></html>")
    page = extract_page(html.encode(), "https://sgt.example.gov.vn/tin-tuc-su-kien/cong-doan-nganh-tong-ket")
    assert page["published_at"] is not None
    assert page["published_at"].date().isoformat() == "2019-07-31"


def test_the_dates_of_a_document_list_s_rows_are_not_the_page_s() -> None:
    """A SharePoint list view whose rows are cells (title, who posted it, when, category), the first row's
    title cell (its class names a title) read as the headline: the rows' dates are the items', so the page gets
    none."""
    rows = "".join(f"<tr><td class='ms-vb-title'><a href='/Lists/TinTuc/DispForm.aspx?ID={n}'>Chi đoàn cơ quan "
                   f"hưởng ứng ngày hội đọc sách năm 2018 lần thứ {n}</a></td><td>Nguyen Van A</td>"
                   f"<td>2{n}/04/2018 14:0{n}</td><td>Hoạt động đoàn thể</td></tr>" for n in range(1, 6))
    html = ("<html><head><title>Cơ cấu tổ chức</title></head><body><div class='k1'><table class='k2'><tr><th>Tiêu "
            f"đề</th><th>Người tạo</th><th>Ngày</th><th>Loại</th></tr>{rows}</table></div></body></html>")
    page = extract_page(html.encode(), "https://snv.example.gov.vn/co-cau-to-chuc/")
    assert page["title"].startswith("Chi đoàn cơ quan")  # what the rule guards against: a row read as headline
    assert page["published_at"] is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Published on 03-08-2011 | 12-27-2012 | 12-24-2012", {"-"}),  # a forum in an English locale
    ("03-08-2011 | 27-12-2012", set()),  # a date that reads only day first settles it
    ("03/08/2011 | 12-27-2012", {"-"}),  # evidence counts for its own separator only
    ("12-27-2012 | 28-12-2012", set()),  # both orders on one page: no evidence
    ("03/08/2011 | 05/04/2012", set()),  # only dates that read both ways: nothing to learn
    ("12-32-2012 | 00-13-2012", set()),  # impossible days or months are no evidence
])
def test_a_page_s_unambiguous_dates_say_which_order_it_writes(text: str, expected: set[str]) -> None:
    assert month_first_separators(text) == expected


def test_a_date_that_reads_both_ways_is_read_day_first_and_can_be_read_month_first() -> None:
    [date] = find_dates("Published on 03-08-2011 01:00 AM")
    assert date.value.isoformat() == "2011-08-03T01:00:00+07:00" and date.separator == "-"
    assert date.month_first().value.isoformat() == "2011-03-08T01:00:00+07:00"
    assert find_dates("27-12-2012")[0].separator == ""  # one reading only
    assert find_dates("03-03-2012")[0].separator == ""  # the same both ways
    assert find_dates("2011-08-03T01:00:00+07:00")[0].separator == ""  # ISO


def _forum_article(listing_dates: str) -> dict:
    """A vBulletin CMS article: the story's meta row is one block named for the author, the date and the
    comments ("article_author_date_comment_container"), rating links between it and the headline; the
    sidebar lists other threads with their dates in the same format."""
    stars = "".join(f"<span class='rating{n} cmsrating'>Hạng {n}</span>" for n in range(5, 0, -1))
    html = ("<html><head><title>8/3 vào bếp làm bánh</title></head><body><div class='article_width'>"
            "<div class='title'><h1>8/3 vào bếp làm bánh tặng bạn gái</h1></div>"
            "<div class='article_author_date_comment_container'><div class='article_username_container'>by "
            f"<strong>Admin</strong></div><div class='rating_menu'><a href='#'>Rate this article</a>{stars}</div>"
            "<div class='article_username_container'>Published on 03-08-2011 01:00 AM Số lần xem: 169</div>"
            "<a href='#comments'>0 Comments</a></div>" + _STORY + "</div>"
            f"<div class='sidebar'><ul><li>{listing_dates}</li></ul></div></body></html>")
    return extract_page(html.encode(), "http://forum.example/bai-viet/bep-nuc/83-vao-bep-lam-banh-690.html")


def test_the_date_in_a_story_meta_row_named_for_its_comments_too_is_read_in_its_page_s_order() -> None:
    page = _forum_article("Bánh quy bơ 12-27-2012")
    assert page["published_at"] is not None
    assert page["published_at"].isoformat() == "2011-03-08T01:00:00+07:00"  # month first, as the page writes
    # The same page with a sidebar date that reads only day first: the dateline is read day first.
    assert _forum_article("Bánh quy bơ 27-12-2012")["published_at"].isoformat() == "2011-08-03T01:00:00+07:00"


def test_a_comment_s_date_under_a_short_story_is_not_the_story_s() -> None:
    """Comments under the story, each in a block named for its date and the comment: the readers' dates, which
    do not win over the story's meta tag (only a meta row between the headline and the body is read so)."""
    comment = ("<div class='item'><b>Bạn đọc Minh</b><div class='comment-date'>05/03/2024 09:30</div>"
               "<p>Bài viết rất hay, cảm ơn công đoàn.</p></div>")
    meta = '<meta property="article:published_time" content="2024-03-01T08:00:00+07:00">'
    assert _extracted(meta, "", after=comment)["published_at"].isoformat() == "2024-03-01T08:00:00+07:00"


def test_a_story_header_run_into_one_line_gives_its_date_and_keeps_only_what_follows_the_headline() -> None:
    """A short story's header, headline and text run together into one line (trafilatura's fallback flattens
    the story's block when its own result is short): the dateline is the date, the headline is left out, what
    follows it is the text. A sentence that names the headline after words of its own stays whole."""
    title = "Hội nghị triển khai nhiệm vụ năm học 2021-2022"
    body = "Ngày 17/9/2021 nhà trường cùng Công đoàn tổ chức thành công hội nghị cán bộ, công chức, viên chức."
    result = clean_lines([f"Thứ 7, 18/09/2021 | 15:51 {title} {body}"], title=title, site_names=[])
    assert result.lines == [body]
    assert [d.value.isoformat() for d in result.dates] == ["2021-09-18T15:51:00+07:00"]
    # The headline printed twice (the sapo repeats it) and nothing else: no text.
    assert clean_lines([f"Thứ 2, 27/11/2017 | 08:50 {title} {title}"], title=title, site_names=[]).lines == []
    sentence = f"Sáng nay, trường tổ chức {title} với sự tham dự của toàn thể cán bộ, giáo viên."
    assert clean_lines([sentence], title=title, site_names=[]).lines == [sentence]


def test_a_short_story_s_text_does_not_open_with_its_header() -> None:
    """A school portal's story whose text is one short paragraph: the extracted text is that paragraph, not the
    dateline and headline run into it."""
    title = "Hội nghị triển khai nhiệm vụ năm học 2021-2022"
    html = ("<html><head><title>Hội nghị</title></head><body><div class='container'><article class='news-detail'>"
            "<header><span class='post-date'>Thứ 7, 18/09/2021<span> | </span>15:51</span></header>"
            f"<div class='article-content'><h1 class='title-detail'>{title}</h1><div class='content-detail'>"
            "<p>Ngày 17/9/2021 nhà trường cùng Công đoàn tổ chức hội nghị cán bộ, công chức, viên chức.</p>"
            "</div></div></article></div></body></html>")
    page = extract_page(html.encode(), "https://thcs.example.edu.vn/tin-tuc/hoi-nghi-trien-khai.html")
    assert page["text"].startswith("Ngày 17/9/2021")
    assert title not in page["text"]
    assert page["published_at"].isoformat() == "2021-09-18T15:51:00+07:00"


@pytest.mark.parametrize(("badge", "expected"), [
    ("<span class='day'>03</span><span class='month'>12</span><span class='year'>2025</span>",
     "2025-12-03T00:00:00+07:00"),
    ("<span class='d'>03</span><span class='m'>Tháng 12</span><span class='y'>2025</span>",
     "2025-12-03T00:00:00+07:00"),
    ("<b>03</b><b>Th12</b><b>2025</b>", "2025-12-03T00:00:00+07:00"),
    ("<span>03/12/2025</span><span>10:20</span>", "2025-12-03T10:20:00+07:00"),
])
def test_a_date_badge_s_parts_set_in_elements_of_their_own_are_read_apart(badge: str, expected: str) -> None:
    """A calendar badge prints the day, the month and the year (or the date and the time) in elements of their
    own with nothing between them: a browser shows them apart, the element's text runs them together
    ("03122025", "03/12/202510:20")."""
    html = (f'<html lang="vi"><head><meta charset="utf-8"></head><body><div class="k1">{_HEADLINE}'
            f'<div class="post-date">{badge}</div><div class="k2">{_STORY}</div></div></body></html>')
    page = extract_page(html.encode(), "https://ldld.example.vn/tin-tuc/cong-doan-tinh-trao-qua-tet.html")
    assert page["published_at"] is not None and page["published_at"].isoformat() == expected


def test_a_badge_without_a_year_or_of_a_count_gives_no_date() -> None:
    for badge in ("<span class='day'>03</span><span class='month'>12</span>",  # no year: no date
                  "<span>12</span><span>345</span><span>2025</span>"):  # not a day and a month
        html = (f'<html lang="vi"><head><meta charset="utf-8"></head><body><div class="k1">{_HEADLINE}'
                f'<div class="post-date">{badge}</div><div class="k2">{_STORY}</div></div></body></html>')
        page = extract_page(html.encode(), "https://ldld.example.vn/tin-tuc/cong-doan-tinh-trao-qua-tet.html")
        assert page["published_at"] is None, badge
