"""Workspace files (``.tickmark``, JSON) and the autosave that brings a workspace back after a crash.

A workspace file names its filings with a content hash, so that a filing moved or changed
since is reported rather than silently read again.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path

from model.export import write_text_atomic
from model.errors import FilingError
from model.readers.files import file_hash, read_file_bytes, regular_file_size
from model.session_schema import SchemaError, choice_of, files_of, mapping_of, version_of, view_of
from model.analysis.workspace import Choice
from model.analysis.line_alignment import LineMapping

FORMAT = "tickmark-workspace"
VERSION = 1
SUFFIX = ".tickmark"
DAMAGED_SUFFIX = ".damaged"


class SourceProblem(Enum):
    MISSING = "moved or deleted"
    CHANGED = "changed since the workspace was saved"
    NOT_A_FILE = "not a regular file"


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str
    sha256: str


@dataclass
class WorkspaceFile:
    files: list[SourceFile]
    mapping: LineMapping = field(default_factory=LineMapping)
    choice: Choice = Choice.LATEST
    view: dict[str, object] = field(default_factory=dict)  # what the window showed: statement, scale, tabs


class WorkspaceFileError(Exception):
    def __init__(self, path: str | Path, reason: str) -> None:
        self.file_name = Path(path).name
        self.reason = reason
        super().__init__(f"{self.file_name}: {reason}")


def describe_sources(paths: list[str | Path]) -> list[SourceFile]:
    return [SourceFile(str(Path(p).resolve()), file_hash(p)) for p in paths]


def to_json(workspace: WorkspaceFile) -> str:
    return json.dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "files": [asdict(f) for f in workspace.files],
            "mapping": {
                "joins": [{"statement": list(j.statement_key), "keep": j.keep, "absorb": j.absorb} for j in workspace.mapping.joins],
                "splits": [{"statement": list(s.statement_key), "first": s.first, "second": s.second} for s in workspace.mapping.splits],
            },
            "choice": workspace.choice.value,
            "view": workspace.view,
        },
        indent=2,
        ensure_ascii=False,
    )


MAX_WORKSPACE_BYTES = 64 * 1024 * 1024
DAMAGED = "this workspace file is damaged"


def from_json(text: str, path: str | Path = "workspace") -> WorkspaceFile:
    """The workspace a file's text describes, every field checked first (see session_schema)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise WorkspaceFileError(path, f"{DAMAGED}: broken JSON at line {error.lineno}") from None
    except RecursionError:
        raise WorkspaceFileError(path, f"{DAMAGED}: its JSON nests deeper than Python can read") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise WorkspaceFileError(path, "not a Tickmark workspace file")
    try:
        if version_of(data) > VERSION:
            raise WorkspaceFileError(path, "saved by a newer Tickmark; update Tickmark to open it")
        files = [SourceFile(file_path, digest) for file_path, digest in files_of(data)]
        return WorkspaceFile(files, mapping_of(data), choice_of(data), view_of(data))
    except SchemaError as error:
        raise WorkspaceFileError(path, f"{DAMAGED}: {error}") from None


def save_workspace_file(path: str | Path, workspace: WorkspaceFile) -> None:
    write_text_atomic(path, to_json(workspace))


def read_workspace_file(path: str | Path) -> WorkspaceFile:
    try:
        regular_file_size(path, MAX_WORKSPACE_BYTES)
        data = read_file_bytes(path, MAX_WORKSPACE_BYTES)
    except FilingError as error:
        raise WorkspaceFileError(path, error.reason) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise WorkspaceFileError(path, f"{DAMAGED}: byte {error.start} is not UTF-8") from None
    return from_json(text, path)


def check_sources(workspace: WorkspaceFile) -> list[tuple[SourceFile, SourceProblem]]:
    """Filings that moved or changed since the workspace was saved."""
    problems = []
    for source in workspace.files:
        if not os.path.exists(source.path):
            problems.append((source, SourceProblem.MISSING))
        elif not os.path.isfile(source.path):
            problems.append((source, SourceProblem.NOT_A_FILE))
        elif file_hash(source.path) != source.sha256:
            problems.append((source, SourceProblem.CHANGED))
    return problems


@dataclass(frozen=True, slots=True)
class SetAside:
    """A damaged autosave, renamed so that it is offered (and reported) no more, but kept."""

    path: Path
    reason: str


def _set_aside(snapshot: Path, marker: Path, reason: str) -> SetAside:
    kept = snapshot.with_name(snapshot.name + DAMAGED_SUFFIX)
    try:
        snapshot.replace(kept)
        marker.unlink(missing_ok=True)
    except OSError:
        kept = snapshot  # a read-only folder: it stays where it is, and is reported each start
    return SetAside(kept, reason)


class Autosave:
    """A copy of the open workspace under the user's data folder, and a marker that this
    session is running. A marker left behind by a process that is gone means that session
    did not end well; a marker of another running Tickmark is left alone.

    Each session writes its own files (named by process and start), so two windows never
    overwrite or delete each other's snapshot.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.session_id = f"{os.getpid()}-{time.time_ns()}"
        self.snapshot = self.folder / f"autosave-{self.session_id}{SUFFIX}"
        self.running_marker = self.folder / f"session-{self.session_id}.running"
        self._claimed: list[Path] = []  # a crashed session's files, removed once this session has its own
        self.set_aside: list[SetAside] = []  # damaged snapshots found by crashed_session, to tell the user of

    def crashed_session(self) -> WorkspaceFile | None:
        """The newest workspace a session that ended without closing left behind, if any."""
        found: list[tuple[float, Path, Path]] = []
        for marker in self.folder.glob("session-*.running"):
            session = marker.name.removeprefix("session-").removesuffix(".running")
            snapshot = self.folder / f"autosave-{session}{SUFFIX}"
            if session == self.session_id or _process_alive(session) or not snapshot.exists():
                continue
            found.append((snapshot.stat().st_mtime, marker, snapshot))
        for _, marker, snapshot in sorted(found, reverse=True):
            try:
                workspace = read_workspace_file(snapshot)
            except WorkspaceFileError as error:
                self.set_aside.append(_set_aside(snapshot, marker, error.reason))
                continue
            if workspace.files:
                self._claimed = [path for _, m, s in found for path in (m, s)]
                return workspace
        return None

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.running_marker.write_text(str(os.getpid()), encoding="utf-8")

    def save(self, workspace: WorkspaceFile) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        save_workspace_file(self.snapshot, workspace)
        self._release_claimed()

    def finish(self) -> None:
        """The session ended as it should: nothing to offer back next time."""
        self.running_marker.unlink(missing_ok=True)
        self.snapshot.unlink(missing_ok=True)
        self._release_claimed()

    def discard(self) -> None:
        self.snapshot.unlink(missing_ok=True)
        self._release_claimed()

    def _release_claimed(self) -> None:
        for path in self._claimed:
            path.unlink(missing_ok=True)
        self._claimed = []


def _process_alive(session: str) -> bool:
    """Whether the process that wrote a session's marker still runs. A marker of this very
    process from an earlier, unfinished session (a window that never closed) counts as gone."""
    try:
        pid = int(session.split("-", 1)[0])
    except ValueError:
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process with that number: not ours to judge
    return True
