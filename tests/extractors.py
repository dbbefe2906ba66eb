"""Test-only extraction functions for the extraction pool (CONGDOAN_EXTRACT_FUNCTION names one of them)."""

from __future__ import annotations

import os
import time
from typing import Any

#: A page whose URL contains this marker never finishes extracting.
HANG_MARKER = "hang-forever"


def echo(body: bytes, url: str, **kwargs: Any) -> dict[str, Any]:
    """A trivial extractor: what it was given, and which process answered."""
    if HANG_MARKER in url:
        time.sleep(3600)
    if "raise" in url:
        raise ValueError("asked to fail")
    if "die" in url:
        os._exit(3)
    return {"url": url, "size": len(body), "kwargs": sorted(kwargs), "pid": os.getpid()}


def hang_on_marker(body: bytes, url: str, **kwargs: Any) -> dict[str, Any]:
    """The real extractor, except for pages whose URL contains :data:`HANG_MARKER` or ends with the path in
    the environment variable ``CONGDOAN_TEST_HANG_PATH`` (they hang)."""
    from pipelines.extract import extract_page

    path = os.environ.get("CONGDOAN_TEST_HANG_PATH")
    if HANG_MARKER in url or (path and url.endswith(path)):
        time.sleep(3600)
    return extract_page(body, url, **kwargs)


def loaded(body: bytes, url: str, **kwargs: Any) -> dict[str, Any]:
    """Which of the modules named in the URL's query (comma-separated) this worker had imported before the job."""
    import sys
    from urllib.parse import urlsplit

    return {name: name in sys.modules for name in urlsplit(url).query.split(",")}
