"""``relmap backup``: a verified backup next to the map, keeping a thinning set."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument, db_target
from relmap.core.errors import KnownError

NAME = "backup"
HELP = "write a verified backup of the map next to it (backups/), keeping a thinning set"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from relmap.store.repository import Repository

    with Repository(db_target(args)) as repository:
        path = repository.backup()
    if path is None:
        raise KnownError("back up a shared database with the server's own tools (pg_dump)")
    print(f"wrote {path}")
    return 0
