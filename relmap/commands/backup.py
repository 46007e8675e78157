"""``relmap backup``: a verified backup next to the map, keeping a thinning set."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument
from relmap.core.errors import KnownError
from relmap.store.engine import default_db_path
from relmap.store.repository import Repository

NAME = "backup"
HELP = "write a verified backup of the map next to it (backups/), keeping a thinning set"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    with Repository(args.db or default_db_path()) as repository:
        path = repository.backup()
    if path is None:
        raise KnownError("back up a shared database with the server's own tools (pg_dump)")
    print(f"wrote {path}")
    return 0
