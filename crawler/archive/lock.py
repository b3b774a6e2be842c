"""One writer per archive: a lock that a killed process cannot leave behind.

``flock`` on the archive file itself, so the lock belongs to the file (its device and inode),
not to the name it was opened by: a second writer reaching the same archive through a hard
link, a symlink or another path is refused too. The kernel drops the lock when the holding
process ends, however it ends (kill -9 included), so no stale lock needs clearing by hand.
``<archive>.lock`` records who holds it, for the message a refused writer prints. Within one
process (several spiders of one ``newsarchive crawl``) the lock is shared and counted.

SQLite's own locks on the file are POSIX record locks, which ``flock`` does not touch. But
closing *any* descriptor of the file drops every POSIX lock the process holds on it, so the
descriptor taken here stays open for the life of the process; releasing only unlocks it.
"""

from __future__ import annotations

import fcntl
import os
import socket
import time
from datetime import UTC, datetime
from pathlib import Path

from crawler.errors import NewsarchiveError


class ArchiveLocked(NewsarchiveError):
    """Another process is writing this archive."""


class ArchiveUnwritable(ArchiveLocked):
    """The archive cannot be opened for writing at all (permissions, a missing folder...)."""


_FDS: dict[tuple[int, int], int] = {}  # (device, inode) -> descriptor, kept open (see above)
_HELD: dict[tuple[int, int], int] = {}  # (device, inode) -> holders in this process
_TAKEN: dict[str, tuple[int, int]] = {}  # the path a lock was taken by -> the file's identity


def _identity(path: Path) -> tuple[int, int]:
    if not path.exists():  # a new archive: an empty file is what SQLite takes for a new database
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o644))
    stat = path.stat()
    return stat.st_dev, stat.st_ino


def _holder(path: Path, identity: tuple[int, int]) -> str:
    """Who holds the lock: the kernel's word (/proc/locks) and the holder's own note."""
    device, inode = identity
    wanted = f"{os.major(device):02x}:{os.minor(device):02x}:{inode}"
    pid = None
    try:
        for line in Path("/proc/locks").read_text().splitlines():
            fields = line.split()
            if "FLOCK" in fields and wanted in fields:
                pid = fields[fields.index(wanted) - 1]
                break
    except OSError:
        pass
    try:
        note = Path(f"{path}.lock").read_text(encoding="utf-8").strip()
    except OSError:
        note = ""
    if note and (pid is None or note.startswith(f"pid {pid} ")):
        return note
    return f"pid {pid}" if pid else "another process"


def acquire_archive_lock(path: str | Path, wait: float = 0) -> bool:
    """Take the archive's writer lock, waiting up to ``wait`` seconds for it, or raise
    ArchiveLocked saying who holds it.

    Returns True when this call took it for the process (not already held here): the moment
    to tidy up after a writer that was killed.
    """
    path = Path(path)
    try:
        identity = _identity(path)
        fd = _FDS.get(identity)
        if fd is None:
            fd = _FDS[identity] = os.open(path, os.O_RDWR)
    except OSError as exc:
        raise ArchiveUnwritable(f"{path} cannot be opened for writing: {exc.strerror}") from None
    _TAKEN[str(path)] = identity
    if identity in _HELD:
        _HELD[identity] += 1
        return False
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise ArchiveLocked(
                    f"{path} is being written by another newsarchive process "
                    f"({_holder(path, identity)}); wait for it to finish, or write another "
                    "archive with --db"
                ) from None
            time.sleep(0.2)
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        Path(f"{path}.lock").write_text(f"pid {os.getpid()} on {socket.gethostname()}, since {stamp}",
                                        encoding="utf-8")
    except OSError:  # a read-only folder: the lock holds all the same
        pass
    _HELD[identity] = 1
    return True


def release_archive_lock(path: str | Path) -> None:
    """Release a lock taken by ``acquire_archive_lock(path)`` (by the same path, whatever
    became of the name since)."""
    path = Path(path)
    identity = _TAKEN.get(str(path))
    if identity not in _HELD:
        return
    _HELD[identity] -= 1
    if _HELD[identity] == 0:
        del _HELD[identity]
        _TAKEN.pop(str(path), None)
        Path(f"{path}.lock").unlink(missing_ok=True)
        fcntl.flock(_FDS[identity], fcntl.LOCK_UN)
