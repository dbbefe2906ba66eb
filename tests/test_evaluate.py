"""The extraction CI gate: our extractor against the floors pinned in tests/eval_floors.json, on the sample
sites' gold set (variant "a", held-out variant "b", all) and on the Zyte article-extraction benchmark."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pipelines.evaluate import body_scores, check_floors, evaluate_aeb, evaluate_extraction, load_floors, tokens

FLOORS = load_floors(Path(__file__).parent / "eval_floors.json")


def test_bag_of_words_scores() -> None:
    assert tokens("Công Đoàn, công đoàn!") == {"công": 2, "đoàn": 2}
    assert body_scores("a b c d", "a b c d") == (1.0, 1.0, 1.0)
    precision, recall, f1 = body_scores("a b x y", "a b c d")
    assert (precision, recall, f1) == (0.5, 0.5, 0.5)
    assert body_scores("", "a b") == (0.0, 0.0, 0.0)
    # NFC and case are folded: decomposed "Đoàn" is the same word.
    assert body_scores("\u0110oa\u0300n", "đoàn")[2] == 1.0


def test_check_floors_reports_each_miss() -> None:
    good = {"articles": 10, "body_f1": 0.99, "leaked_chrome": 0, "title_right": 10, "time_right": 9,
            "date_right": 10, "author_right": 8, "non_articles_stored": 0, "articles_missed": 0, "not_nfc": 0}
    bad = dict(good, body_f1=0.9, leaked_chrome=2, time_right=7)
    floors = {"sample_sites": {"b": FLOORS["sample_sites"]["b"]}, "aeb": {"f1_minus_trafilatura_min": 0.0}}
    scores = {"sample_sites": {"ours": {"b": good}},
              "aeb": {"ours": {"body_f1": 0.96}, "trafilatura": {"body_f1": 0.95}}}
    assert check_floors(scores, floors) == []
    scores["sample_sites"]["ours"]["b"] = bad
    scores["aeb"]["ours"]["body_f1"] = 0.94
    failures = check_floors(scores, floors)
    assert len(failures) == 4
    assert any("body_f1" in f for f in failures) and any(f.startswith("AEB") for f in failures)
    dedupe = {"dedupe": {"precision_min": 0.99, "recall_min": 0.95}}
    assert check_floors({"dedupe": {"precision": 1.0, "recall": 0.96}}, dedupe) == []
    assert check_floors({"dedupe": {"precision": 0.98, "recall": 0.96}}, dedupe) == \
        ["dedupe: precision = 0.9800, floor >= 0.99"]


@pytest.fixture(scope="module")
def sample_scores() -> tuple[dict, str]:
    out = io.StringIO()
    return evaluate_extraction(out=out), out.getvalue()


def test_sample_sites_meet_the_floors(sample_scores: tuple[dict, str]) -> None:
    scores, report = sample_scores
    floors = {"sample_sites": FLOORS["sample_sites"]}
    assert check_floors(scores, floors) == [], report


def test_gold_set_is_the_size_the_issue_asks_for(sample_scores: tuple[dict, str]) -> None:
    scores, report = sample_scores
    ours = scores["sample_sites"]["ours"]
    assert ours["all"]["articles"] >= 40 and ours["all"]["non_articles"] >= 7
    assert set(ours) == {"a", "b", "all"}
    assert "plain b" in report and "body F1 (macro)" in report


def test_our_extractor_beats_plain_trafilatura_on_union_pages(sample_scores: tuple[dict, str]) -> None:
    scores, _ = sample_scores
    ours, plain = scores["sample_sites"]["ours"]["b"], scores["sample_sites"]["trafilatura"]["b"]
    assert ours["body_f1"] > plain["body_f1"] and ours["leaked_chrome"] < plain["leaked_chrome"]
    assert ours["time_right"] > plain["time_right"] and ours["non_articles_stored"] < plain["non_articles_stored"]


def test_aeb_no_worse_than_plain_trafilatura() -> None:
    scores = {"aeb": evaluate_aeb()}
    assert scores["aeb"]["ours"]["pages"] == 181
    assert check_floors(scores, {"aeb": FLOORS["aeb"]}) == [], json.dumps(scores["aeb"])


@pytest.fixture(scope="module")
def real_scores() -> tuple[dict, str]:
    out = io.StringIO()
    return evaluate_extraction(real=True, out=out), out.getvalue()


def test_real_pages_meet_the_floors(real_scores: tuple[dict, str]) -> None:
    scores, report = real_scores
    assert set(scores["real_pages"]["ours"]) == {"dev", "test", "all"}
    assert check_floors(scores, {"real_pages": FLOORS["real_pages"],
                                 "real_pages_crawl": FLOORS["real_pages_crawl"]}) == [], report
    # both halves are printed, ours beside plain trafilatura, and with the crawl-scale profiles
    assert "ours dev" in report and "plain test" in report and "+crawl test" in report
    assert "crawl-scale profiles: dev " in report
    # with the pages kept flagged and the articles lost, per half
    ours = scores["real_pages"]["ours"]
    assert (f"pages kept with page_type_uncertain: dev {ours['dev']['page_type_uncertain']} "
            f"({ours['dev']['articles_uncertain']} articles, ") in report
    assert (f"articles lost to page typing: dev {ours['dev']['articles_missed']} of {ours['dev']['articles']}, "
            f"test {ours['test']['articles_missed']} of {ours['test']['articles']}") in report


def test_the_dev_half_alone_is_read_without_the_test_half() -> None:
    from pipelines.evaluate import load_real_pages

    pages = load_real_pages(halves=("dev",))
    assert pages and {page.variant for page in pages} == {"dev"}
    assert len(load_real_pages()) > len(pages)


def test_a_listing_kept_flagged_is_stored_and_counted_as_uncertain() -> None:
    from pipelines.evaluate import GoldPage, Prediction, Tally, score_page

    page = GoldPage(site="s", path="p", url="http://s/p", body=b"", content_type=None,
                    gold={"page_type": "listing"})
    tally = Tally()
    score_page(tally, page, Prediction(text="x", page_type="article", uncertain=True), "p")
    score_page(tally, page, Prediction(text="x", page_type="article"), "q")
    summary = tally.summary()
    assert summary["non_articles_stored"] == 2 and summary["non_articles_uncertain"] == 1
    assert summary["page_type_uncertain"] == 1 and summary["articles_uncertain"] == 0


def test_lost_article_scores_zero() -> None:
    from pipelines.evaluate import GoldPage, Prediction, Tally, score_page

    page = GoldPage(site="s", path="p", url="http://s/p", body=b"", content_type=None,
                    gold={"page_type": "article", "paragraphs": ["một hai ba"], "title": "t"})
    tally = Tally()
    score_page(tally, page, Prediction(text="một hai ba", title="t", page_type="listing"), "p")
    assert tally.f1 == [0.0] and tally.articles_missed == ["p"]


def test_date_errors_are_told_apart() -> None:
    from datetime import datetime

    from pipelines.evaluate import VN_TZ, GoldPage, Prediction, Tally, score_page

    def page(published: str | None) -> GoldPage:
        return GoldPage(site="s", path="p", url="http://s/p", body=b"", content_type=None,
                        gold={"page_type": "article", "paragraphs": ["x"], "title": "t",
                              "published_at": published})

    day = datetime(2024, 3, 5, 9, 30, tzinfo=VN_TZ)
    tally = Tally()
    score_page(tally, page("2024-03-05T09:30:00+07:00"), Prediction(text="x", page_type="article"), "missed")
    score_page(tally, page(None), Prediction(text="x", page_type="article", published_at=day, has_time=True),
               "spurious")
    score_page(tally, page("2024-03-06T09:30:00+07:00"),
               Prediction(text="x", page_type="article", published_at=day, has_time=True), "other day")
    score_page(tally, page("2024-03-05T09:30:00+07:00"),
               Prediction(text="x", page_type="article", published_at=day, has_time=True), "right")
    summary = tally.summary()
    assert summary["date_right"] == 1 and summary["time_right"] == 1
    assert tally.date_missed == ["missed"] and tally.date_spurious == ["spurious"]
    assert tally.date_wrong == ["missed", "spurious", "other day"]


def test_author_errors_are_told_apart() -> None:
    from pipelines.evaluate import GoldPage, Prediction, Tally, score_page

    def page(author: str | None) -> GoldPage:
        return GoldPage(site="s", path="p", url="http://s/p", body=b"", content_type=None,
                        gold={"page_type": "article", "paragraphs": ["x"], "title": "t", "author": author})

    tally = Tally()
    score_page(tally, page("Lan Anh"), Prediction(text="x", page_type="article"), "missed")
    score_page(tally, page(None), Prediction(text="x", page_type="article", author="Lan Anh"), "spurious")
    score_page(tally, page("Lan Anh"), Prediction(text="x", page_type="article", author="Minh Hà"), "other")
    score_page(tally, page("Lan Anh"), Prediction(text="x", page_type="article", author="Lan Anh"), "right")
    assert tally.summary()["author_right"] == 1
    assert tally.author_missed == ["missed"] and tally.author_spurious == ["spurious"]
    assert tally.author_wrong == ["missed", "spurious", "other"]


def test_category_is_scored_only_where_the_gold_labels_it() -> None:
    from pipelines.evaluate import GoldPage, Prediction, Tally, format_table, score_page

    def page(**label: str | None) -> GoldPage:
        return GoldPage(site="s", path="p", url="http://s/p", body=b"", content_type=None,
                        gold={"page_type": "article", "paragraphs": ["x"], "title": "t", **label})

    tally = Tally()
    score_page(tally, page(), Prediction(text="x", page_type="article"), "unlabelled")
    score_page(tally, page(category=None), Prediction(text="x", page_type="article", category="Tin tức"),
               "spurious")
    score_page(tally, page(category="Tin  tức"), Prediction(text="x", page_type="article", category="TIN TỨC"),
               "right")
    score_page(tally, page(category=None), Prediction(text="x", page_type="article"), "none")
    summary = tally.summary()
    assert (summary["category_scored"], summary["category_right"]) == (3, 2)
    assert tally.category_wrong == ["spurious"]
    table = format_table({"ours": {"all": summary}})
    assert "2/3" in next(line for line in table.splitlines() if line.startswith("category right"))


def test_crawl_column_uses_the_stored_profile_and_falls_back(tmp_path) -> None:
    from pipelines.evaluate import GoldPage, evaluate_pages, load_crawl_profiles
    from pipelines.profile import SiteProfile, page_keys

    notice = "Lịch tiếp công dân của Thường trực vào sáng thứ Năm hằng tuần tại trụ sở cơ quan."
    paragraphs = [f"Công đoàn cơ sở tổ chức hội nghị người lao động năm {n}, bàn nhiệm vụ năm tới."
                  for n in range(5)]
    story = "".join(f"<p>{line}</p>" for line in paragraphs)
    body = (f"<html><body><div class='main'><h1>Hội nghị người lao động năm nay</h1>{story}"
            f"<div class='ban-tin'>{notice}</div></div></body></html>").encode()
    pages = [GoldPage(site=site, path="p", url=f"http://{site}/tin/1.html", body=body, content_type=None,
                      gold={"page_type": "article", "variant": "dev", "title": "Hội nghị người lao động năm nay",
                            "paragraphs": paragraphs, "must_not_contain": [notice]})
             for site in ("a.example", "b.example")]
    keys = page_keys(f"<html><body><div class='ban-tin'>{notice}</div></body></html>".encode()) or {}
    learnt = SiteProfile("a.example", 50, dict.fromkeys(keys, "notice"))
    (tmp_path / "a.example.json").write_text(learnt.to_json(), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    crawl = load_crawl_profiles(tmp_path)
    assert set(crawl) == {"a.example"}
    scores = evaluate_pages(pages[:1], profiles={}, crawl_profiles=crawl)
    assert scores["ours"]["all"]["leaked_chrome"] == 1 and scores["ours+crawl"]["all"]["leaked_chrome"] == 0
    # a site without a stored profile is given its in-set one
    scores = evaluate_pages(pages[1:], profiles={"b.example": SiteProfile("b.example", 3, dict(learnt.chrome))},
                            crawl_profiles=crawl)
    assert scores["ours+crawl"]["all"]["leaked_chrome"] == 0
    floors = {"real_pages_crawl": {"all": {"leaked_chrome_max": 0, "body_f1_min": 1.01}}}
    assert check_floors({"real_pages": scores}, floors) == [
        f"real pages +crawl all: body_f1 = {scores['ours+crawl']['all']['body_f1']}, floor >= 1.01"]


def test_a_run_of_one_half_is_held_to_that_half_s_floors_only() -> None:
    from pipelines.evaluate import check_floors, floors_of_half

    def metrics(f1: float) -> dict:
        counts = dict.fromkeys(("leaked_chrome", "non_articles_stored", "articles_missed", "not_nfc"), 0)
        right = dict.fromkeys(("title_right", "time_right", "date_right", "author_right"), 3)
        return {"dev": {"body_f1": f1, "articles": 3, **counts, **right}}

    floor = {"body_f1_min": 0.9}
    floors = {"real_pages": {"dev": floor, "test": floor}, "real_pages_crawl": {"dev": floor, "test": floor},
              "aeb": {"f1_minus_trafilatura_min": 0.0}}
    scores = {"real_pages": {"ours": metrics(0.95), "ours+crawl": metrics(0.95)}}
    assert check_floors(scores, floors) == ["real pages: no pages in group 'test'",
                                            "real pages +crawl: no pages in group 'test'"]
    kept = floors_of_half(floors, "dev")
    assert check_floors(scores, kept) == []
    assert kept["aeb"] == floors["aeb"] and set(floors["real_pages_crawl"]) == {"dev", "test"}  # input untouched
    scores["real_pages"]["ours+crawl"] = metrics(0.5)
    assert check_floors(scores, kept) == ["real pages +crawl dev: body_f1 = 0.5, floor >= 0.9"]
