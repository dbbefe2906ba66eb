"""Page metadata: canonical URL, title, author, category, from markup, meta tags and JSON-LD."""

from __future__ import annotations

import html
import itertools
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from crawler.provinces import normalize_province
from pipelines.extract.dates import WEEKDAY_WORD
from pipelines.extract.legacy import vietnamese_score
from pipelines.extract.normalize import fold, normalize_line
from pipelines.urls import canonical_from_page

#: A dash with a space on at least one side: what joins co-authors, or a name and its office or post, on one
#: byline ("QUANG ĐẠI - THANH THỦY", "Phạm Văn Phải – Phó Hiệu trưởng"); a hyphen inside a word does not.
NAME_JOIN = re.compile(r"\s+[-–—]\s*|\s*[-–—]\s+")

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|«|/|·|•)\s+")
_STRONG_SEPARATORS = re.compile(r"\s+(?:\||–|—|::|»|«|·|•)\s+")
#: Words that name an organisation or a site rather than a person ("Văn phòng LĐLĐ tỉnh", "Báo Lao Động").
ORG_WORDS = re.compile(
    r"\b(?:văn phòng|vp|ldld|lđlđ|liên đoàn|công đoàn|cđcs|cđ|ban|báo|tạp chí|cổng thông tin|trang thông tin|"
    r"ubnd|sở|phòng|trung tâm|hội|đoàn|tỉnh|thành phố|huyện|quận|thị xã|website|admin|administrator|"
    r"ban biên tập|bbt|nguồn|theo|tổng hợp|st|sưu tầm|cộng tác viên|ctv|phóng viên|pv|nhóm pv|nhóm phóng viên|"
    r"btv|biên tập viên|tòa soạn|toà soạn|"
    r"news|press|editor|webmaster|staff)\b",
    re.I,
)
#: A writer's post, as bylines print it after the name ("Phó Hiệu trưởng Trường THPT …", "Giáo viên …").
POST_WORDS = re.compile(r"\b(?:chủ tịch|phó|trưởng|giám đốc|bí thư|hiệu trưởng|giáo viên|giảng viên|cán bộ|"
                        r"chuyên viên|ủy viên|uỷ viên|thư ký|kế toán|nhân viên|cộng tác viên|phóng viên)\b", re.I)
#: CMS accounts and placeholders that are never an author.
NOT_AUTHORS = frozenset({"admin", "administrator", "quản trị", "quản trị viên", "webmaster", "editor",
                         "root", "user", "guest", "unknown", "ban biên tập", "bbt", "super user", "superuser",
                         # Newsroom roles signed instead of a name: reporter(s), editor on duty, collaborator.
                         "pv", "btv", "ctv", "phóng viên", "biên tập viên", "cộng tác viên", "nhóm pv",
                         "nhóm phóng viên", "tòa soạn", "toà soạn", "ptv", "kts", "bạn đọc",
                         # A portal's labels and menu words read where a byline stands (a SharePoint "Created By"
                         # column, a "Tiện ích" box, "Home"): never a writer's name.
                         "created by", "modified by", "category", "home", "tiện ích"})


def meta_content(tree: lxml_html.HtmlElement, *keys: str) -> str | None:
    """Value of the first ``<meta>`` whose name, property or itemprop is one of ``keys`` (case-insensitive)."""
    wanted = [k.lower() for k in keys]
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key in wanted and key not in found:
                found[key] = normalize_line(content)
    for key in wanted:
        if found.get(key):
            return found[key]
    return None


def ld_script_texts(tree: lxml_html.HtmlElement) -> Iterator[str]:
    """The text of every JSON-LD script of the page (trailing ";" taken off), valid JSON or not."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            yield script.text.strip().rstrip(";")


class JsonLd(NamedTuple):
    """A page's JSON-LD, each script parsed once (:func:`read_json_ld`)."""

    objects: list[dict[str, Any]]  # every object, ``@graph`` members flattened
    invalid: list[str]  # the texts of the scripts that are not valid JSON (the date rules read them by pattern)


def read_json_ld(tree: lxml_html.HtmlElement) -> JsonLd:
    """The page's JSON-LD objects and the texts of its scripts that are not valid JSON: one parse of each
    script, made once per page by the caller and handed to every reader (:func:`ld_article`,
    :func:`site_names`, :func:`breadcrumb_category`, the page-type signals)."""
    objects: list[dict[str, Any]] = []
    invalid: list[str] = []
    for text in ld_script_texts(tree):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            invalid.append(text)
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return JsonLd(objects, invalid)


def json_ld(tree: lxml_html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, ``@graph`` members flattened; invalid JSON is skipped."""
    return read_json_ld(tree).objects


def ld_types(obj: dict[str, Any]) -> set[str]:
    """The ``@type`` names of a JSON-LD object."""
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k) for k in kinds if k}


ARTICLE_TYPES = frozenset({"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
                           "OpinionNewsArticle", "BackgroundNewsArticle", "Report", "TechArticle",
                           "LiveBlogPosting"})
LISTING_TYPES = frozenset({"CollectionPage", "ItemList", "SearchResultsPage", "WebSite"})


def ld_article(tree: lxml_html.HtmlElement, ld: list[dict[str, Any]] | None = None) -> dict[str, Any] | None:
    """The page's JSON-LD article object, if any (``ld``: the page's :func:`json_ld` when the caller has it)."""
    for obj in json_ld(tree) if ld is None else ld:
        if ld_types(obj) & ARTICLE_TYPES:
            return obj
    return None


def ld_names(value: Any) -> list[str]:
    """Names from a JSON-LD person/organisation value (string, object or list)."""
    values = value if isinstance(value, list) else [value]
    names = []
    for item in values:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            if "Organization" in ld_types(item):
                continue
            names.append(item["name"])
    # Character references are common in hand-built JSON-LD ("NH&#7852;T XUÂN"): JSON does not decode them.
    return [normalize_line(html.unescape(n)) for n in names if n and n.strip()]


def canonical_url(tree: lxml_html.HtmlElement, page_url: str) -> str:
    """Canonical URL: ``rel=canonical`` (else ``og:url``) when :func:`pipelines.urls.canonical_from_page`
    accepts it (same site, not the home page, content parameters kept), else the page URL, canonicalised."""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return canonical_from_page(page_url, link.get("href"))
    return canonical_from_page(page_url, meta_content(tree, "og:url"))


def site_names(tree: lxml_html.HtmlElement, page_url: str, ld: list[dict[str, Any]] | None = None) -> list[str]:
    """Names the site goes by: og:site_name, application-name, JSON-LD publisher, the text of a link marked
    ``rel="home"`` (WordPress's site title), the host name (``ld``: the page's :func:`json_ld` when the caller
    has it)."""
    names = []
    for key in ("og:site_name", "application-name", "apple-mobile-web-app-title", "al:android:app_name",
                "copyright"):
        value = meta_content(tree, key)
        if value:
            names.append(value)
    homes = (a for a in itertools.islice(tree.iter("a"), _HOME_LINKS_WITHIN)
             if "home" in (a.get("rel") or "").casefold().split())
    for a in itertools.islice(homes, _HOME_LINKS_READ):
        text = normalize_line(a.text_content())
        if _SITE_TITLE_CHARS[0] <= len(text) <= _SITE_TITLE_CHARS[1] and text.casefold() not in HOME_NAMES:
            names.append(text)
    for obj in json_ld(tree) if ld is None else ld:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(normalize_line(publisher["name"]))
        if ld_types(obj) & {"WebSite", "Organization"} and isinstance(obj.get("name"), str):
            names.append(normalize_line(obj["name"]))
    host = (urlsplit(page_url).hostname or "").lower()
    if host:
        names.append(host.removeprefix("www."))
    return [n for n in dict.fromkeys(names) if n]


#: The page's first links, among which a theme's site title is, in its header (``<p class="site-title"><a href="/"
#: rel="home">``): read no further (a page's links are many, its menus' hundreds).
_HOME_LINKS_WITHIN = 60
#: Links marked ``rel="home"`` read at most (the site title, the logo, a menu's first entry, a breadcrumb's).
_HOME_LINKS_READ = 4
#: The length of a site title read from such a link (shorter is an icon's letter, longer a slogan run in).
_SITE_TITLE_CHARS = (3, 100)


def title_remainder_names(tree: lxml_html.HtmlElement, headline: str) -> list[str]:
    """What the ``<title>`` prints besides the page's headline, part by part ("Tin hoạt động", "Tin Công
    Nhân" from "Headline - Tin hoạt động - Tin Công Nhân"): the site's and section's names even when no meta
    tag gives them. Used to reject them as an author; empty when the ``<title>`` does not hold the headline."""
    raw = normalize_line(tree.findtext(".//title") or "")
    headline = normalize_line(headline or "")
    if not raw or len(headline) < 10:
        return []
    start = raw.casefold().find(headline.casefold())
    if start < 0:
        return []
    parts = _TITLE_SEPARATORS.split(raw[:start]) + _TITLE_SEPARATORS.split(raw[start + len(headline):])
    parts = [p.strip(" |-–—:»«/·•") for p in parts]
    return [p for p in parts if 2 <= len(p) <= 60 and len(p.split()) <= 8]


_PORTAL_NAME = re.compile(r"(?:(?:trang|cổng) (?:thông tin|tin tức) điện tử|trang tin điện tử|website)"
                          r"(?: [\w ]{0,70})?")


def portal_name(text: str) -> bool:
    """A portal's or website's name: "Trang thông tin điện tử huyện ...", "Cổng thông tin điện tử tỉnh ..."."""
    folded = fold(text)
    return bool(_PORTAL_NAME.fullmatch(folded)) and len(folded.split()) <= 16


#: Letters from which a host's first label may be an office's initials ("sgtvt", "ldld", "hdnd", "svhttdl").
_INITIALS_MIN = 3
#: Words a name may have beyond its initials: its place ("tỉnh Đắk Nông") and connectives ("và", "của").
_INITIALS_SLACK = 6
#: A place closing an office's name ("… tỉnh Đắk Nông", "… huyện Krông Nô"), which its host's initials leave out.
_PLACE_TAIL = re.compile(r"\s+(?:tỉnh|thành phố|tp\.?|huyện|thị xã|quận)(?:\s+[A-ZĐÀ-Ỹ][^\s]*){1,3}$", re.I)


def _initials(text: str) -> str:
    """The first letters of a name's words without its place and connectives ("Sở Văn hóa, Thể thao và Du lịch tỉnh
    Đắk Nông" -> "svhttdl"), as Vietnamese offices' hosts spell them."""
    words = re.sub(r"[\W_]+", " ", _PLACE_TAIL.sub("", normalize_line(text))).split()
    return "".join(ascii_key(w)[:1] for w in words if w.casefold() not in {"và", "&", "của"})


def looks_like_site_name(text: str, names: list[str]) -> bool:
    """True when ``text`` is the site's name, a federation banner ("LIÊN ĐOÀN LAO ĐỘNG TỈNH ...") or a portal's
    name ("Trang thông tin điện tử huyện ...", "Cổng thông tin điện tử tỉnh ...")."""
    folded = fold(text)
    if not folded:
        return True
    for name in names:
        name_folded = fold(name)
        if name_folded and (folded == name_folded or (len(folded) > 4 and folded in name_folded)):
            return True
        if "." in name and " " not in name.strip():
            # The host's own name opening a short label: "Teen9x News" on teen9x.net, "VnExpress" on vnexpress.net.
            label = ascii_key(next((x for x in name.lower().split(".") if x not in {"www", "m"}), ""))
            words = folded.split()
            if label and len(words) <= 3 and ascii_key(words[0]) == label:
                return True
            # (A name has a word an initial, and a place and connectives besides: longer texts are not spelt.)
            if len(label) >= _INITIALS_MIN and len(label) <= len(words) <= len(label) + _INITIALS_SLACK \
                    and _initials(text) == label:
                return True  # "Sở Giao thông vận tải" on sgtvt…, "Liên đoàn Lao động tỉnh …" on ldld…
    if portal_name(text):
        return True
    folded_words = folded.split()
    if text.rstrip().endswith((".", "!", "?", "…")) and len(folded_words) >= 4:
        return False  # a sentence opening with the words ("Công đoàn luôn đồng hành cùng đoàn viên."), no banner
    banner = _BANNER.fullmatch(folded)
    if banner is None or len(folded_words) > 9:
        return False
    if folded_words[0] == "báo" and not _paper_name(normalize_line(text)):
        return False  # "Báo cáo tài chính" (a report), "Báo chí …": the word's compounds, no paper's name
    if not banner["rest"]:
        return True
    # The banner's own name is short or capitalised ("Báo Lao Động", "Công đoàn cấp trên cơ sở", "Công đoàn Viên
    # chức tỉnh Đắk Nông"); five words or more, most of them in lower case, make a headline or a heading ("Báo cáo
    # kết quả hoạt động", "Công đoàn ngành Y tế tổ chức hội thi", "LĐLĐ tỉnh tổ chức Hội nghị tổng kết").
    words = re.sub(r"[\W_]+", " ", normalize_line(text)).split()
    if len(words) != len(folded_words):
        return True
    name = words[len(folded[:banner.start("rest")].split()):]
    return len(name) < _BANNER_NAME_WORDS or sum(1 for word in name if word[:1].islower()) <= len(name) / 2


#: Words from which a banner's name in lower case is a headline's rest, not a name.
_BANNER_NAME_WORDS = 5
#: A federation's or paper's banner ("LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐẮK NÔNG", "Công đoàn ngành Giáo dục", "Báo Lao
#: Động") on a folded line: its opening words, a qualifier, then a name of up to 30 characters.
_BANNER = re.compile(r"(?:liên đoàn lao động|công đoàn|lđlđ|tổng liên đoàn lao động|báo)"
                     r"(?: (?:tỉnh|thành phố|tp|huyện|quận|thị xã|việt nam|ngành|cơ sở))?"
                     r"(?: (?P<rest>[\w ]{1,30}))?")


def _paper_name(text: str) -> bool:
    """A paper's name after "Báo": a capitalised word ("Báo Lao Động", "BÁO ĐẮK NÔNG"), maybe after "điện tử"
    ("Báo điện tử Chính phủ"); "báo cáo" (a report), "báo chí" (the press), "báo động" are words of their own."""
    words = text.split()[1:]
    if len(words) > 2 and fold(" ".join(words[:2])) == "điện tử":
        words = words[2:]
    return bool(words) and words[0][:1].isupper()


def strip_site_suffix(title: str, names: list[str], *, drop_label: bool = True) -> str:
    """Remove the site name suffix/prefix from a ``<title>`` or og:title ("Tiêu đề | LĐLĐ tỉnh X").

    Only a whole run of parts that names the site is removed: " - " also stands inside titles ("Bà Rịa - Vũng
    Tàu", "nhiệm kỳ 2023 - 2028"), so a title is never cut at a separator whose other side is not the site.
    With ``drop_label``, a short part set off by "|", "–" or "»" that names nothing known is dropped too (a
    section's or site's label; it may also be a headline's second half: "Khóa đào tạo … – Trưởng thành …").
    """
    title = normalize_line(title)
    for match in _TITLE_SEPARATORS.finditer(title):  # left to right: the longest suffix first
        head, tail = title[:match.start()].strip(), title[match.end():].strip()
        if head and looks_like_site_name(tail, names):
            title = head
            break
    for match in reversed(list(_TITLE_SEPARATORS.finditer(title))):  # right to left: the longest prefix
        head, tail = title[:match.start()].strip(), title[match.end():].strip()
        if tail and looks_like_site_name(head, names):
            title = tail
            break
    parts = _STRONG_SEPARATORS.split(title)
    if drop_label and len(parts) == 2:
        # No part names the site: drop a short section or site label set off by "|", "–" or "»".
        longest = max(parts, key=len)
        if len(longest) >= 0.6 * len(title):
            return longest.strip()
    return title


#: Labels before a byline's name. "Bài" and "Tin" ("Bài: Lê Hoa", "Tin, ảnh: ...") are also ordinary words
#: ("Tin Công Nhân" is a site's name), so they count as labels only with their colon or dash.
AUTHOR_LABEL = re.compile(
    r"^(?:(?:tác giả(?: bài viết)?|bài và ảnh|bài,? ảnh|bài\s*[&+]\s*ảnh|người viết|người đăng|"
    r"(?:được )?đăng bởi|viết bởi|gửi bởi|by|author|tin,? ảnh|tin và ảnh|tin\s*[&+]\s*ảnh|thực hiện|"
    r"nhóm thực hiện|ghi chép(?: của)?|phóng viên|pv|ctv|cộng tác viên|btv|biên tập viên|người đưa tin|"
    r"nhà báo)\s*[:\-–]?\s+|(?:bài viết|bài|tin)\s*[:\-–]\s*)", re.I)
#: A date or time after a byline's name, maybe after a weekday ("… vào T3, 12/03/2019 - 10:20": Drupal's "Gửi bởi
#: <name> vào <date>").
_AUTHOR_TRAILER = re.compile(r"\s*(?:[|,\-–—]|\blúc\b|\bvào\b|\bngày\b)?\s*"
                             rf"(?:{WEEKDAY_WORD}\s*[,\-–]?\s*(?:ngày\s*)?)?"
                             r"(?:\d{1,2}\s*[:h]\s*\d{2}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}).*$", re.I)
_OUTLET_CODE = re.compile(r"^(.+?)\s+[A-Z]{2,5}$")
#: A slash and one upper-case word closing a byline ("Thanh Hà/TTXVN"): the agency's code, when it is one, with
#: its domain or its regional bureau ("Thu Hà/VOV.VN", "Phạm Thịnh/VOV-Tây Nguyên").
AGENCY_AFTER_SLASH = re.compile(r"\s*/\s*([A-ZĐ]{2,6})(?:\.(?:VN|vn))?"
                                 r"(?:\s*[-–]\s*[A-ZĐÂ]\w*(?:\s+[A-ZĐÂ]\w*){0,2})?$")
#: A photographer's credit after the writer's name ("Tịn, ảnh KHÁNH HIỀN", "Minh Hà - Ảnh: Quang Vinh"), or a
#: graphic designer's or video maker's ("Minh Khuê - Đồ họa: Lê Anh"): the byline's author is the writer.
PHOTO_CREDIT = re.compile(r"\s*[,;\-–—]\s*(?:ảnh|photo|đồ họa|đồ hoạ|thiết kế|video|clip|infographic)\b\s*:?.*$",
                          re.I)


#: A photographer's credit after a full stop, in a labelled byline only.
_LABELLED_PHOTO_CREDIT = re.compile(r"\.\s*(?:ảnh|photo)\b\s*:?.*$", re.I)


def without_photo_credit(text: str, *, labelled: bool) -> str:
    """A byline's text without the photographer's (designer's, video maker's) credit after the writer; after a full
    stop only in a ``labelled`` byline ("Bài viết: Nguyễn Thị Loan. Ảnh : Trương Quang Hà"): unlabelled, "<Name>.
    Ảnh: …" closes a photo's caption."""
    text = PHOTO_CREDIT.sub("", text)
    return _LABELLED_PHOTO_CREDIT.sub("", text) if labelled else text


#: Press outlets that "Theo ..." source lines name (they are not authors). Domain vocabulary, each entry
#: seen on a real page (tests/real_pages/dev) or in the research note: zing.vn ends stories with "Theo Thanh
#: Niên" and "Theo Infonet", dantri.com.vn with "Theo Thanh Xuân / VnEconomy", 24h.com.vn with "Theo Sầm Hoa
#: (Vietnamnet/Reuters)", genk.vn with "Theo Minh Nguyễn/Vcamp.vn" then "Forbes"; Lao Động and Người Lao Động
#: are the union press of the research note.
PRESS_OUTLETS = frozenset({"thanh niên", "infonet", "vneconomy", "vietnamnet", "reuters", "vcamp.vn", "forbes",
                           "lao động", "người lao động", "dân trí", "vnexpress", "tuổi trẻ", "tiền phong"})
_THEO = re.compile(r"^theo(?:\s*[:\-–]\s*|\s+)(?P<rest>.+)$", re.I)
#: Words that make a name a publication's ("Đắk Nông Online", "Saigon Times", "VTV News").
_OUTLET_WORD = re.compile(r"\b(?:online|điện tử|news|times|tv|radio|plus|media|express|daily|newspaper)\b", re.I)
#: What a publication's name starts with ("Báo ...", "Tạp chí ...", "Cổng thông tin ...", "Đài ...").
_OUTLET_KIND = re.compile(r"(?:báo|tạp chí|cổng thông tin|cổng ttđt|trang thông tin|trang tin|đài|thông tấn xã|"
                          r"ttxvn|tuần báo|nhật báo|bản tin)\b", re.I)


#: A closing "Nguồn: <publication>" credit ("Nguồn: Đắk Nông Online", "Nguồn: Baocamau.com.vn", "Nguồn “Đắk Nông
#: Điện tử”"), or of a document, an office, an agency, a person ("Nguồn tin: Nguyễn Văn Phú", "Nguồn tin từ: …",
#: and as a government portal misspelt it, "Nguồn tìn: …") (:func:`source_line_author`): the story's source, like
#: "Theo <publication>" or "Theo <Name>"; a "Nguồn:" line that is a sentence stays.
_NGUON = re.compile(r"^nguồn(?:\s+t[iì]n)?(?:\s+từ)?\s*[:\-–]?\s*(?P<rest>.+)$", re.I)
#: Words a "Nguồn: …" credit holds at most; punctuation inside it that only a sentence has.
_CREDIT_WORDS = 12
_SENTENCE_PUNCT = re.compile(r"[,;!?]|\.\s")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info|gov\.vn)$", re.I)


def _is_address(text: str) -> bool:
    """A web address alone: a URL with no space in it, or a domain name ("baophapluat.vn")."""
    return bool(text) and ("://" in text and " " not in text or _DOMAIN.match(text) is not None)


def _names_publication(text: str) -> bool:
    """True for a publication's name: "Báo …", "Cổng thông tin …", "… Online", a press outlet of
    ``PRESS_OUTLETS``, a domain ("Baocamau.com.vn")."""
    words = text.split()
    return bool(_OUTLET_KIND.match(text) and 2 <= len(words) <= 8 and text[:1].isupper()
                or _OUTLET_WORD.search(text) or text.casefold() in PRESS_OUTLETS or _DOMAIN.match(text))


def source_line_author(line: str) -> tuple[bool, str | None]:
    """("Theo Sầm Hoa (Vietnamnet/Reuters)") -> (True, "Sầm Hoa"): whether ``line`` is a "Theo ..." source
    line, and the person it names. A name is two or more capitalised words; "Theo Ngoisao", "Theo Thanh
    Niên" name a publication, not a person. A "Nguồn: …" credit of a publication, a document, an office or an
    agency is a source line naming nobody."""
    text = normalize_line(line).strip(" .()")
    credit = _NGUON.match(text)
    if credit and _is_address(credit["rest"].strip(" .")):
        return True, None  # "Nguồn: http://baophapluat.vn/giao-duc/…-321404.html": a page's address, however long
    if credit and len(line) <= 90:
        rest = credit["rest"].strip(" .\"'“”‘’«»")
        if _names_publication(rest):
            return True, None
        if rest[:1].isupper() and len(rest.split()) <= _CREDIT_WORDS and not _SENTENCE_PUNCT.search(rest):
            # The person who sent the story in ("Nguồn tin: Nguyễn Văn Phú"; with an office: "Nguồn: Lê Hoa (Văn
            # phòng Sở)"): its author, as "Theo <Name>" is. Else what it credits is no person: an office ("Nguồn:
            # Phòng KHTC"), an agency's code ("NAFF"), a document or a newsletter ("Thông tư 12/2020/TT-BGDĐT",
            # "Bản tin số 5 của Dự án …"), "Internet", a foreign outlet's name ("Pop Sugar": no Vietnamese name).
            person = clean_author(rest)
            words = rest.split()
            if person and len(person.split()) >= 2 and vietnamese_score(person) == 1 and not (
                    is_place(" ".join(words[:2])) or is_place(words[0])):
                return True, person
            return True, None
    match = _THEO.match(text)
    if match and _is_address(match["rest"].strip(" .")):
        return True, None  # "Theo: http://dncc.edu.vn", "Theo:https://tgs.vn/…": a page's address, however long
    if not match or len(line) > 90:
        return False, None
    # The source's address after the writer's name ("Theo - Mai Anh - hiephoa.bacgiang.gov.vn") is no name.
    rest = " - ".join(piece for piece in NAME_JOIN.split(match["rest"]) if not _DOMAIN.match(piece.strip(" .")))
    rest = re.split(r"\s*[/(]\s*", rest, maxsplit=1)[0].strip(" .,-–")
    words = rest.split()
    if _OUTLET_KIND.match(rest) and 2 <= len(words) <= 8 and rest[:1].isupper():
        return True, None  # "Theo Báo Đắk Nông điện tử", "Theo Cổng thông tin điện tử tỉnh": a publication
    if _OUTLET_WORD.search(rest) or len(words) >= 2 and (is_place(" ".join(words[:2])) or is_place(words[0])):
        return True, None  # "Theo Đắk Nông Online", "Theo Hà Nội Mới": a paper named after its province
    if not 1 <= len(words) <= 6 or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False, None  # "Theo quy định mới, ..." is a sentence
    if rest.casefold() in PRESS_OUTLETS or "." in rest or len(words) < 2 or not is_person_name(rest):
        return True, None
    if any(a.islower() and b.isupper() for a, b in zip(rest, rest[1:], strict=False)):  # "VnEconomy", "VietNamNet"
        return True, None
    return True, name_case(rest)


def ascii_key(text: str) -> str:
    """Letters and digits only, without tone marks or case: "Dân Trí" and "dantri" give the same key."""
    decomposed = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum() and not unicodedata.combining(ch))


def is_publisher(name: str, names: list[str]) -> bool:
    """True when ``name`` is the site or its publisher rather than a person: one of the site's names
    (og:site_name, JSON-LD publisher, copyright holder...) or its host's name ("Dân Trí" on dantri.com.vn)."""
    key = ascii_key(name)
    if not key:
        return True
    # Long enough to be an institution's own name after its kind ("HOANG LUONG" for "Trường THCS Hoàng Lương" and
    # host thcshoangluong...): a school or office named after a place or a historical figure, not its writer.
    proper = len(name.split()) >= 2 and len(key) >= _PROPER_NAME_CHARS
    for site in names:
        site_key = ascii_key(site)
        if site_key and (key == site_key or looks_like_site_name(name, [site])):
            return True
        if site_key and proper and site_key.endswith(key):
            return True
        if "." in site:
            labels = [label for label in site.lower().split(".") if label not in {"www", "m"}]
            if labels and key in {ascii_key(labels[0]), ascii_key("".join(labels[:-1]))}:
                return True
            if labels and proper and ascii_key(labels[0]).endswith(key):
                return True
    return False


#: Letters of a name from which it may be a site's proper name ("hoangluong"; not a short given name).
_PROPER_NAME_CHARS = 6


def person_author(raw: str | None, names: list[str] | tuple[str, ...] = ()) -> str | None:
    """:func:`clean_author` of ``raw``, or None when the name, or the line it came from ("Tin Công Nhân"
    with the site called so), is the site or its publisher."""
    author = clean_author(raw)
    if not author or is_publisher(author, list(names)):
        return None
    bare = _AUTHOR_TRAILER.sub("", normalize_line(raw or "")).strip(" |:;,.-–—()[]")
    return None if bare and is_publisher(bare, list(names)) else author


def clean_author(raw: str | None) -> str | None:
    """An author name as written, without label ("Tác giả:"), affiliation ("Hà Hiển, Văn phòng LĐLĐ tỉnh",
    "Minh Quân - LĐLĐ huyện", "TRẦN TUẤN (báo lao động)"), date, punctuation or CMS account; None when what
    is left is not a person's name."""
    if not raw:
        return None
    is_source, person = source_line_author(raw)
    if is_source:
        return person
    # A label, and a role word after it ("Thực hiện: Phóng viên Kim Hiếu", "Bài và ảnh: PV Minh Anh").
    text = normalize_line(raw).strip(" |-–—")
    labelled = AUTHOR_LABEL.match(text) is not None
    text = AUTHOR_LABEL.sub("", AUTHOR_LABEL.sub("", text))
    text = without_photo_credit(_AUTHOR_TRAILER.sub("", text), labelled=labelled)
    text = re.sub(r"\s*[(\[][^)\]]*[)\]]?\s*[.]?$", "", text)
    # "Thanh Hà/TTXVN", "Hoàng Anh/VOV": the news agency's or outlet's code after a slash (photo credits and
    # bylines of agency copy) is no part of the name.
    text = AGENCY_AFTER_SLASH.sub(lambda m: "" if is_agency_code(m[1]) else m[0], text)
    text = text.strip(" |:;,.-–—()[]\"“”")  # a quotation's closing mark after an interview's credit
    if not text or text.casefold() in NOT_AUTHORS or "@" in text or "://" in text or "www." in text \
            or is_login(text.split()[0]):
        return None  # (a byline opening with a login names the account: "MeoChoco In Fun & Fact")
    names: list[str] = []
    for part in re.split(r"\s*[,;]\s*", text):
        # " - " joins co-authors ("QUANG ĐẠI - THANH THỦY") or a name and its office ("Diệp - VP LĐLĐ").
        # An office's abbreviation after the name ("Chí Nghĩa - TTCNTT") is no co-author: it has no vowel; nor
        # is an outlet's code that is no Vietnamese syllable ("Minh Đức - TNO", "Hoàng Anh - VOV").
        # A writer's post after the name ("Phạm Văn Phải - Phó Hiệu trưởng") is no co-author either.
        pieces = [p for i, p in enumerate(NAME_JOIN.split(part)) if p and not _office(p)
                  and not _abbreviation(p) and not _outlet_code(p) and not (i and POST_WORDS.match(p))]
        if pieces:
            names.append(" - ".join(pieces))
    names = [n for n in names if is_person_name(n)] if len(names) > 1 else names
    if not names:
        return None
    text = ", ".join(names)
    outlet = _OUTLET_CODE.match(text)  # "Kỳ Quan LDO": the outlet's code after a name in mixed case
    if outlet and any(ch.islower() for ch in outlet.group(1)) and is_person_name(outlet.group(1)) and (
            vietnamese_score(text.rsplit(" ", 1)[1]) == 0):
        text = outlet.group(1)
    # Several names joined by commas are checked one by one (three co-authors are more words than one name).
    if not all(is_person_name(n) for n in names) or is_place(text) or _WEEKDAY_NAME.fullmatch(text) \
            or _DATE_LABEL.fullmatch(text):
        return None
    return name_case(text)


def is_login(text: str) -> bool:
    """True for a CMS account's login shown as the writer: one word whose syllables run together with a capital
    inside ("ThanhThu", "MeoChoco"). People write their names with a space between syllables; an initial's full
    stop ("M.Nhật") is no such capital."""
    return " " not in text and any(a.islower() and b.isupper() for a, b in itertools.pairwise(text))


#: The common Vietnamese family names (they open most full names; domain vocabulary): a line that is only
#: a name is read as a byline under the headline only when it starts with one.
SURNAMES = frozenset({"nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
                      "hồ", "ngô", "dương", "lý", "đào", "đoàn", "vương", "trịnh", "trương", "đinh", "lâm",
                      "phùng", "mai", "tô", "hà", "tạ", "lương", "lưu", "cao", "chu", "kiều", "quách", "thái",
                      "tăng", "từ", "triệu", "nông", "lò", "hứa", "châu", "tống", "khúc", "đồng", "giang",
                      "lại", "tôn", "mạc", "bạch", "doãn", "khổng", "lục", "nghiêm", "phí", "đàm", "lã", "diệp",
                      "khương", "thạch"})
#: A date's label printed on its own ("Ngày đăng", "Cập nhật"), its date in the next element; section labels.
_DATE_LABEL = re.compile(r"(?:ngày|giờ|thời gian|lần)?\s*(?:đăng|cập nhật|xuất bản|đăng tin|đăng bài|gửi|sửa)"
                         r"(?:\s+(?:lúc|ngày|lần cuối))?|ngày|thời gian|updated|published|posted|"
                         # and a page's section labels, printed where a byline could stand
                         r"danh mục|chuyên mục|trang chủ|liên hệ|tin tức|tin mới|tin tức sự kiện", re.I)
_WEEKDAY_NAME = re.compile(r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật)", re.I)


def is_place(text: str) -> bool:
    """True for a province or city name ("Hà Nội", "TP.HCM"): the dateline place of "Hà Nội - 30/11/2026",
    never an author."""
    key = re.sub(r"^(?:tp\.?\s*|thành phố\s+)", "", normalize_line(text).casefold())
    return normalize_province(key) is not None or normalize_province(text) is not None or key in {"hcm", "tp.hcm"}


def name_case(name: str) -> str:
    """Names set in capitals ("TRẦN TUẤN", a byline style) in the usual title case ("Trần Tuấn"); other
    names unchanged."""
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 2 or not all(ch.isupper() for ch in letters):
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[:1] + m.group(0)[1:].lower(), name)


_NAME_TOKEN = re.compile(r"^(?:[A-ZĐ]\.){0,3}[A-ZÀ-ỸĐ][^\W\d_]*\.?$|^(?:[A-ZĐ]\.)+$|^[A-ZĐ]\.[A-ZÀ-ỸĐ][^\W\d_]*$")


_INITIALS = re.compile(r"^(?:[A-ZĐ]\.)+[A-ZĐ]?$")  # "H.Y.T.", "H.M"
_VOWEL = re.compile(r"[aeiouy]", re.I)


def _has_vowel(token: str) -> bool:
    return _VOWEL.search(unicodedata.normalize("NFD", token)) is not None


def _office(piece: str) -> bool:
    """True for a byline's piece that names an office ("VP LĐLĐ tỉnh", "Ban Tuyên giáo", "Đoàn Thanh niên"); not
    for a full name whose family name or given name is also an office's word ("Đoàn Văn Hùng", "Lương Thanh
    Sở", "Nguyễn Văn Hội"): two to four capitalised words opening with a family name."""
    if not ORG_WORDS.search(piece):
        return False
    words = piece.split()
    return not (2 <= len(words) <= 4 and words[0].casefold() in SURNAMES and all(w[:1].isupper() for w in words)
                and not _YOUTH_UNION.match(fold(piece)))


#: "Đoàn Thanh niên", "Đoàn TNCS", "Đoàn viên", "Đoàn kiểm tra" set in capitals: the word "Đoàn" (a family name
#: too) opening a body or a team.
_YOUTH_UNION = re.compile(r"^đoàn (?:thanh niên|tncs|tn|viên|kiểm tra|công tác|giám sát|khảo sát|đại biểu)\b")


def _abbreviation(text: str) -> bool:
    """True for an upper-case abbreviation of two letters or more with no vowel ("TTCNTT", "ĐTT", "BBT"); not
    dotted initials ("H.M")."""
    letters = text.replace(" ", "")
    return len(letters) >= 2 and "." not in letters and letters.isupper() and not _has_vowel(letters)


def _outlet_code(text: str) -> bool:
    """True for one upper-case word of two to five letters that is no Vietnamese syllable: an outlet's or
    office's code after a byline's name ("TNO", "VOV", "PLO", "LĐO"), never a pen name ("AN", "THỦY")."""
    return 2 <= len(text) <= 5 and text.isalpha() and text.isupper() and vietnamese_score(text) == 0


def is_agency_code(text: str) -> bool:
    """An agency's, outlet's or office's code after a byline's name: an abbreviation with no vowel ("TTXVN") or
    an upper-case word that is no Vietnamese syllable ("VOV", "TNO")."""
    return _abbreviation(text) or _outlet_code(text)


def is_source_abbreviation(line: str) -> bool:
    """True for a closing credit that is an outlet's or office's abbreviation alone ("CTTĐT", "(TTXVN)",
    "Cổng TTĐT", "Nguồn: BBT"): a source, not a byline, and not the story's text."""
    text = re.sub(r"^nguồn\s*:\s*", "", normalize_line(line), flags=re.I).strip(" .()[]-–—")
    words = text.split()
    return 0 < len(words) <= 3 and _abbreviation(words[-1]) and all(w[:1].isupper() for w in words)


def is_person_name(text: str) -> bool:
    """True for names as bylines write them: capitalised words, initials ("L.Nguyên"), co-authors joined by
    "-", in any case; at most ~8 words and no digits."""
    text = normalize_line(text).strip(" .")
    if not text or len(text) > 70 or any(ch.isdigit() for ch in text):
        return False
    tokens = [t for t in re.split(r"\s+|\s*[-–—&]\s*|\s*,\s*", text) if t and t.lower() not in {"và", "and"}]
    if not 1 <= len(tokens) <= 8:
        return False
    if not all(_NAME_TOKEN.match(t) and t[0].isupper() for t in tokens):
        return False  # (the letter range of _NAME_TOKEN also holds lower-case letters with tone marks: "ảnh")
    if not all(len(t.rstrip(".")) <= 1 or _INITIALS.match(t) or _has_vowel(t) for t in tokens):
        return False  # every syllable of a name has a vowel: "CTTĐT", "TTXVN", "BBT" are abbreviations
    # A single word is a name only when it is a plausible given name or pen name, not a stray heading.
    return not (len(tokens) == 1 and len(tokens[0]) < 2)


_BREADCRUMB_CLASS = re.compile(r"breadcrumb|crumb|duongdan|duong-dan|navpath|nav-path|(?:^|\s)path(?:$|\s)", re.I)


def _breadcrumb_rank(element: lxml_html.HtmlElement) -> int | None:
    """0 for a block of two links or more named a breadcrumb (class, id, ``itemprop``, schema.org's
    BreadcrumbList), 1 for a short run of links from the home page joined by "»", "›", ">" or "/", None for any
    other block. (The cheap tests first: most blocks with links are neither, and their text is not read.)"""
    first = list(itertools.islice(element.iter("a"), 5))
    if len(first) < 2:
        return None
    if _BREADCRUMB_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}") \
            or element.get("itemprop") == "breadcrumb" or "BreadcrumbList" in (element.get("itemtype") or ""):
        return 0
    if len(first) <= 4 and _is_home(normalize_line(first[0].text_content())) and re.search(
            r"[»›>/]", "".join(a.tail or "" for a in first)):
        return 1
    return None


def holds_breadcrumb(element: lxml_html.HtmlElement) -> bool:
    """True when ``element`` is or holds a breadcrumb trail ("Trang chủ › Hoạt động › Hoạt động chuyên môn"):
    its text ends with the page's own name, but it names the page's place in the site, not a headline."""
    return any(_breadcrumb_rank(node) is not None
               for node in element.iter("div", "nav", "ol", "ul", "p", "span", "td"))


def breadcrumb_category(tree: lxml_html.HtmlElement, url: str | None = None, title: str | None = None,
                        site_names: Sequence[str] = (), ld: list[dict[str, Any]] | None = None) -> str | None:
    """The last breadcrumb entry that is a section: after the home page (its name, the site's name or a link to
    a site's root: what comes before it is above the site, as SharePoint's parent sites), not the page itself
    (its headline, cut short or whole, a link to its own address or to nowhere, JSON-LD's last entry without
    an address), not a CMS's system entry (SharePoint's "Pages" library). ``url``, ``title``, ``site_names``:
    the page's address, headline and the site's names; ``ld``: the page's :func:`json_ld` when the caller has
    it."""
    title_key = fold(title) if title else ""
    site_keys = {fold(name) for name in site_names if name}
    for obj in json_ld(tree) if ld is None else ld:
        if "BreadcrumbList" in ld_types(obj) and isinstance(obj.get("itemListElement"), list):
            entries = [item for item in obj["itemListElement"] if isinstance(item, dict)]
            names = []
            for position, item in enumerate(entries):
                inner = item.get("item")
                name = item.get("name") or (inner.get("name") if isinstance(inner, dict) else None)
                address = inner.get("@id") or inner.get("url") if isinstance(inner, dict) else inner
                if not isinstance(name, str) or not name.strip():
                    continue
                name = normalize_line(html.unescape(name))
                last = position == len(entries) - 1
                if last and not address:
                    continue  # Yoast and others: the page's own entry, with no address
                if not _is_home(name) and not _self_entry(name, address if isinstance(address, str) else None,
                                                          url, title_key):
                    names.append(name)
            if names:
                return names[-2] if len(names) > 1 and len(names[-1].split()) > 6 else names[-1]
    candidates = []
    for element in tree.iter("div", "nav", "ol", "ul", "p", "span", "td"):
        rank = _breadcrumb_rank(element)
        if rank is None or _longer_than(element.text_content(), 250):
            continue
        candidates.append((rank, [(normalize_line(a.text_content()), a.get("href")) for a in element.iter("a")]))
    for _, links in sorted(candidates, key=lambda c: c[0]):
        # (A link with no text is the home page's icon only at a site's root: a trailing one is a button.)
        links = [(name, href) for name, href in links if name or href is not None and _site_root(href, url)]
        # A link to nowhere ("#", "javascript:;") is the page's own entry when other entries have addresses;
        # when every entry has none (a copy saved with its links blanked), it says nothing.
        blank = all(_dead_address(href) for _, href in links)
        homes = [i for i, (name, href) in enumerate(links) if _is_home(name) or fold(name) in site_keys
                 or portal_name(name)
                 or href is not None and _site_root(href, url)]
        links = links[homes[-1] + 1:] if homes else links
        names = [name for name, href in links if name and not _self_entry(
            name, None if blank else href if href is not None else "", url, title_key)]
        if names:
            return names[-1]
    return None


def _site_root(address: str, url: str | None) -> bool:
    """A link to a site's home page, ``/`` or ``http://host/`` (not ``index.html``: a mirroring tool such as
    HTTrack writes that for every page it did not copy, sections included)."""
    if _dead_address(address):
        return False
    address = address.strip()
    split = urlsplit(urljoin(url, address) if url else address)
    return not split.query and split.path in {"", "/"}


#: Addresses of a CMS's system pages, which a breadcrumb may show between the home page and the story
#: (SharePoint's "Pages" library: ``/_layouts/listform.aspx?ListId=…``, ``/Pages/Forms/AllItems.aspx``).
_SYSTEM_ADDRESS = re.compile(r"/_layouts/|/forms/allitems\.aspx|listform\.aspx", re.I)


def _self_entry(name: str, address: str | None, url: str | None, title_key: str) -> bool:
    """A breadcrumb entry that is not a section: the page's own headline (whole, or cut short and ended with
    "…"), a link to nowhere (``#``, ``javascript:``) or to the page's own address, a CMS's system page.
    ``address`` None: the entry names no address (not known to be the page's)."""
    key = fold(name).rstrip(" .…")
    if title_key and key and (key == title_key or len(key.split()) >= 4 and title_key.startswith(key)):
        return True
    if address is None:
        return False
    address = address.strip()
    if _dead_address(address) or _SYSTEM_ADDRESS.search(address):
        return True
    return bool(url) and same_page(urljoin(url, address), url)


def _dead_address(address: str | None) -> bool:
    """A link to nowhere: none, empty, ``#`` or ``javascript:``."""
    address = (address or "").strip()
    return not address or address.startswith(("#", "javascript:"))


def same_page(one: str, other: str) -> bool:
    """The same address, whatever its scheme, ``www.``, trailing slash or fragment (a story read over http whose
    headline links its https address, or its address without the slash)."""
    def key(address: str) -> tuple[str, str, str]:
        split = urlsplit(address)
        return split.netloc.lower().removeprefix("www."), split.path.rstrip("/") or "/", split.query
    return key(one) == key(other)


def _longer_than(text: str, limit: int) -> bool:
    """``len(normalize_line(text)) > limit``, without normalising all of a large block's text: when its first
    8 * limit characters already make more (with a margin for a character composed across the cut), so does
    the whole."""
    if len(text) > 8 * limit and len(normalize_line(text[:8 * limit])) > limit + 2:
        return True
    return len(normalize_line(text)) > limit


#: A home page's link text, a breadcrumb trail's first entry.
HOME_NAMES = frozenset({"trang chủ", "trang chu", "trang nhất", "home"})
#: The same, or the home page's icon link (no text, an arrow).
_HOME_ENTRIES = HOME_NAMES | {"", "›", "»"}


def _is_home(text: str) -> bool:
    return text.casefold().strip(" »>/") in _HOME_ENTRIES


#: WordPress's classes for the menu items of the categories the shown post is filed under.
_POST_PARENT_CLASSES = frozenset({"current-post-parent", "current-post-ancestor"})


def menu_category(tree: lxml_html.HtmlElement) -> str | None:
    """The category WordPress's menu marks as the post's (``<li class="… current-post-parent">``): the
    innermost marked item (a sub-category under its marked parent), when it is one; a post filed under two
    sub-categories names none."""
    marked = [li for li in tree.iter("li") if _POST_PARENT_CLASSES & set((li.get("class") or "").split())]
    inner = set(marked) - {ancestor for li in marked for ancestor in li.iterancestors("li")}
    names = set()
    for li in inner:
        link = next(li.iter("a"), None)
        name = normalize_line(link.text_content()) if link is not None else ""
        if name:
            names.add(name)
    return names.pop() if len(names) == 1 else None


_CATEGORY_LABEL = re.compile(r"^\s*(?:chuyên mục|danh mục|thể loại|category|categories)\s*:?\s*$", re.I)


def labelled_category(tree: lxml_html.HtmlElement) -> str | None:
    """The category a "Chuyên mục: <a>Tin tức</a>" trailer names."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in {"a", "script", "style"}:
            continue
        label = element.text or ""
        link = next((c for c in element if c.tag == "a"), None)
        if link is None and element.getparent() is not None:
            # "<span>Chuyên mục:</span> <a>Tin tức</a>": the label and the link are siblings (the label's
            # text read only beside a link).
            link = element.getnext()
            label = element.text_content() if link is not None and link.tag == "a" else ""
        if link is None or link.tag != "a" or not _CATEGORY_LABEL.match(label or ""):
            continue
        name = normalize_line(link.text_content())
        if name and len(name) <= 60 and not _is_home(name):
            return name
    return None
