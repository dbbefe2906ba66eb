"""Gate on the vocabulary-blind probe (``bench/blind_probe.py``, issue 14): the dev pages with every class and id
made an opaque token must keep the page-type figures reached without the names (what an unseen template costs).

Only the dev half is read, as the probe does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from blind_probe import PAGE_PROBES, PROBES, probe, probe_pages  # noqa: E402

from pipelines.evaluate import load_real_pages  # noqa: E402

#: The ``classes`` probe's page-type figures reached (issue 14, type14x): listings and other pages stored as
#: articles 6 -> 2 (the one stored on the unchanged pages too, and a forum thread whose posts only their ids
#: marked), pages flagged page_type_uncertain 13 -> 2 (eight were the Đắk Nông static pages whose headline only
#: the names gave, until the headline was read from its shape), no article lost.
CLASSES_NON_ARTICLES_STORED = 2
CLASSES_UNCERTAIN = 2
#: Headlines and publication times without the names (coordinator): 83 -> 91 of 91 and 83 -> 90 (the one
#: missed on the unchanged pages too); body F1 0.978 -> 0.992 with every rule of the round.
CLASSES_TITLES = 91
CLASSES_TIMES = 90
CLASSES_BODY_F1 = 0.99


@pytest.fixture(scope="module")
def classes_probe() -> dict:
    pages = load_real_pages(halves=("dev",))
    assert len(pages) >= 100
    return probe(pages, PROBES["classes"])


def test_opaque_names_lose_no_article(classes_probe: dict) -> None:
    assert classes_probe["articles_missed"] == 0, classes_probe["pages"]


def test_opaque_names_store_no_more_listings_than_reached(classes_probe: dict) -> None:
    stored = classes_probe["non_articles_stored"]
    assert stored <= CLASSES_NON_ARTICLES_STORED, classes_probe["pages"]["non_articles_stored"]
    uncertain = classes_probe["page_type_uncertain"]
    assert uncertain <= CLASSES_UNCERTAIN, classes_probe["pages"]["page_type_uncertain"]


def test_opaque_names_keep_headlines_times_and_body(classes_probe: dict) -> None:
    assert classes_probe["title_right"] >= CLASSES_TITLES, classes_probe["pages"]["title_wrong"]
    assert classes_probe["time_right"] >= CLASSES_TIMES, classes_probe["pages"]["time_wrong"]
    assert classes_probe["body_f1"] >= CLASSES_BODY_F1


def test_the_probe_makes_every_name_opaque() -> None:
    # The rewrite keeps recurrence (the same name, the same token) and leaves no name a rule could read.
    body = b'<html><body><div class="menu top" id="nav"><p class="menu">x</p></div><nav>y</nav></body></html>'
    rewritten = PROBES["both"](body).decode()
    assert "menu" not in rewritten and "nav" not in rewritten
    div_class = rewritten.split('class="', 1)[1].split('"', 1)[0].split()
    p_class = rewritten.split('class="', 2)[2].split('"', 1)[0]
    assert div_class[0] == p_class and div_class[0] != div_class[1]


#: The dateline and headline probes' figures reached (issue 14, this round): a dateline moved under the story
#: (``below``: times 64 -> 71 of 91, days none given 13 -> 5) and a headline broken by a ``<br>``
#: (``headline-br``: times 77 -> 90, titles 30 -> 89).
BELOW_TIMES = 71
BELOW_DAYS_MISSED = 5  # with the one the unchanged pages miss too
HEADLINE_BR_TIMES = 90
HEADLINE_BR_TITLES = 89


@pytest.mark.parametrize(("name", "floors"), [
    ("below", {"time_right": BELOW_TIMES}),
    ("headline-br", {"time_right": HEADLINE_BR_TIMES, "title_right": HEADLINE_BR_TITLES}),
])
def test_datelines_and_headlines_printed_elsewhere_keep_their_figures(name: str, floors: dict) -> None:
    pages = load_real_pages(halves=("dev",))
    result = probe_pages(pages, PAGE_PROBES[name])
    for row, floor in floors.items():
        assert result[row] >= floor, (row, result["pages"])
    if name == "below":
        assert result["date_missed"] <= BELOW_DAYS_MISSED, result["pages"]["date_missed"]
    assert result["articles_missed"] == 0
