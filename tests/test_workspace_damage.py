"""Damaged workspace files: each is refused with "this workspace file is damaged: <reason>",
never an unhandled error; a damaged autosave is set aside (renamed, not deleted), once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.session import DAMAGED_SUFFIX, Autosave, WorkspaceFile, WorkspaceFileError, describe_sources, from_json, read_workspace_file, to_json
from tests.crafted import write_statement


def saved_json(tmp_path: Path) -> dict:
    workspace = WorkspaceFile(describe_sources([write_statement(tmp_path / "q1.md")]), view={"scale": "millions", "statement": 0})
    return json.loads(to_json(workspace))


def damaged_reason(text: str) -> str:
    with pytest.raises(WorkspaceFileError) as raised:
        from_json(text, "broken.tickmark")
    return raised.value.reason


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"view": "abc"}, "'view' is text, not an object"),
        ({"version": "2"}, "'version' is text, not a whole number"),
        ({"version": True}, "'version' is true or false, not a whole number"),
        ({"files": {"path": "x"}}, "'files' is an object, not a list"),
        ({"files": [{"path": "/x/q1.md", "sha256": "abc"}]}, "'files' item 1: 'sha256' is not a SHA-256 hex digest"),
        ({"files": [{"path": 7, "sha256": "0" * 64}]}, "'files' item 1: 'path' is a whole number, not text"),
        ({"choice": "newest"}, "'choice' is 'newest', not one of 'latest', 'as first reported'"),
        ({"mapping": {"joins": [{"statement": ["a"], "keep": "x", "absorb": "y"}]}}, "'joins' of 'mapping' item 1: 'statement' has 1 parts, not 2"),
        ({"view": {"statement": "income"}}, "'view': 'statement' is text, not a whole number"),
        ({"view": {"workspace_statement": ["a", 2]}}, "'view': 'workspace_statement' part 2 is a whole number, not text"),
    ],
)
def test_each_damaged_field_is_named(tmp_path, change, reason):
    data = saved_json(tmp_path) | change
    assert damaged_reason(json.dumps(data)) == f"this workspace file is damaged: {reason}"


def test_json_nested_a_hundred_thousand_deep_is_damage_not_a_crash(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    assert damaged_reason(deep).startswith("this workspace file is damaged: its JSON nests deeper")
    data = json.dumps(saved_json(tmp_path)).replace('"view": {', f'"view": {{"deep": {deep}, ', 1)
    assert damaged_reason(data).startswith("this workspace file is damaged")


def test_a_sound_file_still_reads_and_unknown_keys_are_ignored(tmp_path):
    data = saved_json(tmp_path) | {"added_later": [1, 2]}
    data["view"]["added_later"] = {"x": 1}
    workspace = from_json(json.dumps(data))
    assert workspace.view == {"scale": "millions", "statement": 0}
    assert len(workspace.files) == 1


def test_a_workspace_file_that_is_not_utf8_or_not_a_file_is_refused(tmp_path):
    path = tmp_path / "latin.tickmark"
    path.write_bytes(b'{"format": "tickmark-workspace", "view": "\xe9"}')
    with pytest.raises(WorkspaceFileError, match="is not UTF-8"):
        read_workspace_file(path)
    with pytest.raises(WorkspaceFileError, match="is a folder"):
        read_workspace_file(tmp_path)


def test_a_damaged_autosave_is_set_aside_once_and_kept(tmp_path):
    crashed = Autosave(tmp_path)
    crashed.start()
    crashed.snapshot.write_text('{"format": "tickmark-workspace", "version": "2", "files": []}', encoding="utf-8")
    later = Autosave(tmp_path)
    assert later.crashed_session() is None
    [set_aside] = later.set_aside
    assert set_aside.reason == "this workspace file is damaged: 'version' is text, not a whole number"
    assert set_aside.path == crashed.snapshot.with_name(crashed.snapshot.name + DAMAGED_SUFFIX)
    assert set_aside.path.exists() and not crashed.snapshot.exists()
    again = Autosave(tmp_path)
    assert again.crashed_session() is None and again.set_aside == [], "told once"
