"""Paths that are not plain files, or stop being files while they are read: a named pipe, a
device, a symbolic link that loops, a file removed between choosing and parsing. Each is one
clear error for that file, never a hang or a traceback, and the other files still load."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from model.analysis.workspace import load_workspace
from model.errors import FilingError
from model.filing import load_filing
from model.readers import files
from model.readers.files import read_file_bytes, regular_file_size
from model.readers.files import file_hash
from model.session import SourceFile, SourceProblem, WorkspaceFile, check_sources
from tests.crafted import write_statement
from tests.support import REPO

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes (os.mkfifo) exist only on POSIX systems")


def export(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    # a hang would end here, as a failure, instead of stalling the suite
    return subprocess.run([sys.executable, str(REPO / "main.py"), "export", *args], capture_output=True, text=True, env=environment, timeout=120)


@needs_fifo
def test_a_named_pipe_given_to_the_export_is_refused_at_once(tmp_path):
    pipe = tmp_path / "statement.md"
    os.mkfifo(pipe)  # nobody ever writes to it: reading it would wait forever
    good = write_statement(tmp_path / "good.md")
    out = tmp_path / "facts.csv"
    result = export("--facts", str(out), str(pipe), str(good))
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["error: statement.md: not a regular file"]
    with open(out, encoding="utf-8", newline="") as stream:
        assert {row["file"] for row in csv.DictReader(stream)} == {"good.md"}


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
def test_a_device_is_not_a_regular_file():
    with pytest.raises(FilingError) as raised:
        load_filing("/dev/zero")
    assert raised.value.reason == "not a regular file"


def test_a_symbolic_link_that_loops_is_named_as_such(tmp_path):
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    first.symlink_to(second)
    second.symlink_to(first)
    with pytest.raises(FilingError) as raised:
        load_filing(first)
    assert raised.value.reason.startswith("a symbolic link that loops")


def test_a_broken_symbolic_link_names_where_it_leads(tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "gone.md")
    with pytest.raises(FilingError) as raised:
        load_filing(link)
    assert "gone.md" in raised.value.reason and "does not exist" in raised.value.reason


def test_reads_stop_at_the_size_limit(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(FilingError) as raised:
        read_file_bytes(path, limit=4096)
    assert raised.value.reason.startswith("the file is too large")
    assert regular_file_size(path) == 5000
    assert read_file_bytes(path, head=10) == b"x" * 10


def _removed_after_the_check(monkeypatch, victim):
    """The file passes the check, then disappears before a reader opens it."""
    check = files.regular_file_size

    def check_then_remove(path, limit=files.MAX_FILE_BYTES):
        size = check(path, limit)
        if Path(path) == victim:
            os.remove(victim)
        return size

    monkeypatch.setattr("model.readers.regular_file_size", check_then_remove)


def test_a_file_removed_between_choosing_and_parsing_is_one_failure(tmp_path, monkeypatch):
    doomed = write_statement(tmp_path / "doomed.md")
    kept = write_statement(tmp_path / "kept.md")
    _removed_after_the_check(monkeypatch, doomed)
    workspace = load_workspace([doomed, kept])
    assert [failure.message() for failure in workspace.failures] == ["doomed.md: the file was removed before it could be read"]
    assert [filing.file_name for filing in workspace.filings] == ["kept.md"]


def test_the_export_names_a_removed_file_and_exports_the_others(tmp_path, monkeypatch, capsys):
    from model.cli import run_export
    from model.parsing import pool

    doomed = write_statement(tmp_path / "doomed.md")
    kept = write_statement(tmp_path / "kept.md")
    hash_of = pool.content_hash

    def hash_then_remove(path):
        """The export chose the file (and read it for its cache), then it is gone before a worker parses it."""
        digest = hash_of(path)
        if Path(path) == doomed:
            os.remove(doomed)
        return digest

    monkeypatch.setattr(pool, "content_hash", hash_then_remove)
    out = tmp_path / "facts.csv"
    status = run_export(["--facts", str(out), "--jobs", "1", str(doomed), str(kept)], stderr=sys.stderr)
    assert status == 1
    assert capsys.readouterr().err.splitlines() == ["error: doomed.md: the file was removed before it could be read"]
    with open(out, encoding="utf-8", newline="") as stream:
        assert {row["file"] for row in csv.DictReader(stream)} == {"kept.md"}


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
def test_a_workspace_that_lists_a_device_is_reported_not_hashed(tmp_path):
    kept = write_statement(tmp_path / "kept.md")
    saved = WorkspaceFile([SourceFile("/dev/zero", "0" * 64), SourceFile(str(kept), file_hash(kept))])
    assert check_sources(saved) == [(saved.files[0], SourceProblem.NOT_A_FILE)]
    with pytest.raises(OSError):
        file_hash("/dev/zero")


@needs_fifo
def test_the_source_view_refuses_a_filing_that_became_a_pipe(tmp_path):
    from model.views.source import SourceUnavailable, text_excerpt

    pipe = tmp_path / "statement.md"
    os.mkfifo(pipe)
    with pytest.raises(SourceUnavailable, match="not a regular file"):
        text_excerpt(str(pipe), 3, "Revenue")


def test_a_file_removed_while_it_is_read_is_a_failure_not_a_crash(tmp_path):
    from model.views.checks import load_checked_filing

    doomed = write_statement(tmp_path / "doomed.md")

    def remove_when_done(fraction: float, message: str) -> None:
        if fraction >= 1.0 and doomed.exists():
            doomed.unlink()

    with pytest.raises(FilingError) as raised:
        load_checked_filing(str(doomed), remove_when_done)
    assert raised.value.reason == "the file was removed or replaced while it was read"
