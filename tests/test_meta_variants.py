"""Gates of the author, title and page-type harnesses (``tests/meta_variants.py``) on perturbed dev articles.

Each gate runs a subset (one dev article a site, a capped number of sites) and pins ceilings at the figures
measured at the end of the round that built the harness (README, "Authors, titles and page types on perturbed
dev pages"), so that a regression fails. Only dev pages are read.
"""

from __future__ import annotations

import pytest

from tests import meta_variants as harness
from tests import test_metadata_variants as mv

CASES = 10

#: Ceilings on the subset (see the README's tables for the full run): the figures at the end of the round.
#: Authors missing: an <em>/<strong> or "Bài và ảnh" byline under the headline of ione.vnexpress.net, whose
#: headline is not found once rewritten, and a <b> signature in a <div> on dakrlap.daknong.gov.vn (6, the
#: round's figure). The fourteenth batch's dev story of bongdaplus.vn then entered the subset (one article a
#: site in file order), in ione.vnexpress.net's place: its last gold paragraph is the caption of the embedded
#: video box that ends the story, so the twelve "last line" variants put the signature inside that box, where
#: it is not read (12 missing; with dakrlap's 1, 13). Measured when the page was added, no rule changed.
AUTHOR_WRONG_MAX = 0
AUTHOR_MISSING_MAX = 13
#: Titles: a <title> naming only the site over a headline in an unclassed, untagged element
#: (dakrlap.daknong.gov.vn): the site's name is all the page gives. Was 22 before the site-banner, sapo-heading
#: and title-box rules (README, "Titles with nothing to match").
TITLE_WRONG_MAX = 1
TITLE_EMPTY_MAX = 2
#: The one variant whose headline may come back in the wrong letter case: an upper-case headline with no
#: <title> and no og:title, where nothing on the page gives its case (the rule's known cost: it is right but
#: for its case on every case whose headline is found). No other variant may lose the case.
TITLE_CASE_VARIANTS = {"upper-case headline, no <title>"}
#: Articles lost: the video rewrites of stnmt.daknong.gov.vn's story, which prints no date and whose headline (a
#: bold span in an unclassed <div>) is found only over prose: a cut sentence and two subheadings say nothing of a
#: story (was 15 before the "headline over its own prose" evidence and the rules of the gates round; README, "Page
#: typing that loses nothing"; 4 before the photo rewrites were kept by their caption sentences at a story's
#: address, 3 December 2026).
ARTICLES_LOST_MAX = 2
#: Listings stored: the eleventh batch's dev press-card listing (olympia-cat-bao-chi-noi-ve-chung-toi) is stored
#: as it is and in both listing rewrites; main pins it as stored in tests/test_pagetype_variants.py, with why.
LISTINGS_STORED_MAX = 3


@pytest.fixture(scope="module")
def author_outcomes() -> list[harness.AuthorOutcome]:
    return harness.run_authors(mv.load_cases(1, CASES))


def test_no_publisher_site_or_account_is_ever_the_author(author_outcomes: list[harness.AuthorOutcome]) -> None:
    assert len(author_outcomes) >= CASES * 40
    publishers = [(o.variant, o.case, o.got) for o in author_outcomes if o.verdict == "publisher"]
    assert publishers == []


def test_bylines_in_every_form_and_place_are_read(author_outcomes: list[harness.AuthorOutcome]) -> None:
    figures = harness.author_figures(author_outcomes)
    failures = [(o.variant, o.case, o.got) for o in author_outcomes if o.verdict in {"wrong", "missing"}]
    assert figures["wrong"] <= AUTHOR_WRONG_MAX, failures
    assert figures["missing"] <= AUTHOR_MISSING_MAX, failures


def test_titles_survive_site_suffixes_missing_h1_and_repeats() -> None:
    outcomes = harness.run_titles(harness.title_cases(1, CASES))
    assert len(outcomes) >= CASES * 20
    figures = harness.title_figures(outcomes)
    failures = [(o.variant, o.case, o.got) for o in outcomes if o.verdict != "right"]
    assert figures["empty"] <= TITLE_EMPTY_MAX, failures
    assert figures["wrong"] <= TITLE_WRONG_MAX, failures
    cased = [(o.variant, o.case, o.got) for o in outcomes if o.verdict == "case"]
    assert {variant for variant, _, _ in cased} <= TITLE_CASE_VARIANTS, cased
    assert figures["case"] <= CASES, cased


def test_no_article_is_lost_and_no_listing_stored_on_rewritten_pages() -> None:
    outcomes = harness.run_page_types(harness.page_type_cases(1, CASES))
    figures = harness.type_figures(outcomes)
    assert figures["article"]["variants"] >= CASES * len(harness.ARTICLE_FORMS)
    lost = [(o.variant, o.case) for o in outcomes if o.verdict == "lost"]
    stored = [(o.variant, o.case) for o in outcomes if o.verdict == "stored"]
    assert len(lost) <= ARTICLES_LOST_MAX, lost
    assert len(stored) <= LISTINGS_STORED_MAX, stored
