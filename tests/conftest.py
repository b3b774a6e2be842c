from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSARCHIVE_SHARED", ROOT.parent / "shared"))


def newsarchive(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run the installed CLI as a user would, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "crawler", *args],
        cwd=cwd or ROOT, capture_output=True, text=True, timeout=600, check=check,
    )


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
