"""Thousands of mutated copies of the real filings through the export's whole path (load,
checks, changes, CSV rows), each in a worker process with a time limit.

    .venv/bin/python bench/bench_fuzz.py [--count 2000] [--seed 1] [--timeout 60] [--workers 2] [--max-bytes 700000]

Counts clean results (a filing), clean errors (a FilingError with its reason), crashes (any
other exception, or a worker process that died) and hangs (no answer within --timeout
seconds: the worker is killed and replaced), and reports the peak memory of any worker and
the slowest mutations. The mutations are those of tests/mutations.py, over every filing in
../shared/filings no larger than --max-bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import selectors
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.mutations import Mutation, load_outcome, mutations  # noqa: E402

FILINGS = REPO.parent / "shared" / "filings"
SUFFIXES = (".pdf", ".htm", ".html", ".txt", ".md")
CRASH = "crash"
HANG = "hang"
WORKER_ADDRESS_SPACE = 8 * 1024**3  # far above the 1.5 GB a parse may use: a runaway one fails here, not the machine


def serve() -> None:
    """The worker: one path per line in, one JSON answer per line out."""
    resource.setrlimit(resource.RLIMIT_AS, (WORKER_ADDRESS_SPACE, WORKER_ADDRESS_SPACE))
    for line in sys.stdin:
        started = time.perf_counter()
        try:
            outcome, detail = load_outcome(Path(line.rstrip("\n")))
        except Exception:  # noqa: BLE001 - every other exception is what this bench counts
            outcome, detail = CRASH, traceback.format_exc(limit=-4)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        print(json.dumps({"outcome": outcome, "detail": detail, "peak_kib": peak, "seconds": time.perf_counter() - started}), flush=True)


class Worker:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        self.task: tuple[int, Mutation] | None = None
        self.deadline = 0.0

    def give(self, number: int, mutation: Mutation, path: Path, timeout: float) -> None:
        self.task = (number, mutation)
        self.deadline = time.monotonic() + timeout
        self.process.stdin.write(f"{path}\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


@dataclass
class Tally:
    outcomes: Counter = field(default_factory=Counter)
    peak_kib: int = 0
    problems: list[str] = field(default_factory=list)
    slowest: list[tuple[float, str]] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)


def run(mutants: list[Mutation], timeout: float, workers: int, folder: Path) -> Tally:
    tally = Tally()
    pending = list(enumerate(mutants))
    pool = [Worker() for _ in range(workers)]
    selector = selectors.DefaultSelector()
    for worker in pool:
        selector.register(worker.process.stdout, selectors.EVENT_READ, worker)

    def replace(worker: Worker) -> None:
        selector.unregister(worker.process.stdout)
        worker.stop()
        fresh = Worker()
        pool[pool.index(worker)] = fresh
        selector.register(fresh.process.stdout, selectors.EVENT_READ, fresh)

    def feed() -> None:
        for worker in pool:
            if worker.task is None and pending:
                number, mutation = pending.pop(0)
                path = folder / f"{number}{mutation.source.suffix}"
                path.write_bytes(mutation.data)
                worker.give(number, mutation, path, timeout)

    done = reported = 0
    feed()
    while any(worker.task is not None for worker in pool):
        for key, _ in selector.select(timeout=1.0):
            worker = key.data
            line = worker.process.stdout.readline()
            number, mutation = worker.task
            worker.task = None
            (folder / f"{number}{mutation.source.suffix}").unlink(missing_ok=True)
            done += 1
            if not line:  # the worker died: a signal, an abort in a library
                tally.outcomes[CRASH] += 1
                tally.problems.append(f"{mutation.name}: the worker process died (exit {worker.process.wait()})")
                replace(worker)
                continue
            answer = json.loads(line)
            tally.outcomes[answer["outcome"]] += 1
            tally.peak_kib = max(tally.peak_kib, answer["peak_kib"])
            tally.slowest = sorted([*tally.slowest, (answer["seconds"], mutation.name)], reverse=True)[:5]
            if answer["outcome"] == CRASH:
                tally.problems.append(f"{mutation.name}: {answer['detail']}")
            elif answer["outcome"] != "clean result":
                tally.reasons[answer["detail"].split(":")[0][:60]] += 1
        now = time.monotonic()
        for worker in list(pool):
            if worker.task is not None and now > worker.deadline:
                number, mutation = worker.task
                tally.outcomes[HANG] += 1
                tally.problems.append(f"{mutation.name}: no answer after {timeout:.0f} s")
                (folder / f"{number}{mutation.source.suffix}").unlink(missing_ok=True)
                worker.task = None
                done += 1
                replace(worker)
        feed()
        if done // 250 > reported:
            reported = done // 250
            print(f"  {done} of {len(mutants)}: {dict(tally.outcomes)}", flush=True)
    for worker in pool:
        worker.stop()
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a mutation counts as a hang")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-bytes", type=int, default=700_000, help="leave out larger filings, whose parses take long")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve()
        return 0
    if not FILINGS.is_dir():
        print(f"no filings at {FILINGS}: nothing to mutate", file=sys.stderr)
        return 2
    sources = sorted(p for p in FILINGS.iterdir() if p.suffix.lower() in SUFFIXES and p.stat().st_size <= args.max_bytes)
    print(f"{args.count} mutations of {len(sources)} filings ({', '.join(sorted({p.suffix for p in sources}))}), seed {args.seed}, {args.workers} workers")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tickmark-fuzz-") as folder:
        tally = run(mutations(sources, args.count, args.seed), args.timeout, args.workers, Path(folder))
    print(f"\n{args.count} mutations in {time.perf_counter() - started:.0f} s")
    for outcome in ("clean result", "clean error", CRASH, HANG):
        print(f"  {outcome:13} {tally.outcomes[outcome]:6}")
    print(f"  peak memory of a worker: {tally.peak_kib / 1024:.0f} MB")
    print("  most frequent clean errors:")
    for reason, count in tally.reasons.most_common(8):
        print(f"    {count:5}  {reason}")
    print("  slowest:")
    for seconds, name in tally.slowest:
        print(f"    {seconds:6.1f} s  {name}")
    for problem in tally.problems:
        print(f"PROBLEM {problem}")
    return 1 if tally.problems else 0


if __name__ == "__main__":
    sys.exit(main())
