"""Parsing in worker processes: limits, cancellation, results as plain data, and the cache."""

from __future__ import annotations

import os
import pickle
import threading
from pathlib import Path

import pytest

from model.export import write_facts_csv
from model.parsing.cache import MAGIC, ParseCache, content_hash, entry_key
from model.parsing.job import CHECKED_FILING_JOB, Cancelled, Crashed, Failed, Finished, Loaded, Started
from model.parsing.limits import MB, ParseSettings
from model.parsing.pool import ParsePool, parse_in_order
from tests.crafted import inflate_bomb_pdf
from tests.parsing_jobs import read_text
from tests.support import SAMPLE, filing

READ_TEXT = "tests.parsing_jobs:read_text"


def _texts(folder: Path, *names: str) -> list[Path]:
    paths = []
    for name in names:
        path = folder / name
        path.write_text(f"contents of {name}", encoding="utf-8")
        paths.append(path)
    return paths


def _settings(tmp_path: Path, **changes) -> ParseSettings:
    return ParseSettings(**{"jobs": 2, "cache_folder": tmp_path / "cache", **changes})


def test_files_read_in_workers_come_back_in_the_order_given(tmp_path):
    paths = _texts(tmp_path, "a.txt", "bad-b.txt", "c.txt")
    outcomes = parse_in_order(paths, _settings(tmp_path), read_text)
    assert outcomes == [Loaded("contents of a.txt"), Failed(str(paths[1]), "not a filing"), Loaded("contents of c.txt")]


def test_a_file_that_needs_more_memory_than_the_limit_is_one_error_and_the_others_load(tmp_path):
    paths = _texts(tmp_path, "a.txt", "huge-b.txt", "c.txt", "d.txt")
    outcomes = parse_in_order(paths, _settings(tmp_path, memory_limit=512 * MB), "tests.parsing_jobs:greedy")
    assert [type(o) for o in outcomes] == [Loaded, Failed, Loaded, Loaded]
    assert outcomes[1].reason == "the file needs more memory than the 512 MB limit"


def test_an_inflate_bomb_pdf_is_one_error_and_the_real_filing_beside_it_loads(tmp_path):
    bomb = inflate_bomb_pdf(tmp_path / "bomb.pdf", 1 << 30)
    assert bomb.stat().st_size < 2 * MB
    real = filing("costco_fy2023q3_earnings_release.pdf")
    outcomes = parse_in_order([bomb, real], _settings(tmp_path, memory_limit=400 * MB, cache=False), CHECKED_FILING_JOB)
    assert isinstance(outcomes[0], Failed)
    # refused by the stream check (model/readers/pdf/stream_sizes.py) before pdfium allocates anything
    assert outcomes[0].reason.startswith("the PDF holds a stream too large to read safely")
    assert isinstance(outcomes[1], Loaded) and outcomes[1].value.filing.statements


def test_a_file_that_outlives_the_time_limit_is_one_error_and_the_others_load(tmp_path):
    paths = _texts(tmp_path, "stuck-a.txt", "b.txt", "c.txt")
    outcomes = parse_in_order(paths, _settings(tmp_path, time_limit=1.0), "tests.parsing_jobs:stuck")
    assert outcomes[0] == Failed(str(paths[0]), "reading stopped after 1 s, the time limit for one file")
    assert outcomes[1:] == [Loaded("contents of b.txt"), Loaded("contents of c.txt")]


def test_a_reader_bug_in_a_worker_comes_back_with_its_traceback(tmp_path):
    [path] = _texts(tmp_path, "a.txt")
    [outcome] = parse_in_order([path], _settings(tmp_path), "tests.parsing_jobs:broken")
    assert isinstance(outcome, Crashed)
    assert outcome.error == "KeyError: \"a reader's bug\"" and "parsing_jobs.py" in outcome.details


class _Events:
    def __init__(self) -> None:
        self.events: list[object] = []
        self.changed = threading.Condition()

    def __call__(self, event: object) -> None:
        with self.changed:
            self.events.append(event)
            self.changed.notify_all()

    def wait_for(self, predicate, timeout: float = 60.0) -> list[object]:
        with self.changed:
            assert self.changed.wait_for(lambda: any(predicate(e) for e in self.events), timeout), self.events
            return [e for e in self.events if predicate(e)]


def test_cancelling_ends_a_running_job_with_its_worker_and_drops_the_queued_ones(tmp_path):
    paths = _texts(tmp_path, "stuck-a.txt", "b.txt")
    events = _Events()
    pool = ParsePool(_settings(tmp_path, jobs=1, time_limit=None), events, "tests.parsing_jobs:stuck")
    try:
        running, queued = pool.submit(paths[0]), pool.submit(paths[1])
        events.wait_for(lambda e: e == Started(running))
        [worker] = pool._workers
        pool.cancel([running, queued])
        events.wait_for(lambda e: isinstance(e, Finished) and e.ticket == running)
        finished = [e for e in events.events if isinstance(e, Finished)]
        assert {(e.ticket, type(e.outcome)) for e in finished} == {(running, Cancelled), (queued, Cancelled)}
        assert not worker.process.is_alive()
    finally:
        pool.close()


def test_closing_the_pool_ends_a_stuck_worker(tmp_path):
    [path] = _texts(tmp_path, "stuck-a.txt")
    events = _Events()
    pool = ParsePool(_settings(tmp_path, time_limit=None), events, "tests.parsing_jobs:stuck")
    ticket = pool.submit(path)
    events.wait_for(lambda e: e == Started(ticket))
    [worker] = pool._workers
    pool.close()
    worker.process.join(5)
    assert worker.process.exitcode is not None and not pool._thread.is_alive()


def test_a_checked_filing_survives_the_trip_across_the_process_boundary(tmp_path):
    from model.views.checks import load_checked_filing

    here = load_checked_filing(str(SAMPLE))
    [outcome] = parse_in_order([SAMPLE], _settings(tmp_path, cache=False), CHECKED_FILING_JOB)
    there = outcome.value
    assert type(there) is type(here) and there.sha256 == here.sha256
    assert [c.count for c in there.checks] == [c.count for c in here.checks]
    write_facts_csv(tmp_path / "here.csv", [here.filing])
    write_facts_csv(tmp_path / "there.csv", [there.filing])
    assert (tmp_path / "here.csv").read_bytes() == (tmp_path / "there.csv").read_bytes()
    assert pickle.loads(pickle.dumps(there)).filing.statements[0].title == here.filing.statements[0].title


# ----------------------------------------------------------------------------- the cache


def test_a_file_read_again_comes_from_the_cache(tmp_path):
    [path] = _texts(tmp_path, "a.txt")
    settings = _settings(tmp_path)
    assert parse_in_order([path], settings, read_text) == [Loaded("contents of a.txt")]
    assert parse_in_order([path], settings, read_text) == [Loaded("contents of a.txt", from_cache=True)]


def test_a_changed_file_misses_the_cache(tmp_path):
    [path] = _texts(tmp_path, "a.txt")
    settings = _settings(tmp_path)
    parse_in_order([path], settings, read_text)
    path.write_text("new contents", encoding="utf-8")
    assert parse_in_order([path], settings, read_text) == [Loaded("new contents")]
    assert parse_in_order([path], settings, read_text) == [Loaded("new contents", from_cache=True)]


@pytest.mark.parametrize("damage", ["truncated", "garbage", "foreign"])
def test_a_damaged_or_foreign_cache_entry_is_discarded_and_the_file_parsed_again(tmp_path, damage):
    [path] = _texts(tmp_path, "a.txt")
    settings = _settings(tmp_path)
    parse_in_order([path], settings, read_text)
    [entry] = (tmp_path / "cache").glob("*.pickle")
    data = entry.read_bytes()
    entry.write_bytes({"truncated": data[:-5], "garbage": data[: len(MAGIC) + 65] + os.urandom(64), "foreign": b"PK\x03\x04" + data[4:]}[damage])
    assert parse_in_order([path], settings, read_text) == [Loaded("contents of a.txt")]
    assert parse_in_order([path], settings, read_text) == [Loaded("contents of a.txt", from_cache=True)], "stored again, whole"


def test_the_cache_stays_under_its_size_by_dropping_the_entries_used_longest_ago(tmp_path):
    cache = ParseCache(tmp_path / "cache", max_bytes=2500)
    for number in range(3):
        cache.store(f"{number:064x}", b"x" * 1000)
        os.utime(cache.folder / f"{number:064x}.pickle", (1000 + number, 1000 + number))
    assert cache.load(f"{0:064x}") is None, "the oldest went when the third arrived"
    assert cache.use().entries == 2
    cache.store(f"{3:064x}", pickle.dumps("newest"))
    assert cache.load(f"{3:064x}") == "newest" and cache.load(f"{1:064x}") is None


def test_a_password_protected_load_is_never_cached(tmp_path):
    [path] = _texts(tmp_path, "a.txt")
    outcomes = []
    settings = _settings(tmp_path)
    for _ in range(2):
        events = _Events()
        pool = ParsePool(settings, events, read_text)
        try:
            ticket = pool.submit(path, password="secret")
            [done] = events.wait_for(lambda e: isinstance(e, Finished) and e.ticket == ticket)
        finally:
            pool.close()
        outcomes.append(done.outcome)
    assert outcomes == [Loaded("contents of a.txt"), Loaded("contents of a.txt")]
    assert not list((tmp_path / "cache").glob("*.pickle"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_anything_but_a_regular_file_has_no_content_hash(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert content_hash(fifo) is None and content_hash(tmp_path) is None
    [path] = _texts(tmp_path, "a.txt")
    assert entry_key(content_hash(path), path, READ_TEXT) != entry_key(content_hash(path), tmp_path / "b.txt", READ_TEXT)
