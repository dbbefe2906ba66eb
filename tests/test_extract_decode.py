"""Decoding page bytes: BOM, HTTP and meta charsets, windows-1258 tone marks, mislabels, garbage bytes."""

from __future__ import annotations

import codecs
import importlib.util
import unicodedata
from pathlib import Path

import pytest

from pipelines.extract import extract_page
from pipelines.extract.decode import charset_from_content_type, charset_from_meta, decode_html, looks_like_cp1258

TEXT = "Liên đoàn Lao động tỉnh tổ chức Hội nghị giao ban, trao quà Tết cho đoàn viên có hoàn cảnh khó khăn."


def _legacy_encodings():
    """The sample-site generator's own windows-1258 and TCVN3 encoders (an implementation independent of ours)."""
    path = Path(__file__).parent / "sample_sites" / "legacy_encodings.py"
    spec = importlib.util.spec_from_file_location("sample_legacy_encodings", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Tin</title></head><body><p>{body}</p></body></html>"


def test_charset_labels_are_mapped_to_python_codecs() -> None:
    assert charset_from_content_type("text/html; charset=windows-1258") == "cp1258"
    assert charset_from_content_type("text/html; charset=ISO-8859-1") == "cp1252"
    assert charset_from_content_type("text/html") is None
    assert charset_from_meta(b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">') == "utf-8"
    assert charset_from_meta(b"<meta charset='x-unknown-charset'>") is None


def test_windows_1258_from_http_header_is_composed_to_nfc() -> None:
    cp1258 = _legacy_encodings().encode_cp1258(_page(TEXT))
    assert b"\xcc" in cp1258 or b"\xec" in cp1258 or b"\xd2" in cp1258  # combining tone marks are used
    decoded = decode_html(cp1258, "text/html; charset=windows-1258")
    assert decoded.encoding == "cp1258" and not decoded.flags
    assert TEXT in unicodedata.normalize("NFC", decoded.text)
    page = extract_page(cp1258, "http://ldld.example/tin/1", content_type="text/html; charset=windows-1258")
    assert TEXT in page["text"] and unicodedata.is_normalized("NFC", page["text"])


def test_windows_1258_in_meta_only_and_sniffed_without_any_label() -> None:
    encode = _legacy_encodings().encode_cp1258
    meta = encode(_page(TEXT, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'))
    assert TEXT in unicodedata.normalize("NFC", decode_html(meta, "text/html").text)
    bare = encode(_page(TEXT))
    assert looks_like_cp1258(bare)
    assert TEXT in unicodedata.normalize("NFC", decode_html(bare, None).text)


def test_utf8_bytes_labelled_latin1_are_read_as_utf8() -> None:
    body = _page(TEXT).encode("utf-8")
    decoded = decode_html(body, "text/html; charset=iso-8859-1")
    assert decoded.encoding == "utf-8" and TEXT in decoded.text


def test_byte_order_marks() -> None:
    assert TEXT in decode_html(codecs.BOM_UTF8 + _page(TEXT).encode("utf-8")).text
    assert TEXT in decode_html(codecs.BOM_UTF16_LE + _page(TEXT).encode("utf-16-le")).text


def test_stray_bytes_in_a_utf8_page_are_replaced_and_flagged() -> None:
    body = _page(TEXT).encode("utf-8").replace(b"<p>", b"<p>\x93\xff ")
    decoded = decode_html(body, "text/html; charset=utf-8")
    assert decoded.encoding == "utf-8" and decoded.flags == ["decode_errors"]
    page = extract_page(body, "http://ldld.example/tin/2", content_type="text/html; charset=utf-8")
    assert "decode_errors" in page["quality_flags"] and "Liên đoàn Lao động" in page["text"]


@pytest.mark.parametrize("body", [b"", b"\x00" * 50, bytes(range(256)) * 40, b"<html><body>",
                                  b"\xff\xfe\x00\x00garbage", b"<?xml version='1.0' encoding='utf-8'?><html/>"])
def test_extract_page_never_raises(body: bytes) -> None:
    page = extract_page(body, "http://ldld.example/x", content_type="text/html")
    assert page["page_type"] in {"article", "listing", "other"}
    assert isinstance(page["quality_flags"], list) and isinstance(page["text"], str)


def test_a_failure_inside_extraction_becomes_a_flagged_empty_record() -> None:
    page = extract_page(b"<html><body><p>Tin</p></body></html>", "http://[not-a-host")
    assert page["quality_flags"] == ["extraction_failed", "empty_text"]
    assert page["text"] == "" and page["page_type"] == "other" and page["language"] == "und"
