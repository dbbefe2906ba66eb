"""A test extraction module that appends the id of each process importing it to CONGDOAN_TEST_IMPORT_MARKER."""

from __future__ import annotations

import os
from typing import Any

if os.environ.get("CONGDOAN_TEST_IMPORT_MARKER"):
    with open(os.environ["CONGDOAN_TEST_IMPORT_MARKER"], "a") as fh:
        fh.write(f"{os.getpid()}\n")


def echo(body: bytes, url: str, **kwargs: Any) -> dict[str, Any]:
    return {"url": url}
