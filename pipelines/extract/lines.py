"""Line rules applied after trafilatura: leftover chrome, date lines, bylines and signature lines."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from pipelines.extract.dates import RAW_TIMESTAMP, WEEKDAY_WORD, DateMatch, find_dates
from pipelines.extract.metadata import (
    AGENCY_AFTER_SLASH,
    AUTHOR_LABEL,
    NAME_JOIN,
    NOT_AUTHORS,
    ORG_WORDS,
    PHOTO_CREDIT,
    POST_WORDS,
    SURNAMES,
    clean_author,
    is_agency_code,
    is_person_name,
    is_place,
    is_source_abbreviation,
    looks_like_site_name,
    source_line_author,
    without_photo_credit,
)
from pipelines.extract.normalize import fold, normalize_line

_ACTION_WORDS = (
    "chia sẻ|chia sẻ bài viết|chia sẻ bài|in trang|in bài|in bài viết|bản in|in|gửi email|gửi mail|gửi e-mail|"
    "email|e-mail|gửi bài|gửi bài viết|gửi cho bạn bè|gửi tin|lưu|lưu bài|lưu tin|lưu lại|lưu bài viết|"
    "về đầu trang|"
    "đầu trang|trở về|trở lại|quay lại|quay về|về trang trước|trang trước|trở về trang trước|"
    "về trang chủ|trang chủ|facebook|twitter|zalo|linkedin|tweet|like|share|print|top|back|bình luận|góp ý|"
    "phản hồi|gửi phản hồi|gửi ý kiến|gửi góp ý|tải về|download|tải xuống|phóng to|thu nhỏ|cỡ chữ|font chữ|"
    "a\\+|a-|a|đóng|close|menu|html portlet|đăng nhập|đăng ký|đăng xuất|tìm kiếm|search|rss|sitemap|"
    "bookmark|yêu thích|theo dõi|báo lỗi|in ấn|xem bản in|google|copy link|sao chép liên kết|"
    "xem chi tiết|tại đây|(?:tại )?(?:file|tệp|tập tin|tài liệu) đính kèm|đính kèm|lên đầu trang|xem tiếp|"
    "gửi bình luận|ý kiến bạn đọc|liên hệ quảng cáo|thích|xem bản đầy đủ|click xem thêm|bấm xem thêm|"
    "home|tiện ích|created by|modified by|category|(?:các )?tin đã đưa(?: ngày)?|xem tin theo ngày|"
    # A read-aloud player's buttons and clock ("Đọc bài" / "Dừng đọc", dev gold of c2tanthanh; "Nghe đọc bài viết
    # 00:00 / 03:25"): the time only after such a word, never a bare time of a timetable.
    "(?:đọc bài(?: viết)?|dừng đọc|nghe đọc(?: bài viết| bài| tin)?|nghe bài viết|nghe bài|nghe tin)"
    "(?:\\s*\\d{1,2}:\\d{2}(?:\\s*/\\s*\\d{1,2}:\\d{2})?)?|"
    # A copy-link box ("Link bài gốc", "Lấy link": dev pages of cafef), a share button's label ("Chia sẻ bài viết
    # lên facebook": dev pages of thquangtrung, thcs-minhtan), an advertising slot's label ("Quảng cáo": 24h,
    # tuoitre).
    "lấy link|link bài gốc|chia sẻ(?: bài viết| bài| tin)? (?:lên|qua)|quảng cáo"
)
#: A comment box with no comment yet ("Hiện chưa có bình luận nào, hãy là người đầu tiên bình luận": dev page of
#: tuoitre), or its field's prompt ("Vui lòng nhập nội dung bình luận").
_NO_COMMENT_LINE = re.compile(
    r"^(?:(?:hiện|bài viết)\s+)?chưa có (?:bình luận|ý kiến)(?: nào)?"
    r"(?:\s*[,.!]?\s*(?:hãy|bạn hãy) là người đầu tiên(?: bình luận| gửi ý kiến| bình luận bài viết này)?)?[.!]?$|"
    r"^(?:hãy|bạn hãy) là người đầu tiên (?:bình luận|gửi ý kiến)[^.!?]{0,30}[.!]?$|"
    r"^(?:vui lòng|xin vui lòng|mời bạn) nhập (?:nội dung )?(?:bình luận|ý kiến)[^.!?]{0,30}[.!]?$", re.I)
#: A call to follow, subscribe or react, printed under stories: "Theo dõi Báo … trên Google News", "Đăng ký nhận
#: tin …", "Tải ứng dụng …", "Ấn Like để theo dõi …", "Tặng sao cho bài viết hay", "Bài viết hay? Ấn để tương tác",
#: "Bạn đọc có thể gửi ý kiến …", "Đọc báo giấy online".
_CALL_LINE = re.compile(
    r"^(?:theo dõi\b.{0,60}\b(?:trên|qua|tại)\s+(?:google news|facebook|zalo|youtube|tiktok|fanpage)|"
    r"đăng ký nhận (?:tin|bản tin|thông báo)|tải (?:ứng dụng|app)\b|(?:ấn|nhấn|bấm) (?:like|thích|theo dõi|để)\b|"
    r"tặng sao cho bài viết|bài viết hay\s*\?|bạn đọc (?:có thể )?gửi (?:ý kiến|bài|thông tin)|đọc báo giấy)"
    r"[^.!?]{0,80}[.!?]?$", re.I)
#: Words of such a call at most (a sentence that starts the same way is longer, or has a clause).
_CALL_WORDS = 15
#: What stands between such words on one line (bars, bullets, brackets, dashes, colons).
_ACTION_SEPARATORS = r"[\s|•·/\-–—()\[\]>»:,]*"
_ACTION_LINE = re.compile(rf"^(?:(?:{_ACTION_WORDS}){_ACTION_SEPARATORS})+$", re.I)
#: Such a line closed by a stop right after its last word ("tại đây." left of "Xem chi tiết tại đây." when the
#: link is set on a line of its own; not "a) ." left of a list item whose date was cut out, nor a letter "A.").
_STOPPED_ACTION_LINE = re.compile(rf"^(?:(?:{_ACTION_WORDS}){_ACTION_SEPARATORS})*(?:{_ACTION_WORDS})[.…]+$", re.I)
#: "Xem chi tiết <what> tại đây: <file>": a pointer to the full document or an attachment, whatever it names
#: between the verb and "tại đây" (a few words), with the file's name after it when the link is one.
#: And "Xem <what> trong file đính kèm", "Chi tiết xin xem tệp đính kèm.": a pointer to the attached file, the
#: file's widget being what holds the document.
_POINTER_LINE = re.compile(
    r"^(?:(?:xem|tải|tải về|download)(?: chi tiết| toàn văn| nội dung| thêm)?(?:\s+\S+){0,6}?\s+tại đây[\s:.…]*"
    r"(?:[^\n]{0,60}\.(?:pdf|docx?|xlsx?|pptx?|zip|rar))?|"
    r"[*•\-–\s]*(?:(?:chi tiết|nội dung|toàn văn|nội dung toàn văn)\s+(?:xin\s+)?)?(?:xem|tải|tải về)"
    r"(?:\s+\S+){0,5}?(?:\s+(?:ở|tại|trong|theo))?\s+(?:file|tệp|tập tin|tài liệu)\s+đính kèm[\s./…]*)$", re.I)
#: A line that is only a number ("0", "1.234").
_BARE_NUMBER = re.compile(r"^\s*\d[\d.,]{0,8}\s*$")
#: Words of a headline's meta row run into its line (a comment count, a like count, the CMS account) at most.
_META_TAIL_WORDS = 4
#: A like button's count alone on a line, its label a button gone with the buttons ("Thích" then "2+").
_COUNTER_ONLY = re.compile(r"^\s*\d{1,6}\+\s*$")
#: A clock time alone on a line ("11:02", "9h30", "08:15 AM").
_CLOCK_ONLY = re.compile(r"^\s*\d{1,2}\s*[:h]\s*\d{2}(?:\s*[AaPp][Mm])?\s*$")
#: A site's greeting, set in a marquee or a header band: "Chào mừng bạn đến với cổng thông tin điện tử của
#: Trường …", "Chào mừng quý khách đến với website …", "Welcome to …": one clause, no sentence after it.
_WELCOME_LINE = re.compile(
    r"^(?:xin )?(?:chào mừng|welcome)\s+(?:(?:các |quý )?(?:bạn|khách|vị|thầy cô|bạn đọc|độc giả|phụ huynh)"
    r"(?:\s+(?:và|cùng)\s+(?:các em|học sinh|các bạn))?\s+|you\s+)?(?:đã\s+)?(?:đến|tới|ghé thăm|to)\s+"
    r"(?:với\s+)?[^.!?]{3,160}[.!]?$", re.I)
_COUNTER_LINE = re.compile(
    r"^(?:số\s+)?(?:lượt xem|lượt đọc|lượt truy cập|lượt thích|lần xem|lần đọc|đã xem|đã đọc|xem|views?|hits|"
    r"truy cập|"
    r"đang (?:online|truy cập|trực tuyến)|thông tin truy cập|thống kê truy cập|tổng (?:số )?(?:lượt )?truy cập|"
    r"hôm nay|hôm qua|trong tuần|tuần này|trong tháng|tháng này|tổng cộng|tổng|online|khách|thành viên)"
    r"\s*[:\-]?\s*[\d.,\s]*(?:lần|lượt|người)?$",
    re.I,
)
_RATING_LINE = re.compile(r"^(?:đánh giá|bình chọn|xếp hạng|rating)(?: bài viết| tin| của bạn)?\s*[:\-]?\s*"
                          r"(?:[\d.,/\s★☆⭐]*(?:sao|điểm|đánh giá|lượt)?)?"
                          r"(?:\s*\(\s*[\d.,]+\s*(?:phiếu|lượt(?: đánh giá)?|bình chọn|đánh giá|votes?)\s*\))?$|"
                          r"^\(?\d+\s+(?:đánh giá|lượt đánh giá|bình chọn|bình luận|phản hồi)\)?$|"
                          r"^(?:bình luận|phản hồi|ý kiến|comments?)\s*"
                          r"(?:\(\s*\d+\s*\)|:\s*\d+)$|"
                          # NukeViet's and the VNPT school portal's rating box, when its stars are no radio
                          # buttons (dev mirrors of thcshoangluong, ptsaoviet, lequydoncamau, c2tanthanh):
                          # "Tổng số điểm của bài viết là: 0 trong 0 đánh giá", "Click để đánh giá bài viết".
                          r"^tổng số điểm của bài viết là\s*:?\s*[\d.,]+\s+trong\s+[\d.,]+\s+đánh giá$|"
                          r"^(?:click|bấm|nhấn|nhấp)(?: vào)? để đánh giá bài viết$|"
                          # A story's reading time ("Thời gian đọc: 3 phút", "Đọc trong 5 phút").
                          r"^(?:thời gian đọc\s*:?\s*|đọc trong\s+)(?:khoảng\s*)?\d+\s*phút$", re.I)
_CATEGORY_LINE = re.compile(r"^(?:chuyên mục|danh mục|mục|thể loại|category|categories)\s*:\s*(?P<name>.*)$", re.I)
#: A story's keywords: the label alone, or with its colon and the keywords ("Từ khóa: công đoàn, hội nghị",
#: "Tìm kiếm theo từ khóa :benhvienlevanviet, …", a hospital portal's mirror, neither half), or an English label
#: and words. Not a Vietnamese label and words with no colon: "Thẻ BHYT điện tử được tích hợp …" (a card), "Từ
#: khóa của phong trào …" are sentences.
_TAGS_LINE = re.compile(r"^(?:(?:(?:tìm kiếm|tìm|tra cứu) theo )?từ (?:khóa|khoá)(?: tìm kiếm| liên quan)?|tags?|"
                        r"thẻ|keywords?)\s*(?::.*)?$|^(?:tags?|keywords?)\s+.*$", re.I)
#: (A line that only opens with "Bản quyền" may be a story's heading, "Bản quyền tác giả được bảo vệ": a site's
#: copyright line says whose it is, "Bản quyền thuộc (về) …", or prints a sign or a year, "Bản quyền © 2011 …".
#: So do a licence and an editor's line: their label's colon or the licence's code, "Giấy phép số: …", "Giấy phép
#: số 123/GP-TTĐT …", "Chịu trách nhiệm nội dung: …"; "Chịu trách nhiệm tổ chức hội thi là …", "Giấy phép số 12
#: được cấp …" are a story's sentences.)
_COPYRIGHT_LINE = re.compile(r"^(?:©|\(c\)|copyright|bản quyền(?:\s+(?:thuộc|©|\(c\)|\d{4})|\s*[:©])|ghi rõ nguồn|"
                             r"giấy phép(?: số)?\s*(?::|\d+\s*/\s*[\w.\-]*GP)|chịu trách nhiệm[^:.,;]{0,40}:)",
                             re.I)
_IMAGE_PATH = re.compile(r"^[•·\-*\s]*\S*\.(?:jpe?g|png|gif|webp|bmp|svg)(?:\?\S*)?$", re.I)
_SLOGAN_START = re.compile(r"^(?:nhiệt liệt (?:chào mừng|hưởng ứng)|chào mừng|hưởng ứng|mừng đảng)", re.I)
_DATE_WORDS = re.compile(
    r"(?:cập nhật(?: lúc| ngày| lần cuối)?|ngày đăng(?: tin| bài)?|ngày cập nhật|ngày xuất bản|đăng ngày|đăng lúc|"
    r"được đăng|đăng|xuất bản|thời gian(?: đăng)?|posted(?: on)?|published(?: on)?|updated(?: on)?|ngày|lúc|vào|"
    r"\(?\s*gmt\s*[+-]?\s*\d{0,2}(?::?\d\d)?\s*\)?|utc|" + WEEKDAY_WORD + "|cn)",
    re.I,
)
#: A time of day as date lines print it ("14:05", "14h05", "14 giờ 05 phút", "2:05 CH", "08:07:18", "8:30 sáng").
_CLOCK = re.compile(r"\d{1,2}\s*(?:[:h]|giờ)\s*\d{2}(?:\s*phút)?(?:\s*:\s*\d{2})?"
                    r"(?:\s*(?:SA|CH|AM|PM|sáng|trưa|chiều|tối|đêm)\b)?", re.I)
_PUNCT_ONLY = re.compile(r"^[\W_]*$")
#: The end of a line of prose: sentence-final punctuation, or a colon, closing quote or bracket that ends a
#: sentence's last words (the page-type signals' prose lines, the first paragraph of a story).
SENTENCE_END = re.compile(r"[.!?…:”\"')]\s*$")
_BYLINE = re.compile(r"^(?P<name>[^|]{2,70}?)\s*\|\s*(?P<rest>.*)$")


@dataclass
class LineResult:
    """Body lines after the rules, with what the rules learned about the page."""

    lines: list[str]
    author: str | None = None
    category: str | None = None
    dates: list[DateMatch] = field(default_factory=list)
    relative_date: bool = False  # a line dated the page relative to the day it was read ("2 giờ trước")


def is_date_line(line: str, now: datetime | None = None) -> list[DateMatch]:
    """Dates of a line that holds nothing but a date, a time and their labels ("Cập nhật lúc 22:46 - ...");
    [] for any other line."""
    if len(line) > 90:
        return []
    return _only_dates(line, find_dates(line, now))


def _only_dates(line: str, dates: list[DateMatch]) -> list[DateMatch]:
    """:func:`is_date_line` given the line's :func:`find_dates` (``dates``), for a caller that has them."""
    return dates if dates and len(line) <= 90 and _PUNCT_ONLY.match(_without_dates(line, dates)) else []


def _without_dates(text: str, dates: list[DateMatch]) -> str:
    """``text`` with its ``dates``, clock times and date words ("ngày", "lúc", "Cập nhật") blanked out."""
    for match in reversed(dates):
        text = text[:match.start] + " " + text[match.end:]
    return _DATE_WORDS.sub(" ", _CLOCK.sub(" ", text))


#: Who posted a story, beside its date on a dateline ("Người đăng: Admin", "Đăng bởi Admin", "bởi Admin",
#: "Posted by admin", "Tác giả: …"): whatever the name is (an account, a desk), the line is the story's dateline.
_POSTER = re.compile(r"^(?:người đăng|đăng bởi|người viết|người gửi|người cập nhật|posted by|written by|"
                     r"bởi|by|tác giả|biên tập(?: viên)?|nguồn)\s*:?\s*[^\d|:]{1,40}$", re.I)
#: A view or comment count printed number first ("1.234 lượt xem", "12 bình luận", "345 views").
_COUNT = re.compile(r"^[\d.,]+\s*(?:lượt xem|lượt đọc|lượt truy cập|lần xem|lần đọc|lượt|views?|reads?|"
                    r"bình luận|comments?)$", re.I)
#: Where the pieces of a dateline meet: a bar, a bullet, a spaced dash.
_PIECES = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+")
_BARS = re.compile(r"\s*[|•·]\s*")
_DASHES = re.compile(r"\s+[-–—]\s+")


def _date_with_poster(piece: str, dates: list[DateMatch]) -> list[DateMatch]:
    """Dates of a piece that is a date with who posted it or with share links around it ("Posted on March 5,
    2024 by admin", "Đăng ngày 05/03/2024 bởi Admin", "05/03/2024 09:30 Chia sẻ Facebook In"); ``dates``: the
    piece's :func:`find_dates`."""
    if not dates:
        return []
    rest = " ".join(_without_dates(piece, dates).split()).strip(" ,;:()[]")
    if not rest or _PUNCT_ONLY.match(rest) or _POSTER.match(rest) or is_chrome_line(rest):
        return dates
    return []


def _date_finder(now: datetime | None) -> Callable[[str], list[DateMatch]]:
    """:func:`find_dates` that searches each text once: a dateline's parts are looked at by several rules (as a
    byline's name, as its date, as a piece between bars). The lists it returns are shared: not to be changed."""
    found: dict[str, list[DateMatch]] = {}

    def dates_in(text: str) -> list[DateMatch]:
        if text not in found:
            found[text] = find_dates(text, now)
        return found[text]

    return dates_in


def dateline_dates(line: str, now: datetime | None = None, *, labels: bool = True) -> list[DateMatch]:
    """Dates of a story's dateline: a line :func:`is_date_line` takes, a byline with its date, or a line whose
    pieces beside the date are who posted it, a view count, share or print links, a category label or (with
    ``labels``) a short section or place name ("Tin tức - 05/03/2024 09:30", "Ngày đăng: 05/03/2024 | Lượt xem:
    1234", "Người đăng: Admin | Ngày đăng: 05/03/2024", "Posted on March 5, 2024 by admin"); [] for a sentence.
    Each text (the line, each piece) is searched for dates once."""
    if len(line) > 140:
        return []
    dates_in = _date_finder(now)
    in_line = dates_in(line)
    if not in_line:
        return []
    dates = _only_dates(line, in_line)  # is_date_line
    if not dates and len(line) <= 120:
        dates = _byline_dates(line, now, dates_in)[1]  # byline_and_date
    if dates:
        return dates
    found: list[DateMatch] = []
    # Split at bars first, so that a date keeps the time a dash sets beside it ("07-03-2026 - 09:40 AM |
    # Bất động sản"); a bar piece that is not a dateline's part alone is split at its dashes.
    for bar_piece in _BARS.split(line):
        whole = _dateline_piece(bar_piece, dates_in, labels)
        if whole is None:
            for piece in _DASHES.split(bar_piece):
                here = _dateline_piece(piece, dates_in, labels)
                if here is None:
                    return []  # a date among other words (a sentence, a document's number and date), or prose
                found.extend(here)
        else:
            found.extend(whole)
    return found


def _dateline_piece(piece: str, dates_in: Callable[[str], list[DateMatch]],
                    labels: bool) -> list[DateMatch] | None:
    """The dates of one piece of a dateline ([] for a piece that may stand beside a date: a poster, a count, a
    category, a short label), None for a piece no dateline holds."""
    piece = piece.strip(" ,;")
    if not piece:
        return []
    in_piece = dates_in(piece)
    here = _only_dates(piece, in_piece) or _date_with_poster(piece, in_piece)
    if here:
        return here
    if in_piece:
        return None
    if is_chrome_line(piece) or _COUNT.match(piece) or _POSTER.match(piece) \
            or _CATEGORY_LINE.match(piece) and len(piece) < 60 \
            or labels and len(piece.split()) <= 4 and not re.search(r"\d", piece) \
            and not piece.endswith((".", "!", "?", ":")):
        return []
    return None


#: Dates printed relative to the day the page is read ("2 giờ trước", "hôm qua", "vừa xong", "3 days ago").
_RELATIVE = re.compile(
    r"(?:\d+|một|hai|ba|vài|mấy)\s*(?:giây|phút|giờ|tiếng|ngày|tuần|tháng|năm)\s*(?:trước|qua)|"
    r"hôm\s*(?:qua|kia|nay)|vừa\s*(?:xong|mới|đăng|cập nhật)|mới\s*(?:đây|đăng|cập nhật)|"
    r"\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago|yesterday|today|just now",
    re.I)
_WEEKDAY = re.compile(WEEKDAY_WORD, re.I)
#: A day and month without the year ("30/11", "14:05 30-11").
_DAY_MONTH = re.compile(r"(?<![\d/.\-])\d{1,2}\s*[/\-]\s*\d{1,2}(?![\d/.\-])")
_TIME = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*(?:SA|CH|AM|PM|sáng|trưa|chiều|tối|đêm))?",
                   re.I)


def is_relative_date_line(line: str) -> bool:
    """True for a line that dates the page only relative to the day it is read: "2 giờ trước", "Cập nhật
    hôm qua lúc 14:05", a weekday without a date ("Thứ Hai, 14:05"), a day and month without the year
    ("14:05 30/11"). Such a line gives no publication date (the day it counts from is not known)."""
    if len(line) > 60 or find_dates(line):
        return False
    if "|" in line:  # "3 ngày trước | Hà Nội", "Thời sự | 2 giờ trước": with a place or a section label
        parts = [part.strip() for part in line.split("|") if part.strip()]
        if len(_WEEKDAY.findall(line)) >= 3:
            return False  # "CN | T2 | T3 | T4 ...": a calendar's head row
        return any(is_relative_date_line(part) for part in parts) and all(
            is_relative_date_line(part) or len(part.split()) <= 4 and not re.search(r"\d", part)
            for part in parts)
    rest, relative = _RELATIVE.subn(" ", line)
    rest, weekdays = _WEEKDAY.subn(" ", rest)
    if weekdays >= 3:
        return False  # "CN | T2 | T3 | T4 ...": a calendar's head row
    rest, times = _TIME.subn(" ", rest)
    rest, day_months = _DAY_MONTH.subn(" ", rest)
    if not (relative or weekdays or day_months and times):  # "3/2" alone may be a figure or a heading's date
        return False
    return bool(_PUNCT_ONLY.match(_DATE_WORDS.sub(" ", rest)))


def is_chrome_line(line: str) -> bool:
    """True for share/print/back links, counters, ratings, tag and copyright lines, image paths and slogans."""
    text = line.strip()
    if not text:
        return True
    if "|" in text and len(text) < 120:  # "Lượt xem: 1.234 | Bình luận (0)"
        parts = [part for part in (p.strip() for p in text.split("|")) if part]
        if len(parts) > 1 and all(is_chrome_line(part) for part in parts):
            return True
    return bool(
        _ACTION_LINE.match(text) or _STOPPED_ACTION_LINE.match(text) and len(text) > 3 or _POINTER_LINE.match(text)
        or _COUNTER_LINE.match(text) or _WELCOME_LINE.match(text)
        or _CALL_LINE.match(text) and len(text.split()) <= _CALL_WORDS and "," not in text
        or _RATING_LINE.match(text) or _TAGS_LINE.match(text) and len(text) < 200 or _COPYRIGHT_LINE.match(text)
        or _IMAGE_PATH.match(text) or _NO_COMMENT_LINE.match(text) or is_slogan(text)
    )


def is_slogan(line: str) -> bool:
    """Capitalised banner slogans ("NHIỆT LIỆT CHÀO MỪNG ... ***")."""
    if "***" not in line and "!" not in line and _SLOGAN_START.match(line) is None:
        return False  # none of a slogan's marks: its capitals are not counted
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) < 20:
        return False
    upper = sum(ch.isupper() for ch in letters) / len(letters)
    if "***" in line and upper > 0.5:
        return True
    return upper > 0.85 and (_SLOGAN_START.match(line) is not None or line.count("!") >= 1)


def byline_author(line: str) -> str | None:
    """Author of a byline such as "Nguyên Anh |" or "Kỳ Quan | 19/08/2019 17:51"; None otherwise."""
    match = _BYLINE.match(line)
    if match and not match["rest"].strip():
        return clean_author(match["name"])
    return byline_and_date(line)[0]


#: Where a byline's name meets its date: "Name | 19/08/2019", "Name - 30/11/2026 14:05". Not a comma: "Hà
#: Nội, 30/11/2026" is a place and a date.
_BYLINE_JOIN = re.compile(r"\s*\|\s*|\s+[-–—]\s+|\s+[-–—](?=\s*\d)|\s*[-–—]\s+(?=\d)")


def byline_and_date(line: str, now: datetime | None = None) -> tuple[str | None, list[DateMatch]]:
    """A byline and its date on one line, either way round ("Kỳ Quan | 19/08/2019 17:51", "NGUYỄN HÙNG -
    Thứ Hai, 30/11/2026 - 14:05", "14:05 30/11/2026 | Lê Hoa"): (author, dates), else (None, [])."""
    if len(line) > 120 or is_date_line(line, now):
        return None, []
    return _byline_dates(line, now)


def _byline_dates(line: str, now: datetime | None,
                  dates_in: Callable[[str], list[DateMatch]] | None = None) -> tuple[str | None, list[DateMatch]]:
    """:func:`byline_and_date` of a line known to be no date line and at most 120 characters (``dates_in``: the
    caller's :func:`_date_finder`)."""
    dates_in = _date_finder(now) if dates_in is None else dates_in
    for join in _BYLINE_JOIN.finditer(line):
        head, tail = line[:join.start()].strip(), line[join.end():].strip()
        if not head or not tail:
            continue
        for name, rest in ((head, tail), (tail, head)):
            if not dates_in(rest[:60]):
                continue
            dates = _only_dates(rest, dates_in(rest))  # is_date_line
            if not dates:
                continue
            author = clean_author(name)
            if author and not dates_in(name):
                return author, dates
    return None, []


def byline_and_counters(line: str) -> tuple[bool, str | None]:
    """A labelled byline printed with the story's counters ("Người đăng: Nguyễn Văn Hùng | Lượt xem: 35",
    "Người viết: admin - 12 lượt xem"), or naming a CMS account alone ("Người đăng: admin"): (True, the author or
    None for an account), else (False, None)."""
    pieces = [piece for piece in _PIECES.split(line) if piece.strip()] if len(line) <= 120 else []
    counters = [piece for piece in pieces if _COUNTER_LINE.match(piece) or _COUNT.match(piece)]
    others = [piece for piece in pieces if piece not in counters]
    byline = f"{others[0].strip()} " if len(others) == 1 else ""
    label = AUTHOR_LABEL.match(byline)
    if label is None or not counters and byline[label.end():].strip(" .").casefold() not in NOT_AUTHORS:
        return False, None
    return True, clean_author(byline)


def byline_and_relative_date(line: str) -> str | None:
    """The author of a byline printed with a relative date ("Lê Hoa - 2 giờ trước", "Hôm qua | Lê Hoa")."""
    if len(line) > 120:
        return None
    for join in _BYLINE_JOIN.finditer(line):
        head, tail = line[:join.start()].strip(), line[join.end():].strip()
        for name, rest in ((head, tail), (tail, head)):
            if name and rest and is_relative_date_line(rest) and not is_relative_date_line(name):
                author = clean_author(name)
                if author:
                    return author
    return None


#: A teacher's, scholar's, doctor's or lawyer's title, or an officer's rank, before a signature's name ("Cô giáo
#: Ngô Thanh Hảo", "ThS. Lê Hoa", "BS. Trần Văn Nam", "Thượng úy Lê Minh Đức"; "Thầy"/"Cô" before two words or
#: more): domain vocabulary (VOCABULARY.md), stripped from closing signatures only.
_HONORIFIC = re.compile(r"^(?:cô giáo|thầy giáo|giáo viên|nhà giáo|(?:thầy|cô)(?=\s+\S+\s+\S)|"
                        r"(?:pgs\.?|gs\.?)?\s*ts\.|ths\.|ngưt\.?|ngnd\.?|"
                        r"(?:ths\.?\s*)?(?:bs|bsck\s*i{1,2}|ds|ks|ls)\.|bác s[ĩỹ]|dược s[ĩỹ]|kỹ sư|luật sư|"
                        r"(?:đại|thượng|trung|thiếu)\s+(?:tá|úy|uý))\s+(?=[A-ZĐÀ-Ỹ])", re.I)


def is_byline_label(line: str) -> bool:
    """A byline's label with no name after it: "Tác giả:", "Tác giả bài viết:", "Người viết:"."""
    rest = f"{line.strip()} "
    for _ in range(2):  # "Tác giả" then "bài viết:"
        rest = AUTHOR_LABEL.sub("", rest, count=1)
    return not rest.strip(" :") and rest != f"{line.strip()} "


def _without_labels(line: str) -> str:
    """A byline's text without its label and the writer's honorific ("Bài và ảnh:", "Cô giáo")."""
    return _HONORIFIC.sub("", AUTHOR_LABEL.sub("", line.strip()))


def signature_author(line: str) -> str | None:
    """Author of a closing signature line ("Hà Hiển, Văn phòng LĐLĐ tỉnh", "Lọ Mọ", "QUANG ĐẠI - THANH
    THỦY"); None for a line that reads as a sentence."""
    text = without_photo_credit(_without_labels(line), labelled=AUTHOR_LABEL.match(line.strip()) is not None)
    bracketed = _BRACKETED.fullmatch(text)
    if bracketed:  # "(Nguyễn Huệ)": a name in brackets, of two words at least ("(Hết)" closes a series' part)
        text = bracketed["inner"] if len(bracketed["inner"].split()) >= 2 else ""
    if len(text) > 80 or len(text.split()) > 12:
        return None
    if re.search(r"[.!?…:;]\s+\S", text) or text.endswith((":", "?", "!")) or _closing_clause(text):
        return None
    author = clean_author(text)
    if author and any(len(words := name.split()) >= _LONG_NAME_WORDS and words[0].casefold() not in SURNAMES
                      for name in re.split(r"\s*[,;&]\s*|\s+[-–—]\s+|\s+và\s+", author)):
        return None  # a caption's heading in capitals ("MỘT SỐ HÌNH ẢNH HOẠT ĐỘNG NGOẠI KHÓA"), no name
    return author


def _closing_clause(text: str) -> bool:
    """True for a line in capitals whose words after its first comma are a clause closed by a full stop, naming
    no post, office or place ("CÙNG NHAU, CHÚNG TA SẼ TẠO NÊN TƯƠNG LAI TẠI ĐÂY.": a slogan closing a page): a
    sentence, where a signature names the writer's post or office after the comma ("HÀ HIỂN, VĂN PHÒNG LĐLĐ
    TỈNH")."""
    _, comma, rest = text.partition(",")
    rest = rest.strip()
    return bool(comma) and text.isupper() and rest.endswith(".") and len(rest.split()) >= _CLAUSE_WORDS and not (
        POST_WORDS.search(rest) or ORG_WORDS.search(rest) or _OFFICE.search(rest) or is_place(rest.rstrip(".")))


#: Words after a signature's comma from which a full-stopped remainder is a clause, not a post.
_CLAUSE_WORDS = 6
#: A closing line wholly in brackets.
_BRACKETED = re.compile(r"\s*\((?P<inner>[^()]+)\)\s*\.?\s*")
#: Words from which a signature's name is a full name, opening with a family name ("Nguyễn Thị Minh Khai"); pen
#: names are shorter ("Lọ Mọ", "Quang Đại").
_LONG_NAME_WORDS = 4


#: Words of a prose line (the story's first paragraph under an opening byline).
_PROSE_WORDS = 15
#: Offices a writer's post names ("Chủ tịch CĐCS Trường THCS ...", "Văn phòng LĐLĐ tỉnh").
_OFFICE = re.compile(r"\b(?:công đoàn|liên đoàn|lđlđ|cđcs|trường|ubnd|sở|phòng|ban|trung tâm|văn phòng|báo)\b",
                     re.I)
_NAME_AND_POST = re.compile(r"^(?P<name>[^,\-–—]{3,40}?)\s*(?:[-–—]|,)\s*(?P<post>.{3,80})$")


def opening_byline(line: str) -> tuple[bool, str | None]:
    """A byline printed as the body's first line: (True, its author) for a full name alone ("NGUYỄN VĂN AN"), a
    full name then the writer's post or office after a dash or comma, a pen name marked as a byline (by a label:
    "BTV Ngọc Anh"; by how the story was made or whom the writer works for: "Minh Anh (t/h)", "Lan Anh (dịch)",
    "Thu Hà/VOV.VN", "Đức Anh - Ảnh: Hải Nguyễn", "Trần Hòa (Ban Tuyên giáo LĐLĐ tỉnh)"), a source line ("Theo
    Phan Anh (Tiền Phong)", "(Theo TTXVN)"); (True, None) for the newsroom's staff ("PV (tổng hợp)", "Nhóm phóng
    viên"); (False, None) for a heading, a place, a sentence, pen names with no mark ("Hoài Thu - Phương Anh" reads
    like "Sứ Mệnh - Tầm Nhìn")."""
    if len(line) > 120:
        return False, None
    is_source, person = source_line_author(line)
    if is_source:
        return True, person
    if _STAFF.fullmatch(_marked_name(line.strip(" .")) or line.strip(" .")):
        return True, None
    text = _without_labels(line).strip(" .")
    match = _NAME_AND_POST.match(text)
    post = match is not None and (POST_WORDS.search(match["post"]) or _OFFICE.search(match["post"])) is not None
    if _full_name(text):
        name: str | None = text
    elif match and post and _full_name(match["name"]):
        name = match["name"]
    else:
        name = _marked_name(text)
        if name is None and AUTHOR_LABEL.match(line.strip()):
            name = text  # a label's pen name ("Bài: Minh Anh", "BTV Ngọc Anh")
        if name is not None and (not is_person_name(name) or is_place(name)):
            name = None
    author = clean_author(name)
    return author is not None, author


#: How a story was made, in a bracket after its writer's name: compiled ("t/h", "tổng hợp"), after another
#: source ("theo Reuters"), made by ("thực hiện"), translated ("dịch", "lược dịch", "biên dịch"), collected
#: ("sưu tầm", "st"): domain vocabulary (VOCABULARY.md).
_MAKING = re.compile(r"^(?:t/h|th|tổng hợp(?:\s+từ\s+.+)?|theo\s+.+|thực hiện|dịch|lược dịch|biên dịch|"
                     r"biên soạn|sưu tầm|st)$", re.I)
_TRAILING_BRACKET = re.compile(r"\s*[(\[]([^()\[\]]{1,60})[)\]]$")
#: The newsroom's staff signing a story, no person: "PV", "Nhóm PV Kinh tế", "Nhóm phóng viên", "BBT".
_STAFF = re.compile(r"nhóm\s+(?:pv|phóng viên|ctv|cộng tác viên)(?:\s+\S+){0,3}|pv|phóng viên|ctv|cộng tác viên|"
                    r"btv|biên tập viên|ban biên tập|bbt", re.I)


def _marked_name(text: str) -> str | None:
    """The name before what marks ``text`` as a byline: a bracket saying how the story was made (``_MAKING``) or
    naming the writer's office or outlet, an agency's code after a slash, a photographer's credit; else None."""
    bracket = _TRAILING_BRACKET.search(text)
    if bracket:
        inside = bracket[1].strip()
        if _MAKING.match(inside) or is_org_signature(inside) or _OFFICE.search(inside) or is_agency_code(inside):
            return text[:bracket.start()].strip(" ,-–—")
        return None
    credit = PHOTO_CREDIT.search(text)
    if credit and credit.start() > 0:
        return text[:credit.start()].strip()
    agency = AGENCY_AFTER_SLASH.search(text)
    if agency and agency.start() > 0 and is_agency_code(agency[1]):
        return text[:agency.start()].strip()
    return None


def _full_name(text: str) -> bool:
    """A Vietnamese full name: two to five words, the first a family name ("Nguyễn Thị Phương", "TRẦN VĂN
    PHONG"); a heading in capitals, a place or a menu's word is none."""
    words = text.split()
    return 2 <= len(words) <= 5 and words[0].casefold() in SURNAMES and is_person_name(text) and not is_place(text)


def _labelled_office(line: str) -> bool:
    """A byline's label over an office, not a person ("Người viết: Trường THCS …", "Tác giả: Phòng GD&ĐT")."""
    if AUTHOR_LABEL.match(line) is None:
        return False
    name = _without_labels(line)
    return is_org_signature(name) or _OFFICE.match(name) is not None and len(name.split()) <= 10 and not any(
        ch in name for ch in ".;!?")


def is_org_signature(line: str) -> bool:
    """A closing line naming only an office ("VP LĐLĐ tỉnh.", "Ban Tuyên giáo", "Văn phòng Công đoàn ngành Giáo
    dục."); not a short closing sentence that holds an office's word ("Hội nghị kết thúc tốt đẹp.")."""
    text = line.strip(" .")
    return 0 < len(text) <= 60 and len(text.split()) <= 8 and ORG_WORDS.search(text) is not None and not any(
        ch in text for ch in ",;:!?") and text[:1].isupper() and not _short_sentence(line)


#: Share of lower-case words above which a closing line that ends a sentence is one, not an office's name (an
#: office's name capitalises most words: "Văn phòng Công đoàn ngành Giáo dục" has four of seven in lower case).
_SENTENCE_LOWER_SHARE = 0.6


def _short_sentence(line: str) -> bool:
    """A line of four words or more that ends with a full stop and is mostly lower-case words: a sentence."""
    words = line.strip().rstrip(".…").split()
    if not line.rstrip().endswith((".", "…")) or len(words) < 4:
        return False
    return sum(1 for word in words[1:] if word[:1].islower()) / len(words) > _SENTENCE_LOWER_SHARE


#: An HTML tag printed as text: a CMS that escaped a story's markup twice shows "<div style=…>", "<span …>",
#: Word's "<o:p></o:p>" around the words (the gold keeps the words, never the markup).
LITERAL_TAG = re.compile(r"</?(?:[a-z]+:[a-z0-9]+|div|span|p|br|strong|b|i|em|u|font|a|img|table|tbody|thead|tr|"
                         r"td|th|ul|ol|li|h[1-6]|blockquote|sup|sub|center|hr|section|article|figure|figcaption|"
                         r"iframe|style)(?:\s[^<>]*)?/?>", re.I)


def _opening_dateline(text: str, now: datetime | None) -> tuple[list[DateMatch], str] | None:
    """A dateline that opens ``text`` and the words after it ("12/03/2019 10:20 Sáng nay, …" → the date and
    "Sáng nay, …"), when the dateline is only a date, its time and their labels; else None."""
    found = find_dates(text[:80], now)
    if not found or not _PUNCT_ONLY.match(_DATE_WORDS.sub(" ", text[:found[0].start])):
        return None
    end = found[0].end  # (with the time after the date: "12/03/2019 | 10:20")
    word = re.search(r"\s+[^\W\d_]+$", text[:end])
    if word and text[end:].lstrip()[:1].islower():
        end = word.start()  # "10:20 Sáng nay, …": the story's first word, not the time's "sáng"
    head, rest = text[:end], text[end:].strip(" |-–")
    poster = _POSTED_BY.match(rest)
    if poster and poster["account"].casefold() in NOT_AUTHORS:
        rest = rest[poster.end():]  # "Posted on 12/03/2019 by admin …": the CMS account, then the text
    dates = is_date_line(head.strip(" |-–"), now)
    return (dates, rest) if dates and rest else None


#: Who posted it, after a post's date ("by admin", "bởi admin"): a CMS account is one word.
_POSTED_BY = re.compile(r"(?:posted by|by|đăng bởi|bởi)\s+(?P<account>\S+)\s+", re.I)


def clean_lines(lines: list[str], *, title: str | None, site_names: list[str], now: datetime | None = None,
                ) -> LineResult:
    """Apply the line rules to extracted body lines."""
    result = LineResult(lines=[])
    title_key = fold(title) if title else None
    if title_key:
        lines = _without_broken_headline(lines, title_key)
    kept: list[str] = []
    for raw in lines:
        line = normalize_line(LITERAL_TAG.sub(" ", raw) if "<" in raw else raw)
        if not line:
            continue
        if title and (at := line.find(title)) > 0 and (head := is_date_line(line[:at].strip(" |-–"), now)):
            # "Thứ 2, 27/11/2017 | 08:50 <headline> <sapo or text>": the story's header run into one line
            # (trafilatura's fallback flattens a short story's whole block): its date, then what follows.
            result.dates.extend(head)
            line = line[at + len(title):].strip(" |-–")
            if not line:
                continue
        if title_key and fold(line) == title_key:
            continue
        if title and line.startswith(title) and len(line) > len(title):
            rest = line[len(title):].strip(" ()[]|-–")
            if RAW_TIMESTAMP.fullmatch(rest):
                continue  # the headline with the date its box prints ("Tiêu đề 2019-06-27T08:54:00.000Z")
            dates = is_date_line(rest, now)
            if dates:
                result.dates.extend(dates)
                continue
            opening = _opening_dateline(line[len(title):].strip(" |-–"), now)
            if opening:
                # "<headline> 12/03/2019 <the story's one paragraph>": a short post's header and text run into
                # one line (trafilatura's fallback flattens its whole block): its date, then the text.
                result.dates.extend(opening[0])
                line = rest = opening[1]
            elif (relative := _RELATIVE.match(rest)) and rest[relative.end():].strip(" |-–")[:1].isupper():
                # "<headline> 5 tháng trước <the text>": the same with a date relative to the day of reading.
                result.relative_date = True
                line = rest = rest[relative.end():].strip(" |-–")
            words = rest.split()
            if len(words) <= _META_TAIL_WORDS and all(
                    w.rstrip("+").isdigit() or w.casefold() in NOT_AUTHORS for w in words):
                continue  # the headline with its post's counters and CMS account ("Tiêu đề 0 admin")
        category = _CATEGORY_LINE.match(line)
        if category:
            dates = dateline_dates(line, now, labels=False)  # "Chuyên mục: Tin tức | 05/03/2024"
            result.dates.extend(dates)
            name = (_PIECES.split(category["name"])[0] if dates else category["name"]).strip(" .|")
            if name and not result.category and len(name) < 60:
                result.category = name
            continue
        if is_chrome_line(line) or looks_like_site_name(line, site_names) and len(line) < 80:
            continue
        dates = is_date_line(line, now)
        if dates:
            result.dates.extend(dates)
            continue
        author = byline_and_relative_date(line)
        if author or is_relative_date_line(line):
            result.author = result.author or author
            result.relative_date = True
            continue
        match = _BYLINE.match(line)
        if match and not match["rest"].strip() and clean_author(match["name"]):
            result.author = result.author or clean_author(match["name"])  # "Nguyên Anh |"
            continue
        author, dates = byline_and_date(line, now)
        if author:
            result.author = result.author or author
            result.dates.extend(dates)
            continue
        counted, author = byline_and_counters(line)
        if counted:
            result.author = result.author or author
            continue
        dates = dateline_dates(line, now, labels=False)  # "05/03/2024 09:30 | 1.234 lượt xem"
        if dates:
            result.dates.extend(dates)
            continue
        kept.append(line)
    kept = _without_related_links(kept)
    # A writer's box run into the story's last line ("… một số hoạt động: Tác giả: Xuân Huy Nguồn: http://…"):
    # trafilatura's fallback flattens a short post's block, its credit box with it. The credit is not body.
    if kept and (credit := _TRAILING_CREDIT.search(kept[-1])) and (
            author := signature_author(credit["name"])) is not None:
        result.author = result.author or author
        kept[-1] = kept[-1][:credit.start()].rstrip()
    # Closing source lines: "Theo Minh Nguyễn/Vcamp.vn" (a byline, or only a source) and an outlet named on
    # its own line after it ("Forbes", "VnEconomy"). As with a signature, a credit that would leave no text is
    # the text (a notice whose body is a file: its one line "Nguồn: NAFF").
    for _ in range(3):
        if len(kept) < 2:
            break
        is_source, person = source_line_author(kept[-1])
        if is_source:
            kept.pop()
            result.author = result.author or person
        elif len(kept) > 1 and source_line_author(kept[-2])[0] and _is_outlet_line(kept[-1]):
            kept.pop()
        else:
            break
    # The body's first or last line that is a dateline with a short section name beside the date ("07-03-2026 -
    # 09:40 AM | Bất động sản"): the story's meta row, printed above or under it. Inside the body such a line
    # may be a fact ("Hà Nội | 05/03/2024"), so only at its edges.
    for edge in (-1, 0):
        if kept and (dates := dateline_dates(kept[edge], now)):
            result.dates.extend(dates)
            kept.pop(edge)
    # The story's dateline run into its first paragraph ("19/04/2018 Ban chi ủy chi bộ … gồm 5 đồng chí:"): when
    # trafilatura falls back to the page's text nodes, a date printed inline above the story's block joins its
    # first line. The line opens with the date's digits (a sentence's "Ngày 19/04/2018 Ban chi ủy họp …" has its
    # word, and "19/04/2018, Ban …" its comma), then a capitalised sentence: the date leaves the line.
    if kept and kept[0][:1].isdecimal() and (opening := _opening_dateline(kept[0], now)) \
            and opening[1][:1].isupper() and len(opening[1].split()) >= _PROSE_WORDS // 2:
        result.dates.extend(opening[0])
        kept[0] = opening[1]
    # A bare number over or under the story: a like or view counter whose label is a button or an icon ("Thích"
    # then "0"), the last page number of a pager. Inside the body it may be a table's or a list's value.
    for edge in (-1, 0):
        while len(kept) > 1 and _BARE_NUMBER.match(kept[edge]) or kept and (
                _CLOCK_ONLY.match(kept[edge]) or _COUNTER_ONLY.match(kept[edge])):
            kept.pop(edge)  # a clock time alone is the rest of a date line split over lines ("Thứ 3, 08/10/2024")
    # Opening byline: the first line a name on its own, or a name with the writer's post after a dash ("Nguyễn Thị
    # Phương - Phó Chủ tịch Công đoàn ngành Giáo dục"), over the story's prose.
    if len(kept) > 1 and len(kept[1].split()) >= _PROSE_WORDS:
        is_byline, author = opening_byline(kept[0])
        if is_byline:
            result.author = result.author or author
            kept.pop(0)
    # Closing signature: the last line when it is a name (with or without an affiliation); under an office's or
    # a CMS account's line ("Bich Thao" then "Admin English"), the line above it. A signature closes a text:
    # lines that would leave none are the text (a notice's heading and its one line naming an office).
    unsigned, author_before = list(kept), result.author
    for attempt in range(2):
        if not kept:
            break
        last = kept[-1]
        author = signature_author(last)
        if author and _names_the_site(author, site_names):
            author = None  # "– Zalo OA <site name>": the publisher's channel closing a list, no byline
        # A name that the line before it already names closes a quotation ("…”, ông Lê Minh Quân cho biết."
        # then "Lê Minh Quân"): the quote's attribution, part of the story, not its byline.
        # So does a speaker's title or post under a quotation ("…lệch lạc”." then "Cô Lê Ngọc Diệp - Trưởng phòng
        # GD tiểu học"): a byline under a story that ends with a quote is a name alone.
        quoted = author is not None and len(kept) > 1 and (author.casefold() in kept[-2].casefold() or (
            _CLOSES_QUOTE.search(kept[-2]) is not None and _names_a_speaker(last)))
        if author and not quoted and (len(kept) > 1 or is_person_name(last)):
            result.author = result.author or author
            kept.pop()
            if len(kept) > 1 and is_byline_label(kept[-1]):
                kept.pop()  # its label alone on the line above ("Tác giả:" in the cell beside the name's)
            break
        # An office's line closes a story's prose; over a heading alone it is the text ("THÔNG TIN CHỈ ĐẠO ĐIỀU
        # HÀNH" then "Phân công nhiệm vụ của Văn phòng": a notice's one line).
        office = is_org_signature(last) and len(last) < 40 or is_source_abbreviation(last) \
            or _initials_and_office(last) or _labelled_office(last)
        if attempt == 0 and office and any(len(line.split()) >= _PROSE_WORDS // 2 for line in kept[:-1]):
            kept.pop()
        else:
            break
    if unsigned and not kept:
        kept, result.author = unsigned, author_before
    result.lines = kept
    return result


#: A writer's credit closing a line it was run into: its label and a colon, a name of a few words (no sentence's
#: punctuation), maybe the source's credit after it ("Tác giả: DƯƠNG TRANG Nguồn: http://…"). A box's label is
#: capitalised: "… có tác giả: Tố Hữu" is a sentence's words.
_TRAILING_CREDIT = re.compile(
    r"(?<=\S)\s+(?:Tác giả(?: bài viết)?|TÁC GIẢ(?: BÀI VIẾT)?|Người viết|NGƯỜI VIẾT|Bài và ảnh|Tin,? ảnh|"
    r"Người đăng|Đăng bởi)\s*:\s*"
    r"(?P<name>[^\s:.,;!?][^:.;!?]{1,58}?)(?:\s+(?:Nguồn|NGUỒN)(?:\s+tin)?\s*:\s*\S[^\s]{0,300})?\s*$")


#: A related-stories block's label as a whole line ("TIN LIÊN QUAN", "Các tin khác:", "Có thể bạn quan tâm").
_RELATED_LABEL = re.compile(
    r"^(?:>>\s*|»\s*)?(?:(?:tin|bài|bài viết|tin tức)\s+(?:liên quan|khác|cùng chuyên mục|mới nhất|mới hơn|"
    r"cũ hơn|đã đưa|xem nhiều|đọc nhiều)|(?:đọc|xem) nhiều nhất|các (?:tin|bài) khác|"
    r"những tin (?:mới hơn|cũ hơn|khác)|cùng chuyên mục|đừng bỏ lỡ|(?:có thể )?bạn (?:có thể )?quan tâm|"
    r"tham khảo thêm|xem thêm|đọc thêm)\s*:?$", re.I)
#: Labels that may also head a section of a story ("Hoạt động khác" in a report, then its items): a related block
#: only when it closes the text (the label, then teaser headlines to the end).
_CLOSING_RELATED_LABEL = re.compile(
    r"^(?:các )?(?:hoạt động|sự kiện|thông báo)\s+(?:liên quan|khác|mới nhất)\s*:?$|"
    r"^(?:other|related|more|latest)\s+(?:news|articles|posts|stories|activities|events)\s*:?$", re.I)
#: A cross-link set in the text: "Xem thêm: <headline>", ">> <headline>", "» Đọc thêm: <headline>".
_RELATED_LINK = re.compile(r"^(?:(?:>>|»)\s*(?:(?:xem|đọc|tham khảo) thêm\s*:?\s*)?|(?:xem|đọc|tham khảo) thêm\s*"
                           r"[:>»]\s*)(?P<headline>\S.*)$", re.I)
#: Words a teaser's headline under a related block's label has at most.
_TEASER_WORDS = 30


def _is_teaser_headline(line: str) -> bool:
    """A line shaped like another story's headline: not too long, no closing full stop (a date may follow)."""
    text = line.strip()
    return 0 < len(text.split()) <= _TEASER_WORDS and not _CLOSES_SENTENCE.search(text)


#: A paragraph that closes a quotation ("…lệch lạc”.", "…“Tôi rất vui”").
_CLOSES_QUOTE = re.compile(r"[”\"»][.!?…]?\s*$")


def _names_a_speaker(line: str) -> bool:
    """A line that names someone with a title ("Cô", "BS.", "Thượng úy") or a post after the name ("Lê Hoa -
    Trưởng phòng …", "Lê Hoa, Giáo viên …"): how a quotation's speaker is introduced."""
    text = line.strip()
    pieces = [piece for part in re.split(r"\s*,\s*", text) for piece in NAME_JOIN.split(part)]
    return _HONORIFIC.match(text) is not None or any(POST_WORDS.match(piece) for piece in pieces[1:])


_CLOSES_SENTENCE = re.compile(r"[.!?…:][\"”’»)]*\s*$")


def _without_related_links(lines: list[str]) -> list[str]:
    """``lines`` without the related-stories block a template set inside the story (its label alone on a line
    and the teaser headlines under it, up to the next sentence; for a label that may head a story's section, only
    when nothing but teaser headlines follows it) and without cross-link lines ("Xem thêm: …", ">>
    …") whose rest is a headline; a label in the story's first line is not looked at (no body comes before it)."""
    out: list[str] = []
    skipping = False
    teasers_from = [True] * (len(lines) + 1)  # [i]: every line from i on is a teaser headline (one pass back)
    for index in range(len(lines) - 1, -1, -1):
        teasers_from[index] = teasers_from[index + 1] and _is_teaser_headline(lines[index].strip())
    for index, line in enumerate(lines):
        text = line.strip()
        if skipping:
            if _is_teaser_headline(text):
                continue
            skipping = False
        if index > 0 and _RELATED_LABEL.match(text):
            skipping = True
            continue
        if index > 0 and _CLOSING_RELATED_LABEL.match(text) and teasers_from[index + 1]:
            break
        link = _RELATED_LINK.match(text)
        if link and _is_teaser_headline(link["headline"]):
            continue
        out.append(line)
    return out


#: Lines at the top of the text in which the headline may stand broken over two lines.
_HEADLINE_REACH = 10


def _without_broken_headline(lines: list[str], title_key: str) -> list[str]:
    """``lines`` without the headline printed over two of its first lines (a heading broken by a ``<br>``: "Sinh
    hoạt chuyên" then "đề môn Ngữ văn"); ``title_key``: the folded headline."""
    for i in range(min(len(lines) - 1, _HEADLINE_REACH)):
        first = normalize_line(lines[i])
        if first and title_key.startswith(fold(first)) and fold(f"{first} {normalize_line(lines[i + 1])}") == \
                title_key:
            return lines[:i] + lines[i + 2:]
    return lines


def _initials_and_office(line: str) -> bool:
    """A signature of bare initials and an office ("NTB, phòng GDTrH"): closes the story, names no author."""
    match = re.match(r"^(\S{2,6})\s*[,–-]\s*(.{3,60})$", line.strip(" ."))
    return match is not None and is_source_abbreviation(match[1]) and ORG_WORDS.search(match[2]) is not None


def _names_the_site(author: str, site_names: list[str]) -> bool:
    """True when a would-be signature holds one of the site's names: the publisher, never an author."""
    key = f" {fold(author)} "
    return any(len(name) >= 4 and f" {fold(name)} " in key for name in site_names)


def _is_outlet_line(line: str) -> bool:
    """A short capitalised name on its own line, such as the outlet under a "Theo ..." line."""
    text = line.strip(" .")
    return (0 < len(text) <= 30 and len(text.split()) <= 3 and text[:1].isupper()
            and not re.search(r"[,;:!?]", text))
