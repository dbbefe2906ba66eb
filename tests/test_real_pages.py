"""The hand-labelled real pages are consistent with the pages they label (the second labelling pass, made
mechanical): every gold paragraph, title, lead, author name and category occurs in the page, no forbidden string
is in the gold body, and the dev/test split is by site."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from lxml import html

from pipelines.evaluate import REAL_HALVES, REAL_ROOT, site_of

GOLD_FILES = sorted(p for half in REAL_HALVES for p in (REAL_ROOT / half).glob("*.json"))


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).replace("\xa0", " ")).strip()


def _page_text(path: Path) -> str:
    doc = html.fromstring(path.read_bytes().decode("utf-8", "replace"))
    for node in doc.xpath("//script|//style"):
        if node.getparent() is not None:
            node.drop_tree()
    # Block boundaries become spaces so that words of adjacent blocks do not run together.
    for node in doc.iter():
        if isinstance(node.tag, str) and node.tag.lower() in {"br", "p", "div", "td", "li", "h1", "h2", "h3"}:
            node.tail = " " + (node.tail or "")
    return _fold(doc.text_content())


def _half_of_site() -> dict[str, str]:
    """Each site's half, read from the gold files."""
    return {site_of(json.loads(p.read_text(encoding="utf-8"))["url"]): p.parent.name for p in GOLD_FILES}


def test_enough_pages_and_sites() -> None:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_FILES]
    assert len(golds) >= 232
    assert len({site_of(g["url"]) for g in golds}) >= 63
    assert {g["page_type"] for g in golds} >= {"article", "listing"}


def test_split_is_by_site() -> None:
    sites = {half: {site_of(json.loads(p.read_text(encoding="utf-8"))["url"])
                    for p in (REAL_ROOT / half).glob("*.json")} for half in REAL_HALVES}
    assert sites["dev"] and sites["test"]
    assert not sites["dev"] & sites["test"]


def test_second_batch_follows_the_written_split_rule() -> None:
    # The rule fixed in the README before scoring: the batch's new sites sorted by host alternate dev, test, ...
    batch = ["2banh.vn", "baotintuc.vn", "cafebiz.vn", "cauthu.com.vn", "danviet.vn", "giaoduc.net.vn",
             "kenh14.vn",
             "thethaovanhoa.vn", "traderviet.com"]
    half_of = _half_of_site()
    for i, site in enumerate(batch):
        if site in half_of:  # kenh14.vn was dropped before scoring (README)
            assert half_of[site] == ("dev" if i % 2 == 0 else "test"), site


def test_fourth_batch_follows_the_written_split_rule() -> None:
    batch = ["baochinhphu.vn", "baodautu.vn", "cafef.vn", "thesaigontimes.vn", "tuoitre.vn", "vietnamnet.vn"]
    half_of = _half_of_site()
    assert [half_of[site] for site in batch] == ["dev", "test"] * 3
    # Sites already in a half keep it.
    assert (half_of["dantri.com.vn"], half_of["nld.com.vn"], half_of["vnexpress.net"]) == ("dev", "test", "test")


def test_fifth_to_seventh_batches_follow_the_written_split_rule() -> None:
    half_of = _half_of_site()
    assert half_of["lequydoncamau.edu.vn"] == "dev"  # a batch of one starts with dev
    batch = sorted(f"{name}.daknong.gov.vn" for name in ("dakrlap", "krongno", "ldld", "stc", "stp", "thanhtra",
                                                          "truongchinhtri"))
    assert [half_of[site] for site in batch] == ["dev", "test"] * 3 + ["dev"]
    seventh = ["ptsaoviet.gialai.edu.vn", "thcsanthanhnam.pgdculaodung.edu.vn",
               "thcshoahongbach.pgddonghung.edu.vn", "thcsthanhminh.phutho.edu.vn", "thquangtrung.tpcamau.edu.vn",
               "thtanhong.bacninh.edu.vn"]
    assert [half_of[site] for site in seventh] == ["dev", "test"] * 3


def test_eighth_batch_follows_the_written_split_rule() -> None:
    half_of = _half_of_site()
    batch = ["hdnd.daknong.gov.vn", "sldtbxh.daknong.gov.vn", "thnguyentrai-tp.hagiang.edu.vn",
             "ubmttq.daknong.gov.vn"]
    assert batch == sorted(batch)
    assert [half_of[site] for site in batch] == ["dev", "test"] * 2


def test_ninth_batch_follows_the_written_split_rule() -> None:
    half_of = _half_of_site()
    batch = sorted(f"{name}.daknong.gov.vn" for name in ("dakglong", "snv", "stnmt", "svhttdl"))
    assert [half_of[site] for site in batch] == ["dev", "test"] * 2


def test_tenth_batch_follows_the_written_split_rule() -> None:
    half_of = _half_of_site()
    batch = ["c3nhanchinh.edu.vn", "sgtvt.daknong.gov.vn"]
    assert batch == sorted(batch)
    assert [half_of[site] for site in batch] == ["dev", "test"]


def test_eleventh_batch_follows_the_written_split_rule() -> None:
    half_of = _half_of_site()
    batch = ["theolympiaschools.edu.vn", "thpthongha.com", "viettelpost.com.vn"]
    assert batch == sorted(batch)
    assert [half_of[site] for site in batch] == ["dev", "test", "dev"]


def test_twelfth_batch_follows_the_written_split_rule() -> None:
    assert _half_of_site()["thcs-minhtan.edu.vn"] == "dev"  # a batch of one starts with dev


def test_thirteenth_batch_follows_the_written_split_rule() -> None:
    half_of = _half_of_site()
    batch = ["c2tanthanh.laivung.edu.vn", "c2tanthanh.vinhlong.edu.vn", "thcshoangluong.pgdhiephoa.edu.vn"]
    assert batch == sorted(batch)
    assert [half_of[site] for site in batch] == ["dev", "test", "dev"]


def test_fourteenth_batch_follows_the_written_split_rule() -> None:
    half_of = _half_of_site()
    assert half_of["bongdaplus.vn"] == "dev"  # a batch of one new site starts with dev
    # znews.vn is Zing News under its 2023 address: a site already in a half keeps it.
    assert half_of["znews.vn"] == half_of["news.zing.vn"] == "dev"
    assert half_of["baochinhphu.vn"] == "dev"


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_occurs_in_its_page(gold_file: Path) -> None:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    assert gold["source"]["repository"] and gold["source"]["licence"] and gold["url"].startswith("http")
    if gold["page_type"] != "article":
        return
    page = _page_text(gold_file.with_suffix(".html"))
    assert gold["paragraphs"], "an article needs its paragraphs"
    for text in [gold["title"], gold.get("lead"), *gold["paragraphs"]]:
        if text:
            assert _fold(text) in page, text
    for name in re.split(r",\s*", gold.get("author") or ""):
        if name:  # names set in capitals on the page are given in title case (the corpus convention)
            assert _fold(name).casefold() in page.casefold(), name
    assert "category" in gold, "every article labels its category (null when the page shows none)"
    if gold["category"]:  # the section name as the page writes it (its case may be set by CSS)
        assert _fold(gold["category"]).casefold() in page.casefold(), gold["category"]
    body = _fold(" ".join(gold["paragraphs"]))
    for chrome in gold.get("forbidden") or []:
        assert _fold(chrome) not in body, chrome


_TIME_SOURCES = ("dateline", "dateline+metadata", "metadata: ", "none")


def _meta_times(path: Path, name: str) -> list[datetime]:
    """The times the page's ``<meta>`` tags named ``name`` (property, itemprop or name) give."""
    doc = html.fromstring(path.read_bytes().decode("utf-8", "replace"))
    times = []
    for meta in doc.xpath("//meta[@content]"):
        if name in (meta.get("property"), meta.get("itemprop"), meta.get("name")):
            try:
                times.append(datetime.fromisoformat(meta.get("content").strip()))
            except ValueError:
                continue
    return times


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_time_names_its_source(gold_file: Path) -> None:
    # The gold procedure's time rule (README, 1 December 2026): a dateline the page shows first; else the
    # page's article metadata time unless it is evidently not the story's; else null, with why.
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    if gold["page_type"] != "article":
        return
    source = gold["time_source"]
    assert source.startswith(_TIME_SOURCES), source
    if source.startswith("none"):
        assert gold["published_at"] is None
        return
    assert gold["published_at"], source
    if source.startswith("metadata: "):
        expected = datetime.fromisoformat(gold["published_at"])
        assert expected in _meta_times(gold_file.with_suffix(".html"), source.removeprefix("metadata: "))
