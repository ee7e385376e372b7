"""Time the PDF reader on each PDF in ../shared/filings.

    .venv/bin/python bench/bench_pdf.py [--runs 3]

Prints, per file: its pages, how many of them got a layout analysis, the time of the whole
read (median of the runs) and that time per page of the document; then the median of the
per-page figures over all files, which is what the speed target is stated in.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from model.readers import pdf  # noqa: E402

FILINGS = REPO.parent / "shared" / "filings"


def time_read(path: Path, runs: int) -> tuple[int, int, float]:
    """Pages, pages laid out, median seconds of a whole read."""
    seconds = []
    pages = laid_out = 0
    for _ in range(runs):
        start = time.perf_counter()
        document = pdf.read(path)
        seconds.append(time.perf_counter() - start)
        pages = document.page_count or 0
    texts, _ = pdf.read_page_texts(path)
    laid_out = len(pdf.find_table_pages(texts))
    return pages, laid_out, statistics.median(seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not FILINGS.is_dir():
        print(f"no filings folder at {FILINGS}", file=sys.stderr)
        return 2
    per_page = []
    print(f"{'file':<55} {'pages':>5} {'laid out':>8} {'read ms':>9} {'ms/page':>8}")
    for path in sorted(FILINGS.glob("*.pdf")):
        pages, laid_out, seconds = time_read(path, args.runs)
        ms_per_page = 1000 * seconds / pages
        per_page.append(ms_per_page)
        print(f"{path.name:<55} {pages:>5} {laid_out:>8} {1000 * seconds:>9.0f} {ms_per_page:>8.1f}")
    print(f"median ms/page over {len(per_page)} files: {statistics.median(per_page):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
