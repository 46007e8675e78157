"""The demo map: a realistic, seeded network written laid out into an empty database."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from relmap.core.demo import demo_history, demo_log, demo_network
from relmap.core.edits import MoveNodes
from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.network import ChangeSet
from relmap.document.placement import placements
from relmap.store.engine import data_folder
from relmap.store.repository import Repository


def demo_db_path() -> Path:
    """Where ``relmap --demo`` keeps the demo map: relmap's data folder."""
    return data_folder() / "demo.db"


def demo_map() -> Path:
    """The demo map's file, written on first use."""
    path = demo_db_path()
    if not path.exists():
        write_demo(path)
    return path


def write_demo(target: str | os.PathLike[str], *, people: int = 150, seed: int = 7) -> int:
    """Write the demo map, laid out, into ``target``; refuse a database that holds a map."""
    if people < 1:
        raise KnownError(tr("--people must be at least 1"))
    network = demo_network(people=people, seed=seed)
    demo_log(network, today=date.today(), seed=seed)
    network.apply(MoveNodes(placements(network, seed=seed)))
    with Repository(target) as repository:
        if repository.load().people:
            raise KnownError(
                tr("{target} already holds a map; choose a new database file").format(target=target)
            )
        history = demo_history(network, seed=seed, today=date.today())
        repository.write(
            network,
            ChangeSet.everything(network, history=history),
            summary=tr("Write the demo map"),
        )
    return len(network.people)
