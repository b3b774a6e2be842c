"""The private APIs behind crawler/compat.py, on the real classes of the installed versions:
these fail loudly when an upgrade renames what a helper reaches into."""

from __future__ import annotations

import pytest
import scrapy
from datasette.app import Datasette
from scrapy.core.engine import ExecutionEngine
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.test import get_crawler
from scrapy_redis import picklecompat
from scrapy_redis.queue import PriorityQueue

from crawler.compat import (
    PrivateApiChanged,
    decode_queued_request,
    forget_decoded_text,
    register_spider,
    set_server_setting,
    wake_engine,
)
from crawler.settings import SPIDER_MODULES


class _Spider(scrapy.Spider):
    name = "compat-test"


def test_wake_engine_on_a_real_engine_without_a_spider_open():
    crawler = get_crawler(_Spider)
    engine = ExecutionEngine(crawler, lambda _: None)
    assert wake_engine(engine) is False


def test_a_renamed_attribute_is_an_error_not_a_silent_no_op():
    with pytest.raises(PrivateApiChanged, match="_slot is gone"):
        wake_engine(object())


def test_decode_queued_request_reads_what_scrapy_redis_stored():
    spider = _Spider()
    queue = PriorityQueue(server=None, spider=spider, key="k", serializer=picklecompat)
    request = scrapy.Request("http://example.test/a", meta={"x": 1}, priority=3)
    decoded = decode_queued_request(queue, queue._encode_request(request))
    assert (decoded.url, decoded.meta["x"], decoded.priority) == ("http://example.test/a", 1, 3)


def test_register_spider_makes_it_loadable_and_listed():
    loader = SpiderLoader(get_crawler(_Spider, {"SPIDER_MODULES": SPIDER_MODULES}).settings)
    register_spider(loader, "compat-test", _Spider)
    assert "compat-test" in loader.list()
    assert loader.load("compat-test") is _Spider


def test_set_server_setting_is_what_datasette_then_reads():
    datasette = Datasette([])
    set_server_setting(datasette, "facet_time_limit_ms", 37)
    assert datasette.setting("facet_time_limit_ms") == 37


def test_forget_decoded_text_drops_scrapys_cached_copy():
    from scrapy.http import HtmlResponse

    response = HtmlResponse("http://example.test/", body="<p>就业</p>".encode(), encoding="utf-8")
    assert "就业" in response.text
    forget_decoded_text(response)
    assert response._cached_ubody is None
    assert "就业" in response.text  # decoded again when asked


def test_kill_pool_processes_stops_a_stuck_process():
    import multiprocessing
    import time
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from crawler.compat import kill_pool_processes

    executor = ProcessPoolExecutor(1, multiprocessing.get_context("spawn"))
    future = executor.submit(time.sleep, 60)
    time.sleep(1)  # running, not only queued
    kill_pool_processes(executor)
    with pytest.raises(BrokenProcessPool):
        future.result(timeout=20)
    executor.shutdown(wait=False)
