"""One writer per archive: a lock that a killed process cannot leave behind.

``flock`` on ``<archive>.lock``: the kernel drops it when the holding process ends, however it
ends (kill -9 included), so no stale lock needs clearing by hand. The file records who holds
it, for the message a refused crawl prints. Within one process (several spiders of one
``newsarchive crawl``) the lock is shared and counted.
"""

from __future__ import annotations

import fcntl
import os
import socket
from datetime import UTC, datetime
from pathlib import Path


class ArchiveLocked(RuntimeError):
    """Another process is writing this archive."""


_HELD: dict[str, list[int]] = {}  # archive path -> [file descriptor, holders in this process]


def _key(path: str | Path) -> str:
    return str(Path(path).resolve())


def acquire_archive_lock(path: str | Path) -> bool:
    """Take the archive's writer lock, or raise ArchiveLocked saying who holds it.

    Returns True when this call took it for the process (not already held here): the moment
    to tidy up after a writer that was killed.
    """
    key = _key(path)
    if key in _HELD:
        _HELD[key][1] += 1
        return False
    Path(key).parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(key + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 512, 0).decode("utf-8", "replace").strip() or "another process"
        os.close(fd)
        raise ArchiveLocked(
            f"{path} is being written by another newsarchive process ({holder}); "
            "wait for it to finish, or write another archive with --db"
        ) from None
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()}, since {stamp}".encode(), 0)
    _HELD[key] = [fd, 1]
    return True


def release_archive_lock(path: str | Path) -> None:
    key = _key(path)
    held = _HELD.get(key)
    if not held:
        return
    held[1] -= 1
    if held[1] == 0:
        os.ftruncate(held[0], 0)
        fcntl.flock(held[0], fcntl.LOCK_UN)
        os.close(held[0])
        del _HELD[key]
