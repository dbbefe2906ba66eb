"""Extraction of clean article text and metadata from one HTML page: ``extract_page(body, url)``.

Pure function of (bytes, URL): no Scrapy, no network, no files. Modules: ``decode`` (bytes to text),
``bounds`` (what lxml is given), ``legacy`` (TCVN3/VNI repair), ``normalize`` (NFC, spaces), ``clean`` (DOM
rules before trafilatura), ``lines`` (line rules after), ``dates``, ``metadata``, ``pagetype`` and ``page``
(the pipeline that ties them together around trafilatura).

``extract_page`` and ``to_json`` are loaded on first use: the crawl process imports a few light modules of
this package (``bounds``, ``clean``) and leaves trafilatura to its extraction workers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipelines.extract.page import extract_page, to_json

__all__ = ["extract_page", "to_json"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from pipelines.extract import page

        return getattr(page, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
