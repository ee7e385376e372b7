"""Mutated copies of real filings of every format (PDF, HTML, text, markdown): each one loads
to a filing or fails with a FilingError that says why, never with any other exception and
never hanging. The longer run, with hang and memory accounting, is bench/bench_fuzz.py."""

from __future__ import annotations

import signal
import sys
import traceback

import pytest

from tests.mutations import Outcome, load_outcome, mutations
from tests.support import filing

SEED = 20261206
COUNT = 300
SECONDS_PER_MUTATION = 30  # far beyond any of these small files' load time: only a hang reaches it
# small real filings, one or two of each format, so that the run stays well under a minute
SOURCES = (
    "kroger_2023q2_press_release_p1-3.pdf",
    "eaton_2023_10k_oci_bs_extract.pdf",
    "buckle_fy2024q3_8k_ex99-1.html",
    "kroger_2023q2_press_release_p1-3.gold.txt",
    "lasertec_fy2026q3_tanshin.txt",
    "apple_10q_fy2024q3.md",
)


class Hang(Exception):
    pass


def _hang(signum, frame):
    raise Hang


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="hangs are caught with an interval timer, which only POSIX systems have")
def test_mutated_filings_load_or_fail_cleanly(tmp_path):
    sources = [filing(name) for name in SOURCES]
    outcomes: dict[str, int] = {}
    failures: list[str] = []
    previous = signal.signal(signal.SIGALRM, _hang)
    try:
        for number, mutation in enumerate(mutations(sources, COUNT, SEED)):
            path = tmp_path / f"{number}{mutation.source.suffix}"
            path.write_bytes(mutation.data)
            signal.setitimer(signal.ITIMER_REAL, SECONDS_PER_MUTATION)
            try:
                outcome, _ = load_outcome(path)
            except Hang:
                failures.append(f"{mutation.name}: still loading after {SECONDS_PER_MUTATION} s")
                continue
            except Exception:  # noqa: BLE001 - any other exception is exactly what this test looks for
                failures.append(f"{mutation.name}: {traceback.format_exc(limit=-3)}")
                continue
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            path.unlink()
    finally:
        signal.signal(signal.SIGALRM, previous)
    print(f"{COUNT} mutations: {outcomes}", file=sys.stderr)
    assert not failures, "\n".join(failures)
    assert outcomes.get(Outcome.CLEAN, 0) > 0 and outcomes.get(Outcome.ERROR, 0) > 0, "the mutations reach both outcomes"
