"""How fast the commands start: ``newsarchive --help``, ``search --help`` and ``extract`` of one
page, wall time of the whole process, against ``sqlite-utils --help`` in the same run.

    .venv/bin/python bench/cli.py [--repeat 5]

Each figure is the best of --repeat runs. The extract pages are the bundled demo sites' largest
page each.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.demo.render import build_sites  # noqa: E402

BIN = Path(sys.executable).parent


def best_of(repeat: int, command: list[str]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pages = build_sites()
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for site in ("rsj", "portal", "news"):
            # the site's largest page: an article
            resource = max((r for (host, _), r in pages.items() if host.startswith(site)),
                           key=lambda r: len(r.body))
            file = Path(tmp) / f"{site}.html"
            file.write_bytes(resource.body)
            files.append(file)
        runs = [("sqlite-utils --help (baseline)", [str(BIN / "sqlite-utils"), "--help"]),
                ("newsarchive --help", [str(BIN / "newsarchive"), "--help"]),
                ("newsarchive search --help", [str(BIN / "newsarchive"), "search", "--help"])]
        runs += [(f"newsarchive extract {f.name}", [str(BIN / "newsarchive"), "extract", str(f)])
                 for f in files]
        baseline = None
        for label, command in runs:
            seconds = best_of(args.repeat, command)
            baseline = baseline or seconds
            print(f"{label:<40}{seconds * 1000:8.0f} ms   {seconds / baseline:5.1f}x the baseline")


if __name__ == "__main__":
    main()
