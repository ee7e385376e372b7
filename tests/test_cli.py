"""The headless command line, exactly per the contract in ARCHITECTURE.md."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REFERENCE, REPO, needs_filings

FACT_HEADER = ["file", "statement", "line_item", "column", "kind", "period_start", "period_end", "value", "unit", "scale"]
CHANGE_HEADER = [
    "file", "statement", "line_item", "basis", "period_start", "period_end", "prior_start", "prior_end",
    "value", "prior_value", "change", "change_pct", "reported_change", "derived", "unit", "scale",
]


def run(*args: str, cwd=REPO) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, cwd=cwd, env=environment, timeout=120)


def read(path):
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


@needs_filings
def test_export_facts_and_changes(tmp_path):
    facts, changes = tmp_path / "facts.csv", tmp_path / "changes.csv"
    result = run("export", "--facts", str(facts), "--changes", str(changes), str(REFERENCE))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    fact_rows = read(facts)
    assert fact_rows[0][:10] == FACT_HEADER
    assert len(fact_rows) > 800
    change_rows = read(changes)
    assert change_rows[0][:16] == CHANGE_HEADER
    header = change_rows[0]
    rows = [dict(zip(header, row)) for row in change_rows[1:]]
    qoq = [
        r for r in rows
        if r["statement"] == "Operating Results Summary" and r["line_item"] == "Total revenues" and r["basis"] == "QoQ" and r["period_end"] == "2017-09-30"
    ]
    assert len(qoq) == 1
    assert (qoq[0]["value"], qoq[0]["prior_value"], qoq[0]["change"], qoq[0]["derived"]) == ("42024", "40964", "1060", "1")
    assert qoq[0]["change_pct"].startswith("2.58")
    assert (qoq[0]["prior_start"], qoq[0]["prior_end"]) == ("2017-04-01", "2017-06-30")
    yoy = [r for r in rows if r["statement"] == "Operating Results Summary" and r["line_item"] == "Total revenues" and r["basis"] == "YoY" and r["period_start"] == "2017-04-01" and r["period_end"] == "2017-09-30"]
    assert [(r["reported_change"], r["check"], r["derived"]) for r in yoy] == [("12.0", "tied", "0")]


@needs_filings
def test_a_failed_file_is_named_on_stderr_and_the_others_still_export(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(os.urandom(2048))
    missing = tmp_path / "missing.txt"
    out = tmp_path / "facts.csv"
    result = run("export", "--facts", str(out), str(broken), str(REFERENCE), str(missing))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("error: broken.pdf: ") and "PDF" in lines[0]
    assert lines[1] == "error: missing.txt: file not found"
    assert "Traceback" not in result.stderr
    rows = read(out)
    assert {row[0] for row in rows[1:]} == {REFERENCE.name}


def test_usage_errors_exit_2(tmp_path):
    assert run("export").returncode == 2
    assert run("export", str(tmp_path / "x.txt")).returncode == 2
    assert run("export", "--bogus", "x", str(tmp_path / "x.txt")).returncode == 2


def test_unreadable_inputs_get_plain_reasons(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "data.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "facts.csv"
    result = run("export", "--facts", str(out), str(empty), str(binary), str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: empty.txt: the file is empty",
        "error: data.bin: unsupported file type '.bin'; Tickmark reads PDF, HTML, text and markdown filings",
        f"error: {tmp_path.name}: is a folder, not a file",
    ]


@needs_filings
def test_exports_are_atomic_and_leave_no_temporary_files(tmp_path):
    out = tmp_path / "facts.csv"
    out.write_text("old contents\n")
    assert run("export", "--facts", str(out), str(REFERENCE)).returncode == 0
    assert read(out)[0][:10] == FACT_HEADER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.csv"]


@needs_filings
def test_input_files_are_never_modified(tmp_path):
    before = REFERENCE.read_bytes()
    run("export", "--facts", str(tmp_path / "f.csv"), "--changes", str(tmp_path / "c.csv"), str(REFERENCE))
    assert REFERENCE.read_bytes() == before


PARALLEL_SET = [
    "iij-1h-fy2017-release.txt",
    "costco_fy2023q3_earnings_release.pdf",
    "kroger_2023q2_press_release_p1-3.pdf",
    "apple_10q_fy2024q3.html",
    "apple_10q_fy2025q3.html",
    "lasertec_fy2026q3_tanshin.txt",
    "amcor_fy2023q4_earnings_release.pdf",
]


@needs_filings
def test_files_read_two_at_a_time_export_byte_for_byte_what_one_at_a_time_does(tmp_path):
    from tests.support import FILINGS

    paths = [str(FILINGS / name) for name in PARALLEL_SET if (FILINGS / name).exists()]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    paths.insert(2, str(broken))
    outputs = {}
    for jobs in ("1", "2"):
        folder = tmp_path / f"jobs-{jobs}"
        folder.mkdir()
        targets = [str(folder / name) for name in ("facts.csv", "changes.csv", "restatements.csv")]
        result = run("export", "--jobs", jobs, "--no-cache", "--facts", targets[0], "--changes", targets[1], "--restatements", targets[2], *paths)
        assert result.returncode == 1 and result.stderr.startswith("error: broken.pdf: "), result.stderr
        outputs[jobs] = (result.stderr, [Path(target).read_bytes() for target in targets])
    assert outputs["1"] == outputs["2"]
    assert len(read(tmp_path / "jobs-2" / "facts.csv")) > 1000


@needs_filings
def test_an_export_run_again_reads_from_the_cache_and_writes_the_same(tmp_path):
    environment_cache = tmp_path / "cache"
    outputs = []
    for _ in range(2):
        facts = tmp_path / f"facts-{len(outputs)}.csv"
        result = subprocess.run(
            [sys.executable, str(REPO / "main.py"), "export", "--facts", str(facts), str(REFERENCE)],
            capture_output=True, text=True, cwd=REPO, timeout=120, env=dict(os.environ, TICKMARK_CACHE_DIR=str(environment_cache)),
        )
        assert result.returncode == 0, result.stderr
        outputs.append(facts.read_bytes())
    assert outputs[0] == outputs[1] and len(list(environment_cache.glob("*.pickle"))) == 1


def test_limits_must_be_positive(tmp_path):
    for option in ("--jobs", "--memory-limit", "--time-limit"):
        result = run("export", option, "0", "--facts", str(tmp_path / "f.csv"), str(REFERENCE))
        assert result.returncode == 2 and "must be" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_among_the_files_is_one_error_and_the_export_ends(tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    facts = tmp_path / "facts.csv"
    result = run("export", "--time-limit", "3", "--facts", str(facts), str(fifo), str(REFERENCE))
    assert result.returncode == 1
    assert result.stderr.startswith("error: pipe.pdf: ") and result.stderr.count("\n") == 1, result.stderr
    assert len(read(facts)) > 800
