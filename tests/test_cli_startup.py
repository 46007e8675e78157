"""The command line starts cheaply: building the parser imports none of the heavy libraries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from relmap.commands import export, import_
from relmap.io import export as data_export
from relmap.io.formats import IMPORT_FORMATS

_HEAVY = {"scipy", "networkx", "PySide6", "sqlalchemy", "numpy", "alembic", "openpyxl"}


def test_building_the_parser_imports_no_heavy_library() -> None:
    # A fresh interpreter: this test process has imported everything long ago.
    code = (
        "import sys, relmap.app, relmap.cli as c; c.build_parser(); "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {_HEAVY!r}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_version_and_help_answer_without_the_heavy_libraries() -> None:
    code = (
        "import sys, relmap.app\n"
        "for argv in (['--version'], ['--help'], ['import', '--help'], ['export', '--help']):\n"
        "    try:\n"
        "        relmap.app.main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {_HEAVY!r}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "relmap import" in done.stdout and "graphml" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_format_names_in_the_parser_match_the_formats() -> None:
    assert tuple(IMPORT_FORMATS) == import_.IMPORT_FORMAT_NAMES
    assert export.DATA_FORMATS == data_export.DATA_FORMATS


def test_layout_loads_no_qt_no_optimiser_and_no_models(tmp_path: Path) -> None:
    # `relmap layout` on a large map should spend its time laying out, not importing; it
    # reads and writes with SQLAlchemy Core alone.
    db = str(tmp_path / "map.db")
    subprocess.run([sys.executable, "-m", "relmap", "demo", "--db", db, "--people", "300"],
                   check=True, capture_output=True)
    code = (
        "import sys, relmap.app\n"
        f"for argv in (['layout', '--help'], ['layout', '--db', {db!r}]):\n"
        "    try:\n"
        "        relmap.app.main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in sys.modules\n"
        "             if m.startswith(('PySide6', 'pyqtgraph', 'scipy.optimize',\n"
        "                              'sqlalchemy.orm', 'relmap.store.models'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "laid out 300 people" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_window_loads_the_graph_file_and_workbook_libraries_only_when_used() -> None:
    # networkx and openpyxl read and write GEXF, GraphML and Kumu files; at start they would
    # cost the app 30 MB and 0.3 s.
    code = (
        "import sys, relmap.ui.main_window\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('networkx', 'openpyxl')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_app_without_a_display_says_so_in_one_line(tmp_path: Path) -> None:
    """Not Qt's message about platform plugins: what is missing, and what works instead."""
    import os

    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env |= {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-m", "relmap"], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "needs a desktop session" in done.stderr
    assert "plugin" not in done.stderr


def test_opening_a_map_for_a_window_imports_no_layout_importer_or_window() -> None:
    # A large map's sketch is shown as soon as the map can be read: the layout engine, the
    # importers, the analysis libraries and the window's modules come after.
    later = ("relmap.layout", "relmap.io", "relmap.ui.main_window", "igraph", "networkx",
             "scipy")
    code = (
        "import sys\n"
        "from relmap.document.document import open_document\n"
        "from relmap.ui.maps_menu import Opening\n"
        f"print(sorted(m for m in sys.modules if m.startswith({later!r})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.stdout.strip() == "[]"
