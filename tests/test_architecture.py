"""model/ is plain Python: it never imports Qt, pyqtgraph or the GUI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.support import REPO

FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "gui")


def test_no_model_module_imports_qt_or_the_gui():
    offenders = []
    for path in sorted((REPO / "model").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.relative_to(REPO)}: {name}" for name in names if name.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_importing_the_whole_model_loads_no_qt():
    modules = [p.relative_to(REPO).with_suffix("").as_posix().replace("/", ".") for p in (REPO / "model").rglob("*.py")]
    modules = [m.removesuffix(".__init__") for m in modules]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_import_linter_contract_holds():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), str(REPO / "pyproject.toml")], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert "Contracts: 1 kept, 0 broken." in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0
