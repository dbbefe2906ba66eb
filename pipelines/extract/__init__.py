"""Extraction of clean article text and metadata from one HTML page: ``extract_page(body, url)``.

Pure function of (bytes, URL): no Scrapy, no network, no files. Modules: ``decode`` (bytes to text),
``legacy`` (TCVN3/VNI repair), ``normalize`` (NFC, spaces), ``clean`` (DOM rules before trafilatura),
``lines`` (line rules after), ``dates``, ``metadata``, ``pagetype`` and ``page`` (the pipeline that
ties them together around trafilatura).
"""

from __future__ import annotations

from pipelines.extract.page import extract_page, to_json

__all__ = ["extract_page", "to_json"]
