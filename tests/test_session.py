from pathlib import Path

import pytest

from model.session import (
    Autosave,
    SourceProblem,
    WorkspaceFile,
    WorkspaceFileError,
    check_sources,
    describe_sources,
    read_workspace_file,
    save_workspace_file,
)
from model.analysis.workspace import Choice
from model.analysis.line_alignment import LineJoin, LineMapping


def sample_workspace(tmp_path: Path) -> WorkspaceFile:
    filing = tmp_path / "q1.txt"
    filing.write_text("Total revenues\t1\t2\n", encoding="utf-8")
    mapping = LineMapping(joins=[LineJoin(("income statement", "consolidated"), "other income expense", "other expense net")])
    return WorkspaceFile(describe_sources([filing]), mapping, Choice.FIRST, {"statement": "income statement", "scale": 1000})


def test_a_workspace_file_round_trips(tmp_path):
    original = sample_workspace(tmp_path)
    path = tmp_path / "analysis.tickmark"
    save_workspace_file(path, original)
    again = read_workspace_file(path)
    assert again == original


def test_moved_or_changed_filings_are_reported(tmp_path):
    workspace = sample_workspace(tmp_path)
    assert check_sources(workspace) == []
    Path(workspace.files[0].path).write_text("changed", encoding="utf-8")
    assert [problem for _, problem in check_sources(workspace)] == [SourceProblem.CHANGED]
    Path(workspace.files[0].path).unlink()
    assert [problem for _, problem in check_sources(workspace)] == [SourceProblem.MISSING]


def test_damaged_files_get_a_plain_reason(tmp_path):
    path = tmp_path / "bad.tickmark"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(WorkspaceFileError, match="broken JSON"):
        read_workspace_file(path)
    path.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(WorkspaceFileError, match="not a Tickmark workspace"):
        read_workspace_file(path)


def test_a_session_that_did_not_finish_is_offered_back(tmp_path):
    autosave = Autosave(tmp_path / "data")
    assert autosave.crashed_session() is None
    autosave.start()
    autosave.save(sample_workspace(tmp_path))
    # the process dies here: nothing calls finish()
    again = Autosave(tmp_path / "data")
    restored = again.crashed_session()
    assert restored is not None and restored.choice is Choice.FIRST
    again.finish()
    assert Autosave(tmp_path / "data").crashed_session() is None


def test_a_running_tickmark_is_not_taken_for_a_crashed_one(tmp_path):
    import subprocess
    import sys

    folder = tmp_path / "data"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        session = f"{other.pid}-1"
        folder.mkdir()
        (folder / f"session-{session}.running").write_text(str(other.pid), encoding="utf-8")
        save_workspace_file(folder / f"autosave-{session}.tickmark", sample_workspace(tmp_path))
        assert Autosave(folder).crashed_session() is None
    finally:
        other.kill()
        other.wait()
    assert Autosave(folder).crashed_session() is not None  # its process is gone now


def test_two_sessions_keep_their_own_snapshots(tmp_path):
    first, second = Autosave(tmp_path), Autosave(tmp_path)
    first.start()
    second.start()
    first.save(sample_workspace(tmp_path))
    second.save(sample_workspace(tmp_path))
    first.finish()
    assert second.snapshot.exists() and not first.snapshot.exists()
