"""Time the headless export: each text filing, every shared filing serially against in
parallel, and a parsed file reopened from the cache.

    .venv/bin/python bench/bench_export.py [--runs 5] [--jobs 2] [--skip-text]

Prints
* per text file: the in-process time to read, build statements, compute changes and write
  both CSVs (median of the runs), and the wall time of the whole `main.py export` command
  (process start to exit, median), which is what a user of the command line waits for;
* the whole `export` of every shared filing (PDF, HTML, text) with `--jobs 1` and with
  `--jobs N` in the same run, without the cache, and whether both wrote the same bytes;
* the time to reopen each filing once it is in the cache (submit to result, in process).

The cache is a temporary folder of this run, never the user's.
"""

from __future__ import annotations

import argparse
import os
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
FILING_SUFFIXES = (".pdf", ".html", ".htm", ".txt", ".md")


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


def export_all(paths: list[Path], out: Path, jobs: int) -> tuple[float, list[bytes]]:
    """The whole command over every filing: wall time and the CSVs it wrote."""
    targets = [out / f"{kind}-{jobs}.csv" for kind in ("facts", "changes")]
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(REPO / "main.py"), "export", "--jobs", str(jobs), "--no-cache", "--facts", str(targets[0]), "--changes", str(targets[1]), *map(str, paths)],
        capture_output=True,
    )
    return time.perf_counter() - start, [target.read_bytes() for target in targets]


def reopen_times(paths: list[Path]) -> list[tuple[str, float]]:
    """Each filing parsed once into the cache, then reopened: submit to result, in process."""
    import threading

    from model.parsing.job import CHECKED_FILING_JOB, Finished, Loaded
    from model.parsing.limits import ParseSettings
    from model.parsing.pool import ParsePool, parse_in_order

    settings = ParseSettings()
    parse_in_order(paths, settings, CHECKED_FILING_JOB)
    finished: dict[int, object] = {}
    arrived = threading.Condition()

    def listen(event: object) -> None:
        if isinstance(event, Finished):
            with arrived:
                finished[event.ticket] = event.outcome
                arrived.notify_all()

    pool = ParsePool(settings, listen, CHECKED_FILING_JOB)
    times = []
    try:
        for path in paths:
            start = time.perf_counter()
            ticket = pool.submit(path)
            with arrived:
                arrived.wait_for(lambda: ticket in finished)
            elapsed = time.perf_counter() - start
            outcome = finished[ticket]
            times.append((path.name, elapsed if isinstance(outcome, Loaded) and outcome.from_cache else float("nan")))
    finally:
        pool.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2, help="the parallel run's worker processes (default 2)")
    parser.add_argument("--skip-text", action="store_true", help="skip the per-file timing of the text filings")
    args = parser.parse_args()
    if not FILINGS.is_dir():
        sys.exit(f"no filings folder at {FILINGS}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        os.environ["TICKMARK_CACHE_DIR"] = str(out / "cache")
        if not args.skip_text:
            files = sorted(p for p in FILINGS.iterdir() if p.suffix in TEXT_SUFFIXES)
            print(f"{'file':45} {'lines':>6} {'in-process ms':>14} {'command ms':>11}")
            for path in files:
                inner = statistics.median(in_process(path, out) for _ in range(args.runs))
                outer = statistics.median(whole_command(path, out) for _ in range(args.runs))
                lines = sum(1 for _ in path.open(encoding="utf-8", errors="replace"))
                print(f"{path.name:45} {lines:>6} {inner * 1000:>14.0f} {outer * 1000:>11.0f}")

        filings = sorted(p for p in FILINGS.iterdir() if p.suffix in FILING_SUFFIXES)
        serial, serial_out = export_all(filings, out, 1)
        parallel, parallel_out = export_all(filings, out, args.jobs)
        print(f"\nexport of {len(filings)} filings, no cache:  --jobs 1 {serial:6.1f} s   --jobs {args.jobs} {parallel:6.1f} s   ratio {parallel / serial:.2f}")
        print(f"  same bytes written: {serial_out == parallel_out}")

        times = reopen_times(filings)
        print(f"\nreopening a parsed filing from the cache ({len(times)} filings): median {statistics.median(t for _, t in times) * 1000:.0f} ms")
        for name, seconds in sorted(times, key=lambda item: -item[1])[:5]:
            print(f"  {name:50} {seconds * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
