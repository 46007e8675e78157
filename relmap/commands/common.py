"""Helpers shared by the subcommands: the --db option, opening the store, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from relmap.core.network import Network
from relmap.store.engine import default_db_path
from relmap.store.repository import Repository, ensure_me


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="DB",
        help="database file or SQLAlchemy URL (default: $RELMAP_DB or relmap.db in the "
        "user data folder)",
    )


def open_store(args: argparse.Namespace) -> tuple[Repository, Network]:
    repository = Repository(args.db or default_db_path())
    network = repository.load()
    ensure_me(repository, network)
    return repository, network


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")
