"""Secrets never reach logs, manifests or stored URLs."""

from __future__ import annotations

import logging
import time

import pytest

from crawler.redact import install_redaction, redact_settings, redact_text, redact_url


def test_url_password_and_token_values_are_masked() -> None:
    assert redact_url("http://user:hunter2@x.vn:81/a?id=3&token=abc&access_token=z&q=1#f") == (
        "http://***@x.vn:81/a?id=3&token=***&access_token=***&q=1#f")
    assert redact_url("http://x.vn/a?id=3&api_key=K&sig=S&page=2") == "http://x.vn/a?id=3&api_key=***&sig=***&page=2"
    assert redact_url("http://x.vn/tin/1.html") == "http://x.vn/tin/1.html"
    assert redact_url("http://[bad") == "http://[bad"  # never raises


def test_log_text_settings_and_headers_are_masked() -> None:
    line = ("Overridden settings: {'CONGDOAN_PROXY_PASSWORD': 'hunter2', 'BOT_NAME': 'congdoan', "
            "'API_KEY': abc123} Failed http://u:pw@h/x?api_key=SEKRET (timeout) Authorization: Bearer t0k "
            "{b'Authorization': [b'Basic Zm9v']}")
    red = redact_text(line)
    for secret in ("hunter2", "abc123", "pw@", "SEKRET", "t0k", "Zm9v"):
        assert secret not in red
    assert "'BOT_NAME': 'congdoan'" in red and "http://***@h/x?api_key=***" in red


def test_settings_are_masked_by_name() -> None:
    settings = {"CONGDOAN_PROXY_PASSWORD": "p", "GITHUB_TOKEN": "t", "AWS_SECRET_ACCESS_KEY": "k",
                "HTTPPROXY_URL": "http://u:pw@proxy:3128", "DOWNLOAD_DELAY": 1.0, "EMPTY_TOKEN": ""}
    assert redact_settings(settings) == {"CONGDOAN_PROXY_PASSWORD": "***", "GITHUB_TOKEN": "***",
                                         "AWS_SECRET_ACCESS_KEY": "***", "HTTPPROXY_URL": "http://***@proxy:3128",
                                         "DOWNLOAD_DELAY": 1.0, "EMPTY_TOKEN": ""}


def test_every_log_record_is_redacted(caplog: pytest.LogCaptureFixture) -> None:
    install_redaction()
    with caplog.at_level(logging.INFO):
        logging.getLogger("scrapy.core.engine").info("Crawled (200) <GET %s>", "http://x.vn/a?token=abc")
    assert "token=***" in caplog.text and "abc" not in caplog.text


def test_redaction_is_linear() -> None:
    times = []
    for n in (200_000, 400_000):
        text = "a" * n + "://" + "KEY" * n + "=" + "b" * n
        start = time.perf_counter()
        redact_text(text)
        times.append(time.perf_counter() - start)
    assert times[1] < 3 * times[0] + 0.5, times
