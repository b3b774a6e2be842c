"""A real redis-server on 127.0.0.1 for the distributed tests and bench/distributed.py."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time

import redis

INSTALL_HINT = "distributed mode needs redis-server: apt-get install redis-server (see the README)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """``redis-server`` on a free port of 127.0.0.1, in memory only, stopped on exit."""

    def __init__(self) -> None:
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise FileNotFoundError(INSTALL_HINT)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tempfile.mkdtemp(prefix="newsarchive-redis-")

    def __enter__(self) -> RedisServer:
        self.process = subprocess.Popen(
            [self.binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", self.dir],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)
        return self

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url)

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)


def start_or_skip() -> RedisServer:
    """For tests: a server, or a skip where redis-server is not installed. CI (CI=true) fails
    instead, since .ci/run installs it."""
    import pytest

    try:
        return RedisServer().__enter__()
    except FileNotFoundError:
        if os.environ.get("CI"):
            raise
        pytest.skip(INSTALL_HINT)
