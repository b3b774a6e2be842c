"""What the commands share: option decorators, ``-s NAME=VALUE``, the archive's writer lock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

import click

from crawler.archive.lock import ArchiveLocked, acquire_archive_lock, release_archive_lock

F = TypeVar("F", bound=Callable[..., Any])


def db_option(help: str, must_exist: bool = False) -> Callable[[F], F]:
    """``--db``: the archive a command reads or writes (``archive.db`` by default)."""
    kind = click.Path(exists=True, dir_okay=False) if must_exist else click.Path(dir_okay=False)
    return click.option("--db", "db_path", default="archive.db", show_default=True, type=kind, help=help)


def sites_file_option(function: F) -> F:
    return click.option("--sites-file", type=click.Path(exists=True, dir_okay=False),
                        help="Sites file (default: the packaged crawler/sites.toml).")(function)


def log_level_option(default: str) -> Callable[[F], F]:
    return click.option("--log-level", default=default, show_default=True, help="Scrapy log level.")


def set_option(function: F) -> F:
    """``-s NAME=VALUE``, as with ``scrapy crawl``; read it with ``parse_set``."""
    return click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
                        help="Any Scrapy setting, as with scrapy crawl -s.")(function)


def redis_url_option(help: str, required: bool = False) -> Callable[[F], F]:
    return click.option("--redis-url", envvar="NEWSARCHIVE_REDIS_URL", required=required, help=help)


class IsoDate(click.ParamType):
    """A date written YYYY-MM-DD, checked (2020-13-45, 2020-1-5 and "yesterday" are refused)."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        try:
            if len(value) != 10:
                raise ValueError
            return date.fromisoformat(value).isoformat()
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a date written YYYY-MM-DD", param, ctx)


def progress_option(function: F) -> F:
    """``--progress/--no-progress``: the PROGRESS setting; by default, only on a terminal."""
    return click.option("--progress/--no-progress", default=None,
                        help="A progress line while crawling (default: only on a terminal, so "
                        "cron stays quiet; --progress writes it to a file or pipe too).")(function)


def progress_setting(progress: bool | None) -> str | None:
    return None if progress is None else ("on" if progress else "off")


def parse_set(values: tuple[str, ...]) -> dict[str, str]:
    pairs = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="-s")
        pairs[name] = value
    return pairs


def lock_wait_option(function: F) -> F:
    return click.option("--wait-for-lock", "lock_wait", type=click.FloatRange(min=0), default=0,
                        metavar="SECONDS", help="If another process is writing the archive, wait this "
                        "long for it to finish (default: refuse at once).")(function)


@contextmanager
def archive_lock(db_path: str, wait: float = 0) -> Iterator[None]:
    """Hold the archive's writer lock for the block (waiting up to ``wait`` seconds for it),
    or exit with the lock's holder named."""
    try:
        acquire_archive_lock(db_path, wait)
    except ArchiveLocked as exc:
        raise click.ClickException(str(exc)) from None
    try:
        yield
    finally:
        release_archive_lock(db_path)


def counts_line(counts: Any) -> str:
    """``a 3, b 1`` from a Counter (most common first) or a dict (in its order)."""
    items = counts.most_common() if hasattr(counts, "most_common") else counts.items()
    return ", ".join(f"{k} {v}" for k, v in items)
