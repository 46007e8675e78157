"""The layer contracts of docs/architecture.md §1 hold (import-linter, configured in
pyproject.toml)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "relmap"


def test_layers_import_only_downward() -> None:
    # In a child process: import-linter reconfigures logging, which would silence the loggers
    # of every later test in this one.
    code = "import importlinter.cli as c; raise SystemExit(c.lint_imports(no_cache=True))"
    done = subprocess.run([sys.executable, "-c", code], cwd=PACKAGE.parent, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", ["render", "document"])
def test_render_and_document_never_import_widgets(layer: str) -> None:
    # import-linter cannot name a subpackage of an external package, so this one is checked here.
    offenders = {
        str(path.relative_to(PACKAGE.parent))
        for path in (PACKAGE / layer).rglob("*.py")
        if any(name.startswith("PySide6.QtWidgets") for name in _imports(path))
    }
    assert not offenders
    assert os.path.isdir(PACKAGE / layer)


def test_every_test_module_that_starts_background_jobs_is_marked() -> None:
    # .ci/run runs the modules marked "jobs" a second time, so that a race shows up in CI.
    starters = ("relmap.document.jobs", "relmap.ui.dialogs.import_dialog",
                "relmap.ui.layout_runner", "tests.job_support")
    tests = Path(__file__).resolve().parent
    unmarked = {
        str(path.relative_to(tests))
        for path in tests.rglob("test_*.py")
        if any(name.startswith(starters) for name in _imports(path))
        and "pytestmark = pytest.mark.jobs" not in path.read_text("utf-8")
    }
    assert not unmarked
