"""Vietnamese date and time parsing: the formats union sites print, in Vietnam time (+07:00)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
#: Earliest year accepted as a publication date (older numbers are decrees, founding years...).
MIN_YEAR = 1995

_SEP = r"\s*[/.\-]\s*"
_NUMERIC = rf"(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<y>(?:19|20)\d\d)(?!\d)"
#: Month names as WordPress's Vietnamese locale prints them ("30 Tháng Mười Một, 2026", "Tháng Mười Một 30,
#: 2026"); longest first, so that "Mười Một" is not read as "Mười".
MONTH_WORDS = {"mười một": 11, "mười hai": 12, "một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4,
               "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10, "chạp": 12}
#: Capitalised only, as WordPress prints them: "6 tháng năm 2025" is "six months of 2025" in a story's text.
_MONTH_WORD = "(?-i:" + "|".join(w.title() for w in MONTH_WORDS) + ")"
_WORDED = (r"(?:ng[àa]y\s+)?(?P<d2>\d{1,2})\s+th[áa]ng\s+(?:(?P<m2>\d{1,2})|(?P<m2w>" + _MONTH_WORD + r"))"
           r"\s*(?:,\s*|n[ăa]m\s+)?(?P<y2>(?:19|20)\d\d)(?!\d)"
           r"|th[áa]ng\s+(?P<m4w>" + _MONTH_WORD + r")\s+(?P<d4>\d{1,2}),?\s+(?P<y4>(?:19|20)\d\d)(?!\d)")
_ISO = (r"(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)"
        r"(?:[T ](?P<ih>\d\d):(?P<imin>\d\d)(?::(?P<isec>\d\d)(?:\.\d+)?)?\s*(?P<itz>Z|[+-]\d\d:?\d\d)?)?(?!\d)")
#: A two-digit year ("Cập nhật thứ hai, ngày 24/12/12 11:05 tối"): accepted only with a time of day after it.
_SHORT = r"(?P<d3>\d{1,2})/(?P<m3>\d{1,2})/(?P<y3>\d\d)(?![\d/])"
#: Day, month and year set apart by spaces only ("thứ ba, 06 08 2019 14:41", a SharePoint news template; "thứ
#: ba, 27 06, 2017", a WordPress theme's "l, d m, Y"): accepted only with a time of day after it or a weekday
#: before it.
_SPACED = r"(?P<d5>\d\d) (?P<m5>\d\d),? (?P<y5>(?:19|20)\d\d)(?![\d/])"
#: English month names, as portals and blogs in an English locale print them ("March 5, 2024", "Mar 5, 2024 9:30
#: AM", "05 Mar 2024", "Tue, 05 Mar 2024 09:30:00 +0700" in RFC 2822 meta tags); capitalised only.
ENGLISH_MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
                  "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2,
                  "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11,
                  "dec": 12}
_EN_MONTH = "(?-i:" + "|".join(sorted((m.title() for m in ENGLISH_MONTHS), key=len, reverse=True)) + r")\.?"
_ENGLISH = (rf"(?<![\w])(?P<m6w>{_EN_MONTH})\s+(?P<d6>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y6>(?:19|20)\d\d)(?!\d)"
            rf"|(?<![\d/.\-])(?P<d7>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m7w>{_EN_MONTH}),?\s+(?P<y7>(?:19|20)\d\d)(?!\d)")
#: WordPress's Vietnamese short month ("05 Th3, 2024") and a year first with slashes ("2024/03/05 09:30").
_SHORT_MONTH = r"(?<![\d/.\-])(?P<d8>\d{1,2})\s+(?-i:Th)(?P<m8>\d{1,2}),?\s+(?P<y8>(?:19|20)\d\d)(?!\d)"
_YMD = r"(?<![\d/.\-])(?P<sy>(?:19|20)\d\d)/(?P<sm>\d{1,2})/(?P<sd>\d{1,2})(?![\d/])"
#: Java's ``Date.toString()`` printed as a story's date by a JSP portlet ("Fri Oct 19 00:00:00 GMT 2018", a VNPT
#: Liferay school portal): weekday, month, day, time, zone, year.
_JAVA = (rf"(?<![\w])(?-i:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?P<jm>{_EN_MONTH}) (?P<jd>\d{{1,2}}) "
         r"(?P<jh>[01]\d|2[0-3]):(?P<jmin>[0-5]\d):(?P<js>[0-5]\d) (?P<jz>(?-i:[A-Z]{3,5})) "
         r"(?P<jy>(?:19|20)\d\d)(?!\d)")
#: Offsets of the zones a Java date names (others: Vietnam time).
_JAVA_ZONES = {"GMT": timedelta(0), "UTC": timedelta(0), "ICT": timedelta(hours=7)}
_DATE = re.compile(rf"(?<![\d/.\-]){_ISO}|(?<![\d/.\-]){_NUMERIC}|{_WORDED}|(?<![\d/.\-]){_SHORT}"
                   rf"|(?<![\d/.\-:])(?<![\d:] ){_SPACED}|{_JAVA}|{_ENGLISH}|{_SHORT_MONTH}|{_YMD}", re.I)
_TIME = (r"(?P<H>[01]?\d|2[0-3])\s*(?::|h|giờ\s*)\s*(?P<M>[0-5]\d)(?:\s*phút)?(?:\s*:\s*(?P<S>[0-5]\d))?"
         r"(?:\s*(?P<ap>SA|CH|AM|PM|sáng|trưa|chiều|tối|đêm)\b)?")
#: A weekday's name ("Thứ Sáu", "thứ 6", "Chủ nhật"), abbreviated ("T2", "T.7", "T.Hai") or in English ("Monday":
#: portal templates set in an English locale print "Monday, 12/11/2012 08:30").
WEEKDAY_WORD = (r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|\bT\.?[2-7]\b|"
                r"\bT\.\s?(?:hai|ba|tư|năm|sáu|bảy)\b|"
                r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)")
#: A time right after a date ("20/03/2021 | 16:10", "10 Tháng 12 2013 14:58", "14/09/2023 - 16:40"), also after
#: the weekday in brackets ("15/03/2024 (Thứ Sáu) 10:34").
_TIME_AFTER = re.compile(rf"^\s*(?:\(\s*{WEEKDAY_WORD}\s*\)\s*)?(?:[,|\-–—]\s*|lúc\s+|\s)\s*(?:lúc\s+)?{_TIME}"
                         r"(?!\d)", re.I)
#: A time right before a date ("22:46 - 20/03/2021", "09:07, 25/07/2019", "23:21 | 24/07/2019").
_TIME_BEFORE = re.compile(rf"(?<![\d:]){_TIME}\s*(?:[,|\-–—]\s*|\s)\s*(?:ngày\s+)?$", re.I)
_GMT = re.compile(r"^\s*\(?\s*(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d\d))?\s*\)?", re.I)
_WEEKDAY = re.compile(rf"(?:{WEEKDAY_WORD}|CN)\s*[,\-–]?\s*(?:ngày\s*)?$", re.I)

#: An update label right before a date ("Cập nhật: ", "Cập nhật lúc 14:05 ngày ", seed 001): the date of a
#: later edit, which gives way to a publication date printed beside it.
_UPDATED = re.compile(r"(?:cập nhật|updated|modified)[^\d|]{0,24}$", re.I)
#: A story's date in its address ("/2025/01/13/slug/", WordPress's and many CMSs' permalinks): a slug must follow,
#: a day archive ("/2025/01/13/") is a listing.
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0[1-9]|1[0-2])/(?P<d>0[1-9]|[12]\d|3[01])/"
                       r"[^/?#]*[a-z][^/?#]*")

#: An RFC 2822 date ("Tue, 05 Mar 2024 09:30:00 +0700"), as RSS pubDate fields and some meta tags give it.
_RFC2822 = re.compile(r"^(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d{1,2}:\d\d(?::\d\d)?\s*"
                      r"(?:[+-]\d{4}|GMT|UTC)")

#: A raw ISO 8601 timestamp printed as a page's date ("2019-06-27T08:54:00.000Z"), a template's unformatted value.
RAW_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: aware datetime in Vietnam time, whether a time of day was given, and where."""

    value: datetime
    has_time: bool
    start: int
    end: int
    weekday: bool = False  # preceded by a weekday name ("Thứ sáu, ...")
    worded: bool = False  # "Ngày 19 Tháng 4 Năm 2024" style
    updated: bool = False  # labelled as a later edit ("Cập nhật: ...")
    #: The separator of a numeric date that reads both ways ("03-08-2011": 3 August or, month first, 8 March),
    #: read day first; "" for every other date (see :func:`month_first_separators`).
    separator: str = ""

    def month_first(self) -> DateMatch:
        """The same date read month first (day and month swapped), for a page that writes dates that way."""
        return replace(self, value=self.value.replace(month=self.value.day, day=self.value.month), separator="")


def _to_vn(naive: datetime, offset: timedelta | None) -> datetime:
    if offset is None:
        return naive.replace(tzinfo=VN_TZ)
    return naive.replace(tzinfo=timezone(offset)).astimezone(VN_TZ)


def _offset(text: str) -> timedelta | None:
    match = _GMT.match(text)
    if not match:
        return None
    delta = timedelta(hours=int(match["h"]), minutes=int(match["m"] or 0))
    return -delta if match["sign"] == "-" else delta


def _hour(match: re.Match[str]) -> tuple[int, int, int]:
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    ampm = (match["ap"] or "").upper()
    # Vietnamese parts of the day: "04:00 chiều" is 16:00, "11:05 tối" 23:05, "11 giờ đêm" 23:00.
    if (ampm in {"CH", "PM", "CHIỀU", "TỐI"} or (ampm == "TRƯA" and hour < 6) or (ampm == "ĐÊM" and hour >= 7)) \
            and hour < 12:
        hour += 12
    elif ampm in {"SA", "AM", "SÁNG"} and hour == 12:
        hour = 0
    return hour, minute, second


def _iso_offset(value: str | None) -> timedelta | None:
    if not value:
        return None
    if value.upper() == "Z":
        return timedelta(0)
    sign = -1 if value[0] == "-" else 1
    digits = value[1:].replace(":", "")
    return sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))


def find_dates(text: str, now: datetime | None = None) -> list[DateMatch]:
    """Every plausible date in ``text``, with the time of day printed next to it when there is one.
    Dates later than ``now`` (default: the current time) or before ``MIN_YEAR`` are left out."""
    now = now or datetime.now(VN_TZ)
    found: list[DateMatch] = []
    for match in _DATE.finditer(text):
        start, end = match.span()
        try:
            if match["iy"]:
                day, month, year = int(match["id"]), int(match["im"]), int(match["iy"])
            elif match["y"]:
                day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
            elif match["y3"]:
                day, month, year = int(match["d3"]), int(match["m3"]), 2000 + int(match["y3"])
            elif match["y5"]:
                day, month, year = int(match["d5"]), int(match["m5"]), int(match["y5"])
            elif match["jy"]:
                day, month, year = int(match["jd"]), ENGLISH_MONTHS[match["jm"].rstrip(".").casefold()], \
                    int(match["jy"])
            elif match["y6"]:
                day, month, year = int(match["d6"]), ENGLISH_MONTHS[match["m6w"].rstrip(".").casefold()], \
                    int(match["y6"])
            elif match["y7"]:
                day, month, year = int(match["d7"]), ENGLISH_MONTHS[match["m7w"].rstrip(".").casefold()], \
                    int(match["y7"])
            elif match["y8"]:
                day, month, year = int(match["d8"]), int(match["m8"]), int(match["y8"])
            elif match["sy"]:
                day, month, year = int(match["sd"]), int(match["sm"]), int(match["sy"])
            elif match["y4"]:
                day, month, year = int(match["d4"]), MONTH_WORDS[match["m4w"].casefold()], int(match["y4"])
            else:
                month = int(match["m2"]) if match["m2"] else MONTH_WORDS[match["m2w"].casefold()]
                day, year = int(match["d2"]), int(match["y2"])
            date = datetime(year, month, day)
        except ValueError:
            continue
        if year < MIN_YEAR:
            continue
        has_time = False
        offset: timedelta | None = None
        if match["iy"] and match["ih"]:
            try:
                date = date.replace(hour=int(match["ih"]), minute=int(match["imin"]),
                                    second=int(match["isec"] or 0))
            except ValueError:
                continue
            has_time, offset = True, _iso_offset(match["itz"])
        elif match["jy"]:
            date = date.replace(hour=int(match["jh"]), minute=int(match["jmin"]), second=int(match["js"]))
            has_time, offset = True, _JAVA_ZONES.get(match["jz"])
        else:
            after = _TIME_AFTER.match(text[end:end + 40])
            before = _TIME_BEFORE.search(text[max(0, start - 40):start])
            clock = after or before
            if (match["y3"] or match["y5"] and not _WEEKDAY.search(text[max(0, start - 24):start])) and not after:
                continue  # "1/2/12" or "06 08 2019" without a time of day (or a weekday) is too ambiguous
            if clock:
                hour, minute, second = _hour(clock)
                date = date.replace(hour=hour, minute=minute, second=second)
                has_time = True
                if after:
                    end += after.end()
            offset = _offset(text[end:end + 24])
        value = _to_vn(date, offset)
        if value > now + timedelta(minutes=5):
            continue
        prefix = text[max(0, start - 24):start]
        if before_match := (_TIME_BEFORE.search(prefix) if has_time else None):
            prefix = prefix[:before_match.start()]
        weekday = _WEEKDAY.search(prefix) is not None
        updated = _UPDATED.search(_WEEKDAY.sub("", prefix)) is not None
        separator = ""
        if match["y"] and offset is None and day != month and day <= 12 and month <= 12:
            separator = _SEPARATOR.search(match.group(0)).group(0).strip()
        found.append(DateMatch(value, has_time, start, end, weekday, bool(match["y2"] or match["y4"]), updated,
                               separator))
    return found


_SEPARATOR = re.compile(_SEP)
#: A numeric day-month-year or month-day-year date: the two first numbers and the separator.
_TWO_WAY = re.compile(r"(?<![\d/.\-])(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(?:19|20)\d\d(?!\d)")


def month_first_separators(text: str) -> frozenset[str]:
    """The separators with which ``text`` (a page's visible text) writes numeric dates month first: some date
    with that separator reads only month first ("12-27-2012", a forum or CMS in an English locale) and none
    reads only day first ("27-12-2012"). Empty for a page that gives no such evidence: Vietnamese pages write
    the day first, and an ambiguous date ("03-08-2011") is read that way unless its page says otherwise."""
    month_first: set[str] = set()
    day_first: set[str] = set()
    for match in _TWO_WAY.finditer(text):
        first, second = int(match[1]), int(match[3])
        if first > 12 and 1 <= second <= 12:
            day_first.add(match[2])
        elif second > 12 and 1 <= first <= 12 and second <= 31:
            month_first.add(match[2])
    return frozenset(month_first - day_first)


def parse_date(text: str, now: datetime | None = None) -> DateMatch | None:
    """The first plausible date in ``text`` (with its time when printed next to it), or None."""
    dates = find_dates(text, now)
    return dates[0] if dates else None


def parse_iso(value: str, now: datetime | None = None) -> DateMatch | None:
    """A machine-readable date from ``<time datetime>``, meta tags or JSON-LD, in Vietnam time."""
    value = (value or "").strip()
    if _RFC2822.match(value):  # "Tue, 05 Mar 2024 09:30:00 +0700" (RSS-style pubDate in a meta tag)
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            parsed = None
        if parsed is not None and parsed.tzinfo is not None and parsed.year >= MIN_YEAR and \
                parsed <= (now or datetime.now(VN_TZ)) + timedelta(minutes=5):
            return DateMatch(parsed.astimezone(VN_TZ), True, 0, len(value))
    match = re.match(_ISO, value)
    if not match:
        return parse_date(value, now)
    dates = find_dates(value, now)
    return dates[0] if dates else None


def url_date(url: str, now: datetime | None = None) -> DateMatch | None:
    """The date in a story's address ("/2025/01/13/slug/"), without a time of day, or None."""
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        value = datetime(int(match["y"]), int(match["m"]), int(match["d"]), tzinfo=VN_TZ)
    except ValueError:
        return None
    if value.year < MIN_YEAR or value > (now or datetime.now(VN_TZ)):
        return None
    return DateMatch(value, False, match.start(), match.end())
