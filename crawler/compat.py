"""Every private API of Scrapy, scrapy-redis and datasette that newsarchive uses, one helper
each, with the version it was checked against.

When an upgrade renames what a helper reaches into, the helper raises ``PrivateApiChanged``
instead of quietly doing nothing, and ``tests/test_compat.py`` fails on the real classes.
"""

from __future__ import annotations

from typing import Any


class PrivateApiChanged(RuntimeError):
    """A private attribute newsarchive relies on is gone (an upgrade renamed it)."""


def _require(owner: Any, attribute: str, checked: str) -> Any:
    try:
        return getattr(owner, attribute)
    except AttributeError:
        raise PrivateApiChanged(
            f"{type(owner).__module__}.{type(owner).__name__}.{attribute} is gone "
            f"(checked against {checked}); newsarchive needs updating for this version"
        ) from None


def wake_engine(engine: Any) -> bool:
    """Make Scrapy's engine ask the scheduler for requests now, not at its next heartbeat
    (every 5 s). False when the engine has no spider open. Scrapy 2.19: ``engine._slot``."""
    slot = _require(engine, "_slot", "Scrapy 2.19")
    if slot is None:
        return False
    slot.nextcall.schedule()
    return True


def decode_queued_request(queue: Any, data: bytes) -> Any:
    """A request as scrapy-redis stored it in a queue (scrapy-redis 0.9.1:
    ``Base._decode_request``), for a scheduler that pops the queue itself."""
    return _require(queue, "_decode_request", "scrapy-redis 0.9.1")(data)


def encode_queued_request(queue: Any, request: Any) -> bytes:
    """A request as scrapy-redis stores it in a queue (scrapy-redis 0.9.1:
    ``Base._encode_request``), for a scheduler that pushes to the queue itself."""
    return _require(queue, "_encode_request", "scrapy-redis 0.9.1")(request)


def register_spider(loader: Any, name: str, spider: type) -> None:
    """Add a spider class to a SpiderLoader (Scrapy 2.19: ``SpiderLoader._spiders``), so
    ``scrapy list`` and ``scrapy crawl`` know spiders that no module defines."""
    _require(loader, "_spiders", "Scrapy 2.19")[name] = spider


def forget_decoded_text(response: Any) -> None:
    """Drop the decoded copy of a response's body that Scrapy caches once any middleware has
    read ``response.text`` (meta refresh does): up to four times the body's size, kept while
    the page goes through the item pipeline, which reads the raw bytes. Scrapy 2.19:
    ``TextResponse._cached_ubody``."""
    _require(response, "_cached_ubody", "Scrapy 2.19")
    response._cached_ubody = None


def kill_pool_processes(executor: Any) -> None:
    """Kill a ProcessPoolExecutor's processes, one stuck in C code included (CPython 3.11-3.13:
    ``ProcessPoolExecutor._processes``; 3.14 adds ``kill_workers()``)."""
    if hasattr(executor, "kill_workers"):
        executor.kill_workers()
        return
    for process in list((_require(executor, "_processes", "CPython 3.11") or {}).values()):
        process.kill()


def set_server_setting(datasette: Any, name: str, value: Any) -> None:
    """Change one of a running datasette's settings (datasette 0.65: ``Datasette._settings``;
    there is no public setter)."""
    _require(datasette, "_settings", "datasette 0.65.5")[name] = value
