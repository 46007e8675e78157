"""Shared fixtures: headless Qt, a private settings file, and demo databases in tmp_path."""

from __future__ import annotations

import os
import sqlite3

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from collections.abc import Iterator
from pathlib import Path

import pytest

from relmap.document.demo import write_demo
from relmap.document.document import Document


@pytest.fixture(autouse=True)
def _private_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep tests away from the user's data folder and settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("RELMAP_DB", raising=False)


@pytest.fixture
def future_db(tmp_path: Path) -> Path:
    """A map stamped with a schema revision this version of relmap does not know."""
    from relmap.store.repository import Repository

    path = tmp_path / "future.db"
    with Repository(path):
        pass
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    write_demo(path, people=60, seed=3)
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of a small laid-out demo database."""
    path = tmp_path / "demo.db"
    path.write_bytes(demo_template.read_bytes())
    path.chmod(0o600)
    return path


@pytest.fixture
def document(demo_db: Path) -> Iterator[Document]:
    """The demo map opened as the app opens it."""
    doc = Document.open(demo_db)
    yield doc
    doc.close()
