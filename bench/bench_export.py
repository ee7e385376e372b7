"""Time the headless export of each text filing in ../shared/filings.

    .venv/bin/python bench/bench_export.py [--runs 5]

Prints, per file: the in-process time to read, build statements, compute changes and write
both CSVs (median of the runs), and the wall time of the whole `main.py export` command
(process start to exit, median), which is what a user of the command line waits for.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from model.cli import run_export  # noqa: E402

FILINGS = REPO.parent / "shared" / "filings"
TEXT_SUFFIXES = (".txt", ".md")


def in_process(path: Path, out: Path) -> float:
    """The command line's own path (one workspace, both CSVs), without starting Python."""
    start = time.perf_counter()
    run_export(["--facts", str(out / "facts.csv"), "--changes", str(out / "changes.csv"), str(path)])
    return time.perf_counter() - start


def whole_command(path: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(REPO / "main.py"), "export", "--facts", str(out / "f.csv"), "--changes", str(out / "c.csv"), str(path)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not FILINGS.is_dir():
        sys.exit(f"no filings folder at {FILINGS}")
    files = sorted(p for p in FILINGS.iterdir() if p.suffix in TEXT_SUFFIXES)
    print(f"{'file':45} {'lines':>6} {'in-process ms':>14} {'command ms':>11}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for path in files:
            inner = statistics.median(in_process(path, out) for _ in range(args.runs))
            outer = statistics.median(whole_command(path, out) for _ in range(args.runs))
            lines = sum(1 for _ in path.open(encoding="utf-8", errors="replace"))
            print(f"{path.name:45} {lines:>6} {inner * 1000:>14.0f} {outer * 1000:>11.0f}")


if __name__ == "__main__":
    main()
