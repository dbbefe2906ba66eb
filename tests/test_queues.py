"""The scheduler's compact memory queue: requests come back as they went in, last first, in less memory."""

from __future__ import annotations

import threading
import tracemalloc
from typing import Any

import scrapy
from scrapy.utils.test import get_crawler

from crawler.queues import CompactLifoMemoryQueue


class QueueSpider(scrapy.Spider):
    name = "queue-test"

    def parse(self, response: Any) -> None:
        pass

    def on_error(self, failure: Any) -> None:
        pass


def test_headers_and_body_survive_as_bytes() -> None:
    queue, spider = make_queue()
    sent = scrapy.Request("http://127.0.0.1:8000/p?q=%C4%90", method="POST", body="Đoàn".encode() + b"\x00\xff",
                          callback=spider.parse, headers={"If-None-Match": '"\xe9t\xe9"', "X-Raw": b"\x80\x81"},
                          cookies={"a": "b"}, dont_filter=True, flags=["revisit"])
    queue.push(sent)
    got = queue.pop()
    assert got.body == sent.body and got.method == "POST" and got.dont_filter and got.flags == ["revisit"]
    assert got.headers.getlist("X-Raw") == [b"\x80\x81"] and got.headers == sent.headers
    assert got.to_dict(spider=spider) == sent.to_dict(spider=spider)


def make_queue() -> tuple[CompactLifoMemoryQueue, QueueSpider]:
    crawler = get_crawler(QueueSpider)
    spider = QueueSpider()
    crawler.spider = spider
    return CompactLifoMemoryQueue.from_crawler(crawler, "slot/20"), spider


def request(spider: QueueSpider, n: int) -> scrapy.Request:
    return scrapy.Request(f"http://127.0.0.1:8000/tin-tuc/bai-{n}.html", callback=spider.parse,
                          errback=spider.on_error, priority=20 - n % 3, headers={"Referer": "http://127.0.0.1:8000/"},
                          meta={"site": "bench", "trap_pattern": "/tin-tuc/bai-*.html", "trap_depth": n % 4},
                          cb_kwargs={"n": n})


def test_requests_come_back_as_they_went_in_last_first() -> None:
    queue, spider = make_queue()
    sent = [request(spider, n) for n in range(5)]
    for r in sent:
        queue.push(r)
    assert len(queue) == 5
    assert queue.peek().url == sent[-1].url and len(queue) == 5
    got = [queue.pop() for _ in range(5)]
    assert queue.pop() is None and queue.peek() is None and len(queue) == 0
    for before, after in zip(reversed(sent), got, strict=True):
        assert after is not before
        assert after.to_dict(spider=spider) == before.to_dict(spider=spider)
        assert after.callback == spider.parse and after.errback == spider.on_error
        assert after.headers.get("Referer") == b"http://127.0.0.1:8000/"


def test_a_request_json_cannot_carry_exactly_is_kept_as_it_is() -> None:
    queue, spider = make_queue()
    foreign = scrapy.Request("http://127.0.0.1:8000/a", callback=lambda response: None)  # not a spider method
    lock = scrapy.Request("http://127.0.0.1:8000/b", callback=spider.parse, meta={"lock": threading.Lock()})
    pair = scrapy.Request("http://127.0.0.1:8000/c", callback=spider.parse, meta={"pair": (1, 2), 3: "x"})
    raw = scrapy.Request("http://127.0.0.1:8000/d", callback=spider.parse, meta={"raw": b"\xff"})
    for r in (foreign, lock, pair, raw):
        queue.push(r)
    assert [queue.pop() for _ in range(4)] == [raw, pair, lock, foreign]  # the same objects, untouched


def test_waiting_requests_take_a_fraction_of_their_memory_as_objects() -> None:
    queue, spider = make_queue()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        objects = [request(spider, n) for n in range(2000)]
        as_objects = tracemalloc.get_traced_memory()[0] - start
        for r in objects:
            queue.push(r)
        del objects, r
        as_bytes = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert as_bytes < as_objects / 2
