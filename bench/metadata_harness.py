"""Unlabelled-page harness for publication time, author and title (issue 14): runs the extractor over the story
pages of whole-site mirrors of dev sites and of sites in neither half of the real pages, and counts metadata
failures that show without gold (a visible dateline missed, a date far from the headline's, an author that is a
publisher or a sentence, a signature missed, a title that is the site's name...).

Not run by tests. The mirrors are bare git snapshots (``fetch``) under ``/work/.mirror``; the test half's sites
are never listed here. Usage: ``python bench/metadata_harness.py [--samples N] [--kind KIND] [--json OUT]``.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from learn_real_profiles import git_dir, git_text, read_blobs  # bench/ is the script's folder
from lxml import html as lxml_html

from pipelines.extract.dates import find_dates, parse_iso
from pipelines.extract.lines import byline_and_date, is_date_line
from pipelines.extract.metadata import (
    ORG_WORDS,
    is_person_name,
    is_place,
    is_publisher,
    json_ld,
    meta_content,
    site_names,
)
from pipelines.extract.normalize import fold, normalize_line
from pipelines.extract.page import PUBLISHED_META, extract_page

MIRRORS = Path("/work/.mirror")
#: repo (owner+name) -> (host, path prefix inside the repo). Dev sites and sites in neither half only.
SOURCES: dict[str, tuple[str, str]] = {
    "ewh-support+ldld-1.daknong": ("ldld.daknong.gov.vn", ""),
    "ewh-support+stp.daknong": ("stp.daknong.gov.vn", ""),
    "ewh-support+hdnd.daknong": ("hdnd.daknong.gov.vn", ""),
    "ewh-support+stnmt.daknong": ("stnmt.daknong.gov.vn", ""),
    "ewh-support+truongchinhtridaknong.daknong": ("truongchinhtri.daknong.gov.vn", ""),
    "ewh-support+tuandaknong-dakrlap.daknong": ("dakrlap.daknong.gov.vn", ""),
    "ewh-support+dakglong_quy.daknong": ("dakglong.daknong.gov.vn", ""),
    "ewh-support+pbgdpl.vinaas": ("pbgdpl.vinaas.easywebhub.me", ""),
    "ewh-support+vnexpress-1.cqicomvn": ("vnexpress-1.cqicomvn.easywebhub.me", ""),
    "21ts444+ptsaoviet": ("ptsaoviet.gialai.edu.vn", ""),
    "21ts444+thcshoahongbach": ("thcshoahongbach.pgddonghung.edu.vn", ""),
    "21ts444+thcshoangluong": ("thcshoangluong.pgdhiephoa.edu.vn", ""),
    "21ts444+thnguyentrai-tp": ("thnguyentrai-tp.hagiang.edu.vn", ""),
    "21ts444+thquangtrung": ("thquangtrung.tpcamau.edu.vn", ""),
    "21ts444+lequydoncamau": ("lequydoncamau.edu.vn", ""),
    "21ts444+hanoipok": ("hanoipok.pcodejsgroup.com", ""),
    "HowRYouBoy+TanThanh2": ("c2tanthanh.laivung.edu.vn", ""),  # TanThanh1 is c2tanthanh.vinhlong.edu.vn, test
    "lezandat+THCS": ("thcs-minhtan.edu.vn", ""),
    "npt1225+viettel-post": ("viettelpost.com.vn", ""),
    "zakran3504vn+doan-thi-diem": ("theolympiaschools.edu.vn", ""),
    "fontaineha1281+capstone2": ("sotttt.hanoi.gov.vn", "web/source/"),
    "nguyennydfadfs+tranngbao24": ("tranngbao24.example.vn", ""),
    # A VNPT-portal school site in An Giang (2017-2024), neither half.
    "perrythedev+thpt-nguyenbinhkhiem-angiang.edu.vn": ("thpt-nguyenbinhkhiem.angiang.edu.vn", ""),
    # Staging copies of the platform's Đắk Nông sites (CNAME *.daknong.easywebhub.me, 2019), neither half. They
    # carry stories that test-half sites of the platform also published: ``pages`` leaves those out (HELD_OUT).
    "ewh-support+gianghia.daknong": ("gianghia.daknong.gov.vn", ""),
    "ewh-support+qbvr.daknong": ("qbvr.daknong.gov.vn", ""),
    "ewh-support+snnptnt.daknong": ("snnptnt.daknong.gov.vn", ""),
    "ewh-support+xskt.daknong": ("xskt.daknong.gov.vn", ""),
    # A second copy of the platform's Đắk Song pages (CNAME dakglong.daknong.gov.vn, 2019) and two demos of the
    # platform's news-site template (2017), neither half.
    "natuan62+dakglong123.huydaknong": ("dakglong123.huydaknong.easywebhub.me", ""),
    "ewh-support+baophuongdong.leanhdudu": ("demo.thoibaophuongdong.vn", ""),
    "ewh-support+trang-tin-tuc-v2.leanhdudu": ("trang-tin-tuc-v2.leanhdudu.easywebhub.me", ""),
    # A private university's admissions and news portal (WordPress with Elementor, HTTrack, February 2025),
    # neither half.
    "sonphan0910+thanhdo": ("tuyensinh.thanhdo.edu.vn", ""),
    # A lower-secondary school on Viettel's school portal (HTTrack, December 2024) and a district hospital's site
    # (its pages as the host serves them now, re-indented by a formatter), neither half.
    "Nhat0301+nguyenhue-clone": ("edu.viettel.vn/vtu-longdien-thcsnguyenhue", ""),
    "phamdocaohiep+bvlevanviet": ("web.benhvienlevanviet.vn", ""),
    # A lower-secondary school on VNPT's Liferay portal in Bến Tre (HTTrack, January 2022; reposted education news,
    # the federation's circulars as PDF notices), neither half. Its story pages are HTTrack's query copies at the
    # root ("chi-tiet-tin<hash>.html"); its English interface's copies and the portal's files are left out.
    "nhatminh2474+ABC": ("thcshoanglamtpo.bentre.edu.vn", ""),
    # An older copy of the same platform (another school in Bến Tre, HTTrack, October 2021), neither half: a box
    # introducing the school above every page, dates printed as Java's Date.toString().
    "21ts444+thcsanhoa": ("thcsanhoa.bentre.edu.vn", ""),
    # A 2019 copy of a dev site (viettelpost.com.vn on WordPress with the Avada theme, HTTrack, June 2019): its
    # title bar, relative dates and shareholder notices.
    "lychanhdarit+viettpost": ("viettelpost.com.vn", ""),
    # A health news site's own static export (WordPress, 2020-2021: reposted stories with closing signatures) and a
    # property agent's news site (WordPress with Enfold, HTTrack, March 2019), neither half.
    "doanha1982+yeusong_live": ("yeusong.com", ""),
    "QuyetNguyenDuc+vinhome": ("duanvincity.hanoi.vn", ""),
    # An art and design school's blog (WordPress with the Jupiter theme and Yoast, HTTrack, August 2021), neither
    # half: image-only posts, hidden schema.org blocks under the byline.
    "xreduvn+xreduvn.github.io": ("www.monsterlab.vn", ""),
    # Three company sites on WordPress (a property agent's blog, HTTrack, March 2025; a resort project's news with
    # the Avada theme, the site's own static export, 2025; a gas dealer's price notices with OceanWP, HTTrack,
    # November 2020) and a research institute's news (WordPress with WPML, HTTrack, 2016), neither half.
    "chauKiet71+vinhomeland": ("www.vinhomeland.com.vn", ""),
    "QuocWhite+HaiVanBay": ("vinhomehaivanbay.com", ""),
    "gasbinhminh+gasbinhminh.github.io": ("gasbinhminh.com.vn", ""),
    "duyetdev+jvn-static": ("jvn.edu.vn", ""),
}
#: A VNPT Liferay portal's paths that hold no page of its own: its English interface's copies, its files, its
#: portlets' and theme's assets, HTTrack's form targets.
_LIFERAY_SKIP = re.compile(r"^(?:en|vi|documents|content|_http_)/|(?:^|/)(?:style|_)/|-portlet/|-theme/|/-/|"
                           r"GET\.html$")
#: Paths of a source left out besides :data:`_SKIP`'s.
#: The Jupiter blog's posts are its root folders; its portfolio, course, testimonial and team pages, archives by
#: month and copies of other hosts' files are not stories.
_JUPITER_SKIP = re.compile(r"^(?:tag|testimonial|course-posts|portfolio-posts|team|albums|feed|wp-[a-z]+|\d{4})/|"
                           r"\.(?:com|net|org)/|^[^/]+\.html$")
#: A WordPress mirror's root folders that hold archives, shop pages, an English copy or the CMS's own files.
_WP_ROOT_SKIP = re.compile(r"^(?:page|author|tag|category|product|product-tag|shop|en|feed|wp-[a-z]+)/")
_SOURCE_SKIP: dict[str, re.Pattern[str]] = {"nhatminh2474+ABC": _LIFERAY_SKIP, "21ts444+thcsanhoa": _LIFERAY_SKIP,
                                            "xreduvn+xreduvn.github.io": _JUPITER_SKIP,
                                            "chauKiet71+vinhomeland": _WP_ROOT_SKIP,
                                            "QuocWhite+HaiVanBay": _WP_ROOT_SKIP,
                                            "gasbinhminh+gasbinhminh.github.io": _WP_ROOT_SKIP,
                                            "duyetdev+jvn-static": _WP_ROOT_SKIP}
#: Sources whose pages may repeat a test-half story: a page whose visible text holds a test page's title or one of
#: its paragraphs is left out (the comparison runs on keys; no test text is printed).
HELD_OUT = frozenset({"ewh-support+gianghia.daknong", "ewh-support+qbvr.daknong", "ewh-support+snnptnt.daknong",
                      "ewh-support+xskt.daknong", "natuan62+dakglong123.huydaknong",
                      "ewh-support+baophuongdong.leanhdudu", "ewh-support+trang-tin-tuc-v2.leanhdudu"})
_TEST_HALF = Path(__file__).resolve().parent.parent / "congdoan_data" / "real_pages" / "test"
_SKIP = re.compile(r"3rdparty|/feed/|/page/\d|^404|attachment|/author/|/tag/|/category/|index[0-9a-f]{4}\.html$|"
                   r"/App/|/api/|\.js\.html$|\.css\.html$|/css/|/amp/", re.I)
PER_SITE = 80


def pages(name: str, per_site: int = PER_SITE, skip: re.Pattern[str] = _SKIP) -> list[tuple[str, bytes]]:
    """(url, bytes) of up to ``per_site`` story-like pages of one mirror (paths ``skip`` does not match), spread
    evenly over its sorted paths (read in one ``git cat-file --batch``, as ``learn_real_profiles`` reads its
    mirrors)."""
    repo = git_dir(MIRRORS, name)
    host, prefix = SOURCES[name]
    paths = [p for p in git_text(repo, "ls-tree", "-r", "--name-only", "HEAD").splitlines()
             if p.startswith(prefix) and re.search(r"\.html?$", p) and not skip.search(p[len(prefix):])
             and not (name in _SOURCE_SKIP and _SOURCE_SKIP[name].search(p[len(prefix):]))]
    step = max(1, len(paths) // per_site)
    chosen = paths[::step][:per_site]
    bodies = read_blobs(repo, [f"HEAD:{path}" for path in chosen])
    out = []
    for path, body in zip(chosen, bodies, strict=True):
        rel = path[len(prefix):]
        rel = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        out.append((f"https://{host}/{rel}", body))
    if name in HELD_OUT:
        keys = held_out_keys()
        out = [(url, body) for url, body in out if not _repeats(body, keys)]
    return out


def _repeats(body: bytes, keys: tuple[str, ...]) -> bool:
    """True when the page's visible text holds one of ``keys`` (a test-half story repeated on another site)."""
    if not body.strip():
        return False
    text = _key(" ".join(visible_lines(body)))
    return any(key in text for key in keys)


def _key(text: str) -> str:
    return re.sub(r"\W+", "", normalize_line(text).casefold())


@functools.cache
def held_out_keys() -> tuple[str, ...]:
    """Keys (letters and digits, lower case) of the test half's titles and paragraphs of 40 characters or more."""
    keys = []
    for gold in sorted(_TEST_HALF.glob("*.json")):
        record = json.loads(gold.read_text(encoding="utf-8"))
        for text in [record.get("title") or "", *(record.get("paragraphs") or [])]:
            if len(key := _key(text)) >= 40:
                keys.append(key[:120])
    return tuple(keys)


def visible_lines(body: bytes) -> list[str]:
    tree = lxml_html.fromstring(body.decode("utf-8", "replace"))
    tree = tree.find("body") if tree.find("body") is not None else tree
    for bad in tree.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    lines = []
    for chunk in tree.itertext():
        line = normalize_line(chunk)
        if line:
            lines.append(line)
    return lines


def meta_published(body: bytes):
    tree = lxml_html.fromstring(body.decode("utf-8", "replace"))
    value = meta_content(tree, *PUBLISHED_META)
    if not value:
        for obj in json_ld(tree):
            if isinstance(obj.get("datePublished"), str):
                value = obj["datePublished"]
                break
    return parse_iso(value) if value else None


def check(url: str, body: bytes, rec: dict | None = None) -> tuple[dict, list[tuple[str, str]]] | None:
    """The record (``rec``, else extracted now) and the metadata failures it shows; None for a non-article."""
    rec = rec or extract_page(body, url)
    if rec["page_type"] != "article":
        return None
    issues: list[tuple[str, str]] = []
    lines = visible_lines(body)
    title = rec["title"] or ""
    tkey = fold(title)
    index = next((i for i, line in enumerate(lines) if tkey and fold(line) == tkey), None)
    # Datelines: short lines with a date (and time) among the 3 lines above and the 8 below the headline.
    # (Above the headline only with a time of day: a header's "Thứ Tư, 20/10/2021" is the day of the copy.)
    above = [line for line in lines[max(0, index - 3):index] if any(d.has_time for d in find_dates(line))] \
        if index is not None else []
    below = lines[index + 1:index + 9] if index is not None else []
    datelines = [line for line in above + below if is_date_line(line) or byline_and_date(line)[1]
                 or len(line) <= 60 and any(d.has_time for d in find_dates(line))]
    near_dates = [d for line in datelines for d in find_dates(line)]
    near = " | ".join(datelines)
    pub = rec["published_at"]
    if pub is None and near_dates:
        issues.append(("date_missed", near[:160]))
    elif pub is not None and near_dates and all(abs(d.value - pub) >= timedelta(days=1) for d in near_dates):
        issues.append(("date_not_the_headlines", f"{pub:%Y-%m-%d %H:%M} vs {near[:140]}"))
    elif pub is not None and any(d.has_time for d in near_dates) and not any(
            d.has_time and abs(d.value - pub) < timedelta(minutes=1) for d in near_dates):
        issues.append(("time_not_the_headlines", f"{pub:%Y-%m-%d %H:%M} vs {near[:140]}"))
    meta = meta_published(body)
    if meta and pub and abs(meta.value - pub) >= timedelta(days=1):
        issues.append(("date_vs_meta", f"{pub:%Y-%m-%d %H:%M} vs meta {meta.value:%Y-%m-%d %H:%M}"))
    author = rec["author"]
    if author:
        words = author.split()
        tree = lxml_html.fromstring(body.decode("utf-8", "replace"))
        if ORG_WORDS.search(author) or len(words) > 6 or not is_person_name(author) or is_place(author) \
                or is_publisher(author, site_names(tree, url)):
            issues.append(("author_suspect", author))
    else:
        text_lines = [line for line in rec["text"].split("\n") if line.strip()]
        for line in text_lines[-2:]:
            bare = re.sub(r"\s*[(\[].*$", "", line).strip(" .-–")
            head = re.split(r"\s*[,/]\s*|\s+[-–]\s+", bare)[0]
            signature = (len(head.split()) >= 2 and is_person_name(head) and not is_place(head)
                         or re.match(r"^theo\s+[-–:]?\s*[A-ZĐÀ-Ỹ]", line) is not None)
            if 3 <= len(line) <= 70 and signature and not re.search(r"[:;!?]", line):
                issues.append(("author_missed?", line))
                break
    if not title or len(title.split()) <= 2:
        issues.append(("title_short", title))
    elif title.endswith(("...", "…")):
        issues.append(("title_cut", title))
    if index is None and title:
        issues.append(("title_not_on_page", title))
    return rec, issues


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=3)
    parser.add_argument("--kind", default=None)
    parser.add_argument("--json", default=None)
    parser.add_argument("--dump", default=None, help="write the extracted records here (JSON lines)")
    parser.add_argument("--records", default=None, help="judge these records (--dump of another checkout)")
    args = parser.parse_args()
    given: dict[str, dict] = {}
    if args.records:
        for line in Path(args.records).read_text().splitlines():
            record = json.loads(line)
            given[record["url_in"]] = record
    dump = open(args.dump, "w") if args.dump else None  # noqa: SIM115
    counts: Counter[str] = Counter()
    articles = 0
    total = 0
    samples: dict[str, list[str]] = {}
    rows = []
    for name in SOURCES:
        if not (MIRRORS / name / "repo").exists():
            print(f"missing {name}", file=sys.stderr)
            continue
        site_articles = 0
        for url, body in pages(name):
            total += 1
            if dump:
                record = extract_page(body, url)
                dump.write(json.dumps({"url_in": url, **{k: record[k] for k in (
                    "title", "author", "text", "page_type")}, "published_at": str(record["published_at"])},
                    ensure_ascii=False) + "\n")
                continue
            rec = given.get(url)
            if rec is not None and rec["published_at"] != "None":
                rec = {**rec, "published_at": datetime.fromisoformat(rec["published_at"])}
            elif rec is not None:
                rec = {**rec, "published_at": None}
            result = check(url, body, rec)
            if result is None:
                continue
            rec, issues = result
            articles += 1
            site_articles += 1
            rows.append({"url": url, "title": rec["title"], "author": rec["author"],
                         "published_at": str(rec["published_at"]), "issues": issues})
            for kind, detail in issues:
                counts[kind] += 1
                samples.setdefault(kind, []).append(f"{url}\n      {detail}")
        print(f"{name}: {site_articles} articles", file=sys.stderr)
    print(f"pages {total}, articles {articles}")
    for kind, n in sorted(counts.items()):
        print(f"{kind:<26} {n}")
    for kind, lines in sorted(samples.items()):
        if args.kind and kind != args.kind:
            continue
        print(f"\n== {kind}")
        for line in lines[: args.samples]:
            print("  " + line)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
