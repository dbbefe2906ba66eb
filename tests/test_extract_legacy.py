"""Legacy Vietnamese fonts: TCVN3 (.VnTime) and VNI text is repaired when unambiguous, flagged either way."""

from __future__ import annotations

import importlib.util
import random
import re
from pathlib import Path

from pipelines.extract import extract_page
from pipelines.extract.legacy import (
    LEGACY_MARKERS,
    has_legacy_words,
    repair,
    tcvn3_to_unicode,
    vietnamese_score,
    vni_to_unicode,
)

FIXTURE = Path(__file__).parent / "fixtures" / "extract" / "legacy_table.html"
TITLE = "Đẩy mạnh chuyển đổi số trong hoạt động công đoàn"
PARA_ONE = ("Ngày 2/12/2020, Liên đoàn Lao động tỉnh tổ chức hội nghị triển khai phần mềm quản lý đoàn viên "
            "cho cán bộ công đoàn cơ sở trong toàn tỉnh.")
PARA_TWO = "Các cấp công đoàn sẽ tiếp tục bám sát cơ sở, kịp thời nắm bắt tâm tư, nguyện vọng của người lao động."


def _encoders():
    path = Path(__file__).parent / "sample_sites" / "legacy_encodings.py"
    spec = importlib.util.spec_from_file_location("sample_legacy_encodings", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _legacy_page(encode_text) -> bytes:
    """The legacy table fixture with its placeholders filled: markup in ASCII, text through ``encode_text``."""
    values = {"TITLE": TITLE, "MENU_HOME": "Trang chủ", "MENU_NEWS": "Tin hoạt động",
              "HEADER_DATE": "Thứ Sáu, 19/04/2024", "DATE_LINE": "Ngày 2/12/2020 - 22:50", "PARA_ONE": PARA_ONE,
              "PARA_TWO": PARA_TWO, "AUTHOR": "Văn Thành", "PRINT": "In trang", "BACK": "Quay lại"}
    pattern = re.compile("|".join(values).encode("ascii"))
    return pattern.sub(lambda m: encode_text(values[m.group().decode("ascii")]), FIXTURE.read_bytes())


def test_tcvn3_page_served_as_windows_1258_is_repaired_and_flagged() -> None:
    body = _legacy_page(_encoders().encode_tcvn3)
    page = extract_page(body, "http://ldld.example/tintuc/chitiet.asp?id=7",
                        content_type="text/html; charset=windows-1258")
    assert page["quality_flags"] == ["legacy_font_repaired"]
    assert page["title"] == TITLE
    assert page["text"] == f"{PARA_ONE}\n{PARA_TWO}"
    assert page["author"] == "Văn Thành"
    assert page["published_at"].isoformat() == "2020-12-02T22:50:00+07:00"
    assert page["language"] == "vi" and page["page_type"] == "article"


def test_same_page_in_windows_1258_unicode_needs_no_repair() -> None:
    body = _legacy_page(_encoders().encode_cp1258)
    page = extract_page(body, "http://ldld.example/tintuc/chitiet.asp?id=8",
                        content_type="text/html; charset=windows-1258")
    assert "legacy_font_repaired" not in page["quality_flags"]
    assert page["text"] == f"{PARA_ONE}\n{PARA_TWO}" and page["title"] == TITLE


def test_tcvn3_table_round_trips_every_letter() -> None:
    table = _encoders().TCVN3_TABLE
    for letter, code in table.items():
        assert tcvn3_to_unicode(chr(code)) == letter


def test_vni_sequences() -> None:
    assert vni_to_unicode("Xin chaøo caùc baïn") == "Xin chào các bạn"
    assert vni_to_unicode("Coâng ñoaøn cô sôû") == "Công đoàn cơ sở"
    assert repair("Lieân ñoaøn Lao ñoäng tænh toå chöùc hoäi nghò")[1] == "repaired"


def test_isolated_legacy_characters_in_unicode_text_are_flagged_not_guessed() -> None:
    text = "Đổi mới phương pháp bồi dưỡng k¬ năng thương lượng cho cán bộ Công đoàn"
    assert repair(text) == (text, "unrepaired")
    page = extract_page(f"<html><body><h1>Tin tức</h1><p>{text}. {PARA_TWO}</p></body></html>".encode(),
                        "http://ldld.example/a")
    assert "legacy_font_unrepaired" in page["quality_flags"] and "k¬ năng" in page["text"]


def test_other_latin_scripts_are_not_mistaken_for_legacy_fonts() -> None:
    assert repair("El señor de España, naïve café") == ("El señor de España, naïve café", None)
    assert vietnamese_score("công đoàn cơ sở") == 1.0 and vietnamese_score("the quick brown fox") < 0.5


def test_legacy_word_scan_agrees_with_its_definition() -> None:
    """``has_legacy_words`` scans for markers and looks at their neighbours; it must say exactly what the
    pattern "ASCII letter then marker, or marker then ASCII letter" says, on the page's edges too."""
    markers = "".join(sorted(LEGACY_MARKERS))
    definition = re.compile(f"[A-Za-z][{re.escape(markers)}]|[{re.escape(markers)}][A-Za-z]")
    alphabet = "aZ ờĐ.»«©¬µ®0\n" + markers[:5]
    rng = random.Random(7)
    texts = ["", "¬", "k¬", "¬k", " ¬ ", "« Tin »", "©2024", "c«ng"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 12))) for _ in range(3000)]
    assert any(has_legacy_words(t) for t in texts) and not all(has_legacy_words(t) for t in texts)
    for text in texts:
        assert has_legacy_words(text) == (definition.search(text) is not None), text
