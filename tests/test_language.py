"""Language decisions: Vietnamese by its letters without langdetect, everything else by seeded langdetect."""

from __future__ import annotations

import pytest

from pipelines import language
from pipelines.language import detect_language, vietnamese_by_letters
from tests.helpers import story

ENGLISH = ("The Vietnam General Confederation of Labour (Tổng Liên đoàn Lao động Việt Nam) met on Monday in "
           "Hà Nội to discuss the minimum wage, social insurance and housing for workers in industrial parks. "
           "Delegates from Đà Nẵng and Hồ Chí Minh City asked for more support for union members. ") * 3
FRENCH = ("Le syndicat a organisé une réunion à Hà Nội pour les travailleurs des zones industrielles; les "
          "délégués ont demandé une hausse du salaire minimum et des logements sociaux. ") * 3


@pytest.fixture
def langdetect_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every call to langdetect."""
    calls: list[str] = []
    real = language.detect_langs

    def counting(text: str):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(language, "detect_langs", counting)
    return calls


def test_vietnamese_prose_is_decided_by_its_letters(langdetect_calls: list[str]) -> None:
    for n in range(5):
        assert vietnamese_by_letters(story(n))
        assert detect_language(story(n)) == ("vi", 1.0)
    assert langdetect_calls == []


def test_vietnamese_in_decomposed_form_is_recognised_too(langdetect_calls: list[str]) -> None:
    import unicodedata

    assert detect_language(unicodedata.normalize("NFD", story(1))) == ("vi", 1.0)
    assert langdetect_calls == []


@pytest.mark.parametrize(("text", "expected"), [(ENGLISH, "en"), (FRENCH, "fr")])
def test_other_languages_quoting_vietnamese_names_go_to_langdetect(langdetect_calls: list[str], text: str,
                                                                   expected: str) -> None:
    assert not vietnamese_by_letters(text)
    lang, score = detect_language(text)
    assert lang == expected and 0 < score <= 1
    assert len(langdetect_calls) == 1


def test_short_or_unmarked_vietnamese_goes_to_langdetect(langdetect_calls: list[str]) -> None:
    assert not vietnamese_by_letters("Công đoàn tỉnh")  # too few letters to decide
    assert detect_language("Công đoàn tỉnh Bắc Kạn tổ chức hội nghị")[0] == "vi"
    assert detect_language("Cong doan tinh Bac Kan to chuc hoi nghi tong ket cong tac nam 2024 va trien khai "
                           "nhiem vu nam 2025 cho doan vien cong doan")[0] != "und"
    assert len(langdetect_calls) == 2


def test_language_decisions_are_deterministic() -> None:
    texts = [ENGLISH, FRENCH, story(3), "Hội nghị", "12345 !!!", ""]
    assert [detect_language(t) for t in texts] == [detect_language(t) for t in texts]
    assert detect_language("") == ("und", 0.0)


def test_extraction_and_language_use_one_set_of_vietnamese_letters() -> None:
    from lxml import html as lxml_html

    from pipelines.extract.page import looks_vietnamese

    # ĩ and ũ are Vietnamese-only letters too: "kĩ sĩ", "cũ", "ũng" (once missing from extraction's own copy)
    text = "kĩ sĩ cũ " * 30 + "tiếng Anh " * 2
    assert vietnamese_by_letters(text)
    page = lxml_html.document_fromstring(f"<html><body><p>{'kĩ sĩ ' * 12}{'data ' * 200}</p></body></html>")
    assert looks_vietnamese(page)


def test_without_langdetect_only_unmistakable_vietnamese_is_named(langdetect_calls: list[str]) -> None:
    assert detect_language(story(2), ask_langdetect=False) == ("vi", 1.0)
    assert detect_language(ENGLISH, ask_langdetect=False) == ("und", 0.0)
    assert langdetect_calls == []


def test_extraction_asks_langdetect_for_articles_only(langdetect_calls: list[str]) -> None:
    """A page that is not an article is dropped whatever its language: it never costs langdetect's start."""
    from pipelines.extract import extract_page

    paragraphs = "".join(f"<p>{sentence.strip()}.</p>" for sentence in ENGLISH.split(". ")[:6])
    head = ('<title>Union meeting</title><meta property="og:type" content="article">'
            '<meta property="article:published_time" content="2025-05-12T08:30:00+07:00">')
    article = extract_page(f"<html><head>{head}</head><body><article><h1>Union meeting</h1>{paragraphs}"
                           "</article></body></html>".encode(), "http://a.test/news/union-meeting-1.html")
    teasers = "".join(f'<li><a href="/news/{n}.html">Union meeting number {n} of the confederation</a></li>'
                      for n in range(30))
    listing_html = f"<html><head><title>News</title></head><body><ul>{teasers}</ul></body></html>"
    listing = extract_page(listing_html.encode(), "http://a.test/news/")
    assert article["page_type"] == "article" and article["language"] == "en"
    assert listing["page_type"] != "article" and listing["language"] == "und"
    assert len(langdetect_calls) == 1
