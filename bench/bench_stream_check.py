"""What the inflate-bomb check costs on real PDFs: every Flate stream inflated once, before
pdfium opens the file.

    .venv/bin/python bench/bench_stream_check.py [--runs 5]

Prints, per PDF in ../shared/filings: its size, how many Flate streams it holds, how many bytes
they inflate to, and the check's time (median of the runs, the file's read included).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from model.readers.files import read_file_bytes  # noqa: E402
from model.readers.pdf.stream_sizes import MAX_STREAM_BYTES, check_stream_sizes, flate_streams, inflated_size  # noqa: E402

FILINGS = REPO.parent / "shared" / "filings"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    total = 0.0
    for path in sorted(FILINGS.glob("*.pdf")):
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            check_stream_sizes(path, read_file_bytes(path))
            times.append(time.perf_counter() - started)
        data = path.read_bytes()
        streams = list(flate_streams(data))
        inflated = sum(inflated_size(stream, MAX_STREAM_BYTES) for stream in streams)
        median = statistics.median(times)
        total += median
        print(f"{path.name:58} {len(data) / 1e6:5.2f} MB  {len(streams):4} streams  {inflated / 1e6:6.1f} MB inflated  {median * 1000:6.1f} ms")
    print(f"all PDFs: {total * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
