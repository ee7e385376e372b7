"""Many filings at once: loading them through the one loader path, keeping failures apart."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from model.compare import Change, compute_changes
from model.errors import FilingError
from model.filing import Filing, load_filing

ProgressCallback = Callable[[float, str], None]


@dataclass(frozen=True, slots=True)
class LoadFailure:
    path: str
    reason: str

    @property
    def file_name(self) -> str:
        return Path(self.path).name

    def message(self) -> str:
        return f"{self.file_name}: {self.reason}"


@dataclass
class Workspace:
    filings: list[Filing] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)

    def changes(self) -> list[Change]:
        return [change for filing in self.filings for statement in filing.statements for change in compute_changes(statement, filing.rounding)]


def load_workspace(paths: Iterable[str | Path], progress: ProgressCallback | None = None) -> Workspace:
    """Load every file; a file that fails is recorded with its reason and the rest still load."""
    paths = list(paths)
    workspace = Workspace()
    for number, path in enumerate(paths):
        def report(fraction: float, message: str, number: int = number) -> None:
            if progress is not None:
                progress((number + fraction) / len(paths), f"{Path(path).name}: {message}")

        try:
            workspace.filings.append(load_filing(path, report))
        except FilingError as error:
            workspace.failures.append(LoadFailure(str(path), error.reason))
    return workspace
