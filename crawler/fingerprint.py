"""Request fingerprints on the URL key (pipelines.urls.url_key), so URL variants of one page are fetched once."""

from __future__ import annotations

import hashlib
from weakref import WeakKeyDictionary

from scrapy import Request

from pipelines.urls import url_key


class CanonicalRequestFingerprinter:
    """Fingerprint = SHA-1 of method, URL key (canonical URL up to http/https, www./m. and NFC) and body."""

    def __init__(self) -> None:
        self._cache: WeakKeyDictionary[Request, bytes] = WeakKeyDictionary()

    def fingerprint(self, request: Request) -> bytes:
        if request not in self._cache:
            digest = hashlib.sha1(request.method.encode())
            digest.update(url_key(request.url).encode())
            digest.update(request.body or b"")
            self._cache[request] = digest.digest()
        return self._cache[request]
