"""The Redis key scheme of a distributed crawl, leases and workers' liveness.

Every key of a site's shared state is ``<site>:<what>`` (the scheme scrapy-redis uses):
``requests`` (the queue), ``dupefilter``, ``leases:<worker>`` (requests a worker popped and
has not finished), ``worker:<worker>`` (``busy`` or ``idle``, expiring unless refreshed),
``validators`` (ETag / Last-Modified of archived articles).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import uuid

import redis

from crawler.errors import NewsarchiveError

logger = logging.getLogger(__name__)


class RedisUnavailable(NewsarchiveError):
    """No Redis server was given, or the one given cannot be reached."""


# how often an idle worker looks for work others queued
POLL_SECONDS = 0.2

# Pop the best request and lease it in one step, so no other worker can see the queue empty
# and every worker idle while this one holds the last request. The lease keeps the score, so
# a requeued request keeps its priority.
POP = """
local popped = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #popped == 0 then return false end
redis.call('ZREM', KEYS[1], popped[1])
redis.call('HSET', KEYS[2], ARGV[1], popped[2] .. '\\n' .. popped[1])
redis.call('SET', KEYS[3], 'busy', 'PX', ARGV[2])
return popped[1]
"""

# Mark a request seen and queue it in one step: a worker killed between the two (scrapy-redis
# makes them two calls) would leave it seen and never queued, and the page its links came from,
# fetched again, would find it seen: lost. An empty fingerprint (dont_filter) always queues.
ENQUEUE = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""

# A gone worker's leases back into the queue (only if it is really gone: its key expired).
_REQUEUE = """
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
local leased = redis.call('HVALS', KEYS[1])
for _, value in ipairs(leased) do
  local cut = string.find(value, '\\n', 1, true)
  redis.call('ZADD', KEYS[2], tonumber(string.sub(value, 1, cut - 1)), string.sub(value, cut + 1))
end
redis.call('DEL', KEYS[1])
return #leased
"""


def site_key(site: str, what: str) -> str:
    """The Redis key of one site's shared state (the scheme scrapy-redis uses)."""
    return f"{site}:{what}"


def new_worker_id() -> str:
    """host:pid:random, unique per crawl run, readable in Redis and in the crawls table."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def redis_from_url(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10)


def release_lease(server: redis.Redis | redis.client.Pipeline, site: str, worker: str,
                  lease: str | None) -> None:
    if lease:
        server.hdel(site_key(site, f"leases:{worker}"), lease)


def live_workers(server: redis.Redis, site: str = "*") -> dict[str, bytes]:
    """The workers of a site (default: of every site) whose key has not expired:
    "<site>:worker:<id>" -> b"busy" | b"idle"."""
    keys = list(server.scan_iter(match=site_key(site, "worker:*"), count=1000))
    values = server.mget(keys) if keys else []
    return {key.decode(): value for key, value in zip(keys, values, strict=True) if value is not None}


def work_pending(server: redis.Redis) -> bool:
    """Requests of some site queued, or leased by a worker (a run under way, or seeded and
    waiting for its workers); an empty queue is no key at all in Redis."""
    for pattern in (site_key("*", "requests"), site_key("*", "leases:*")):
        if next(server.scan_iter(match=pattern, count=1000), None) is not None:
            return True
    return False


def worker_alive(server: redis.Redis, site: str, worker: str) -> bool:
    return bool(server.exists(site_key(site, f"worker:{worker}")))


def requeue_gone_workers(server: redis.Redis, site: str) -> int:
    """Put the leased requests of workers that are gone back into the site's queue."""
    script = server.register_script(_REQUEUE)
    prefix = site_key(site, "leases:")
    requeued = 0
    for key in server.scan_iter(match=prefix + "*", count=1000):
        worker = key.decode()[len(prefix):]
        requeued += script(keys=[key, site_key(site, "requests"), site_key(site, f"worker:{worker}")])
    if requeued:
        logger.warning("%s: %d requests of stopped workers put back in the queue", site, requeued)
    return requeued


def publish_validators(server: redis.Redis, site: str,
                       known: dict[str, tuple[str | None, str | None]]) -> None:
    """The archive's ETag / Last-Modified of a site's articles, for workers' conditional
    requests (``IncrementalMiddleware``)."""
    key = site_key(site, "validators")
    items = list(known.items())
    for start in range(0, len(items), 1000):
        server.hset(key, mapping={url: json.dumps(v) for url, v in items[start:start + 1000]})


def read_validators(server: redis.Redis, site: str) -> dict[str, tuple[str | None, str | None]]:
    stored = server.hgetall(site_key(site, "validators"))
    return {url.decode(): tuple(json.loads(value)) for url, value in stored.items()}


def connect(url: str | None) -> redis.Redis:
    """A checked connection, or RedisUnavailable saying what is wrong."""
    if not url:
        raise RedisUnavailable("no Redis server: pass --redis-url (or set REDIS_URL / "
                               "NEWSARCHIVE_REDIS_URL), e.g. redis://127.0.0.1:6379/0")
    server = redis_from_url(url)
    try:
        server.ping()
    except redis.RedisError as exc:
        raise RedisUnavailable(f"cannot reach Redis at {url}: {exc}") from None
    return server
