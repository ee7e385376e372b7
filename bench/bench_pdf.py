"""Time the PDF reader on each PDF in ../shared/filings, beside camelot's stream flavour,
pdfplumber's extract_words and pypdfium2's plain text, in one run.

    .venv/bin/python bench/bench_pdf.py [--runs 1] [--camelot-python /tmp/camelot-venv/bin/python]

camelot is no dependency of Tickmark: install it in a throw-away virtual environment
(`python3 -m venv /tmp/camelot-venv && /tmp/camelot-venv/bin/pip install camelot-py==2.0.0`)
and name its interpreter; it then reads every page of each file (`pages="all"`,
`flavor="stream"`) in a subprocess. Without --camelot-python its column stays empty.

Prints, per file: its pages, how many of them got a layout analysis and how many of those
pdfium read (the rest pdfplumber), then ms per page of the document for each tool (median of
the runs); then per tool the total time over the total pages of the files every tool read,
and Tickmark's time as a multiple of camelot's.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pdfplumber  # noqa: E402
import pypdfium2  # noqa: E402

from model.readers import pdf  # noqa: E402
from model.readers.pdf.pdfium_page import read_pages  # noqa: E402

FILINGS = REPO.parent / "shared" / "filings"

CAMELOT_SCRIPT = """
import json, sys, time
import camelot
path = sys.argv[1]
start = time.perf_counter()
try:
    camelot.read_pdf(path, pages="all", flavor="stream")
except Exception as error:  # a bench reports whatever camelot cannot read, and goes on
    print(json.dumps({"error": repr(error)}))
else:
    print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def median_seconds(action: Callable[[], object], runs: int) -> float:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def plumber_words(path: Path) -> None:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(path) as document:
        for page in document.pages:
            page.extract_words(extra_attrs=["size"])
            page.close()


def pdfium_text(path: Path) -> None:
    document = pypdfium2.PdfDocument(path)
    for page in document:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    document.close()


def camelot_seconds(python: str, path: Path, runs: int) -> float | None:
    seconds = []
    for _ in range(runs):
        done = subprocess.run([python, "-c", CAMELOT_SCRIPT, str(path)], capture_output=True, text=True, check=False)
        lines = done.stdout.strip().splitlines()
        result = json.loads(lines[-1]) if lines else {"error": done.stderr.strip().splitlines()[-1:]}
        if "seconds" not in result:
            print(f"  camelot could not read {path.name}: {result['error']}", file=sys.stderr)
            return None
        seconds.append(result["seconds"])
    return statistics.median(seconds)


def pdfium_share(path: Path) -> tuple[int, int]:
    """Pages laid out, and how many of them pdfium read."""
    texts, _ = pdf.read_page_texts(path)
    numbers = pdf.find_table_pages(texts)
    return len(numbers), sum(1 for _, content in read_pages(path, numbers) if content is not None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--camelot-python", help="the interpreter of a virtual environment with camelot-py installed")
    parser.add_argument("--skip-pdfplumber", action="store_true", help="leave out the slowest column")
    args = parser.parse_args()
    if not FILINGS.is_dir():
        print(f"no filings folder at {FILINGS}", file=sys.stderr)
        return 2
    tools = ["tickmark", "camelot", "pdfplumber", "pdfium_text"]
    totals = {tool: 0.0 for tool in tools}
    pages_total = 0
    header = f"{'file':<52} {'pages':>5} {'laid out':>8} {'pdfium':>6} " + " ".join(f"{tool:>11}" for tool in tools)
    print(header + "   (ms/page)")
    for path in sorted(FILINGS.glob("*.pdf")):
        pages = len(pdf.read_page_texts(path)[0])
        laid_out, by_pdfium = pdfium_share(path)
        seconds: dict[str, float | None] = {
            "tickmark": median_seconds(lambda: pdf.read(path), args.runs),
            "camelot": camelot_seconds(args.camelot_python, path, args.runs) if args.camelot_python else None,
            "pdfplumber": None if args.skip_pdfplumber else median_seconds(lambda: plumber_words(path), args.runs),
            "pdfium_text": median_seconds(lambda: pdfium_text(path), args.runs),
        }
        cells = " ".join(f"{1000 * value / pages:>11.1f}" if value is not None else f"{'-':>11}" for value in seconds.values())
        print(f"{path.name:<52} {pages:>5} {laid_out:>8} {by_pdfium:>6} {cells}", flush=True)
        if all(value is not None for tool, value in seconds.items() if _measured(tool, args)):
            pages_total += pages
            for tool, value in seconds.items():
                totals[tool] += value or 0.0
    print(f"over {pages_total} pages of the files every tool read (ms/page):")
    for tool in tools:
        print(f"  {tool:<12} {1000 * totals[tool] / max(pages_total, 1):8.1f}")
    if args.camelot_python and totals["camelot"]:
        print(f"Tickmark / camelot stream: {totals['tickmark'] / totals['camelot']:.2f}x")
    return 0


def _measured(tool: str, args: argparse.Namespace) -> bool:
    return not ((tool == "camelot" and not args.camelot_python) or (tool == "pdfplumber" and args.skip_pdfplumber))


if __name__ == "__main__":
    sys.exit(main())
