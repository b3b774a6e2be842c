from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSARCHIVE_SHARED", ROOT.parent / "shared"))


def newsarchive_command(*args: str) -> list[str]:
    """The command line of ``newsarchive ARGS``, for a process a test starts itself (Popen)."""
    return [sys.executable, "-m", "crawler", *args]


def newsarchive(*args: str, cwd: Path | None = None, check: bool = True, timeout: float = 600,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the installed CLI as a user would, in its own process."""
    return subprocess.run(
        newsarchive_command(*args),
        cwd=cwd or ROOT, capture_output=True, text=True, timeout=timeout, check=check, env=env,
    )


def scrapy_crawl(proxy_url: str, db: Path, *settings: str, site: str = "demo-news") -> None:
    """`scrapy crawl SITE` from the project root, on the demo sites behind ``proxy_url``."""
    from crawler.demo import SITES_FILE

    args = [f"SITES_FILE={SITES_FILE}", f"SITE_PROXY={proxy_url}", f"ARCHIVE_PATH={db}",
            "AUTOTHROTTLE_START_DELAY=0.01", "LOG_LEVEL=WARNING", *settings]
    subprocess.run([sys.executable, "-m", "scrapy", "crawl", site,
                    *[part for arg in args for part in ("-s", arg)]],
                   cwd=ROOT, capture_output=True, text=True, check=True, timeout=300)


def query(db: Path | str, sql: str, params=()) -> list[tuple]:
    """The rows ``sql`` reads from the archive ``db``, as tuples; the connection is closed after."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def rows(db: Path | str, sql: str, params=()) -> list[dict]:
    """The rows ``sql`` reads from the archive ``db``, as dicts by column name."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql, params)]
    finally:
        conn.close()


def child_processes(pid: int) -> list[int]:
    """Processes started by ``pid`` (any of its threads), from /proc."""
    tasks = Path(f"/proc/{pid}/task")
    try:
        return [int(child) for task in tasks.iterdir() for child in (task / "children").read_text().split()]
    except FileNotFoundError:  # it ended meanwhile
        return []


def wait_gone(pids: list[int], seconds: float = 10) -> list[int]:
    """Wait until none of ``pids`` runs any more; returns those still running after ``seconds``."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in pids):
        time.sleep(0.1)
    return [pid for pid in pids if Path(f"/proc/{pid}").exists()]


def wait_until_serving(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    """Poll ``url`` until it answers; fail at once, with the exit code, if ``process`` ends."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise AssertionError(f"{process.args[0]} exited with {process.returncode} before serving {url}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:  # it is serving, and says what is wrong
            raise
        except OSError:
            pass
        assert time.monotonic() < deadline, f"nothing served {url} within {seconds} s"
        time.sleep(0.2)


def stop(process: subprocess.Popen, seconds: float = 20) -> None:
    """Ask a server to stop; kill it if it has not within ``seconds``."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"../shared is not beside the project ({SHARED}); these tests need its pages")
    return SHARED


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """One real `newsarchive demo` run: real server on 127.0.0.1, real Scrapy, real SQLite."""
    db = tmp_path_factory.mktemp("demo") / "archive.db"
    result = newsarchive("demo", "--db", str(db))
    return db, result
