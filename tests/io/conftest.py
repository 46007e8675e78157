"""Fixtures of the io tests: a real SQLite map in tmp_path holding only its owner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from relmap.core.network import Network
from relmap.store.repository import Repository, ensure_me


@pytest.fixture
def store(tmp_path: Path) -> Iterator[tuple[Repository, Network]]:
    """An empty map (only "me") in a fresh SQLite file."""
    repository = Repository(tmp_path / "map.db")
    network = repository.load()
    ensure_me(repository, network)
    yield repository, network
    repository.close()
