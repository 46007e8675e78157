"""Helpers shared by the subcommands: the --db option, opening the store, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from relmap.core.network import Network
    from relmap.store.repository import Repository


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """``--db``, left out of the result when not given: a command's own would otherwise
    undo the one given before it (``relmap --db MAP import ...``)."""
    parser.add_argument(
        "--db",
        metavar="DB",
        default=argparse.SUPPRESS,
        help="database file or SQLAlchemy URL (default: $RELMAP_DB or relmap.db in the "
        "user data folder)",
    )


def db_target(args: argparse.Namespace) -> str | Path:
    """The database the user named with --db, else the default one."""
    # The store pulls in SQLAlchemy: imported here so that building the parser stays cheap.
    from relmap.store.engine import default_db_path

    target: str | Path = args.db or default_db_path()
    return target


def require_db(args: argparse.Namespace) -> None:
    """Refuse a map file that does not exist: the one named with --db, else the default one."""
    from relmap.core.errors import KnownError

    target = db_target(args)
    if "://" in str(target):
        return
    path = Path(target).expanduser()
    if path.is_file() or (args.db and not path.parent.is_dir()):
        return  # a missing folder is left to the store, which names the folder
    if args.db:
        raise KnownError(f"no database at {args.db}")
    raise KnownError(f"no map yet at {path}: start relmap once, or bring your contacts in "
                     "with 'relmap import'")


def open_store(args: argparse.Namespace, *, log: bool = True, create: bool = False
               ) -> tuple[Repository, Network]:
    """The map named by --db; without the relationship log if not ``log``
    (:meth:`Repository.load`). A --db file that does not exist is refused (a mistyped name
    would otherwise leave an empty new map behind) unless ``create``."""
    from relmap.store.repository import Repository, ensure_me

    if not create:
        require_db(args)
    repository = Repository(db_target(args))
    network = repository.load(log=log)
    ensure_me(repository, network)
    return repository, network


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")
