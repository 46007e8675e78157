"""``relmap demo``: write a realistic, seeded demo network into an empty database."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from relmap.commands.common import add_db_argument, db_target
from relmap.core.errors import KnownError

NAME = "demo"
HELP = "write a realistic demo network into a new database"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument(
        "--people", type=int, default=150, metavar="N", help="number of contacts (default 150)"
    )
    parser.add_argument("--seed", type=int, default=7, metavar="S", help="random seed")


def demo_db_path() -> Path:
    """Where ``relmap --demo`` keeps the demo map: relmap's data folder."""
    from relmap.store.engine import data_folder

    return data_folder() / "demo.db"


def write_demo(target: str | os.PathLike[str], *, people: int = 150, seed: int = 7) -> int:
    """Write the demo map, laid out, into ``target``; refuse a database that holds a map."""
    if people < 1:
        raise KnownError("--people must be at least 1")
    from datetime import date

    from relmap.core.demo import demo_history, demo_log, demo_network
    from relmap.core.edits import MoveNodes
    from relmap.core.network import ChangeSet
    from relmap.document.placement import placements
    from relmap.store.repository import Repository

    network = demo_network(people=people, seed=seed)
    demo_log(network, today=date.today(), seed=seed)
    network.apply(MoveNodes(placements(network, seed=seed)))
    with Repository(target) as repository:
        if repository.load().people:
            raise KnownError(f"{target} already holds a map; choose a new database file")
        history = demo_history(network, seed=seed, today=date.today())
        repository.write(network, ChangeSet.everything(network, history=history))
    return len(network.people)


def run(args: argparse.Namespace) -> int:
    target = db_target(args)
    count = write_demo(target, people=args.people, seed=args.seed)
    print(f"wrote a demo map of {count} people to {target}")
    return 0
