"""Compare pdfium's words and rules with pdfplumber's on every page the PDF reader lays out,
in every shared PDF (../shared/filings) and every fidelity print (../shared/fidelity/docs):
the exhaustive run of what tests/test_pdf_char_sources.py checks on a sample of pages.

    .venv/bin/python bench/compare_char_sources.py [--all-pages] [NAME_FRAGMENT ...]

Prints per file how many pages pdfium read and which of them differ, with the first
differences; exits 1 when any page pdfium reads differs. --all-pages compares every page of
every file, not only the pages laid out (slow: pdfplumber takes ~0.1-0.5 s a page).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from model.readers import pdf  # noqa: E402
from tests.char_sources import compare_pages  # noqa: E402

SHARED = REPO.parent / "shared"


def shared_pdfs() -> list[Path]:
    return sorted((SHARED / "filings").glob("*.pdf")) + sorted((SHARED / "fidelity" / "docs").glob("*_print.pdf"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all-pages", action="store_true")
    parser.add_argument("names", nargs="*", help="only files whose name contains one of these")
    args = parser.parse_args()
    paths = [path for path in shared_pdfs() if not args.names or any(name in path.name for name in args.names)]
    if not paths:
        print(f"no PDFs under {SHARED}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    compared = differing = left_to_pdfplumber = 0
    for path in paths:
        texts, _ = pdf.read_page_texts(path)
        numbers = list(range(1, len(texts) + 1)) if args.all_pages else pdf.find_table_pages(texts)
        comparisons = compare_pages(path, numbers)
        read = [c for c in comparisons if c.read_by_pdfium]
        bad = [c for c in read if c.differences]
        compared += len(read)
        differing += len(bad)
        left_to_pdfplumber += len(comparisons) - len(read)
        print(f"{path.name:<55} pages {len(comparisons):>3}  pdfium {len(read):>3}  differing {len(bad):>3}", flush=True)
        for comparison in bad[:5]:
            print(f"    page {comparison.number}: " + "; ".join(comparison.differences[:3]))
    print(f"{compared} pages read by pdfium, {differing} differ; {left_to_pdfplumber} left to pdfplumber; {time.perf_counter() - start:.0f} s")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
