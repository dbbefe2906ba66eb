"""Secrets never written down: passwords in URLs, token-like query values, secret settings, auth headers.

:func:`install_redaction` makes every log record of the process pass through :func:`redact_text` (a log
record factory, so it holds whichever handlers Scrapy installs later); manifests and progress output use
:func:`redact_settings` and :func:`redact_url`. Stored ``url`` values are canonical URLs, which never keep
the userinfo part (:func:`pipelines.urls.canonicalize_url`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

MASK = "***"
#: Setting names whose values are secrets.
SECRET_SETTING = re.compile(r"PASSWORD|PASSWD|TOKEN|SECRET|KEY|CREDENTIAL", re.IGNORECASE)
#: Query parameter names whose values are secrets (``?token=``, ``?api_key=``, ``?access_token=``...).
SECRET_PARAM = re.compile(r"token|key|secret|pass|pwd|auth|sig|session|ticket|jwt|credential|otp|code",
                          re.IGNORECASE)
_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,15}://[^\s'\"<>()\[\]{}]+")
_AUTH_HEADER = re.compile(r"((?:proxy-)?authorization|cookie|x-api-key)(['\"]?\s*[:=]\s*)"
                          r"(\[?b?'[^']*'\]?|\[?b?\"[^\"]*\"\]?|[^\s,}]+(?:[ \t]+[^\s,}'\"]+)?)", re.IGNORECASE)
#: ``NAME = value``, ``'NAME': 'value'`` with a secret-looking NAME (one attempt per word: linear).
_SECRET_ASSIGNMENT = re.compile(r"(['\"]?)\b([A-Za-z0-9_]*(?:PASSWORD|PASSWD|TOKEN|SECRET|KEY|CREDENTIAL)"
                                r"[A-Za-z0-9_]*)\1(\s*[:=]\s*)(?!'?\*\*\*)('[^']*'|\"[^\"]*\"|[^\s,}]+)",
                                re.IGNORECASE)


def redact_url(url: str) -> str:
    """``url`` with its password (userinfo) and the values of token-like query parameters masked."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{MASK}@{netloc.rpartition('@')[2]}"
    query = parts.query
    if query:
        pieces = []
        for piece in query.split("&"):
            name, sep, value = piece.partition("=")
            pieces.append(f"{name}={MASK}" if sep and value and SECRET_PARAM.search(name) else piece)
        query = "&".join(pieces)
    if netloc == parts.netloc and query == parts.query:
        return url
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def without_userinfo(url: str) -> str:
    """``url`` without ``user:password@``: credentials in a link are never sent, stored or logged."""
    if "@" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, parts.query, parts.fragment))


def redact_text(text: str) -> str:
    """``text`` (a log line) with URLs redacted, auth headers and secret ``NAME = value`` pairs masked."""
    if "://" in text:
        text = _URL.sub(lambda m: redact_url(m.group(0)), text)
    text = _AUTH_HEADER.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)
    return _SECRET_ASSIGNMENT.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(1)}{m.group(3)}'{MASK}'", text)


def redact_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``settings`` with secret values masked (by name) and URLs in string values redacted."""
    return {name: MASK if SECRET_SETTING.search(name) and value not in (None, "", [], {})
            else redact_text(value) if isinstance(value, str) else value
            for name, value in settings.items()}


_installed = False


def install_redaction() -> None:
    """Redact every log record of this process from now on (idempotent)."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string is the logger's problem, not ours
            return record
        redacted = redact_text(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
