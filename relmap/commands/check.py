"""``relmap check``: report whether the database file is sound."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument, db_target
from relmap.core.errors import KnownError

NAME = "check"
HELP = "check the database file for damage"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from relmap.store.backup import integrity_problems
    from relmap.store.engine import database_url, sqlite_path

    target = db_target(args)
    path = sqlite_path(database_url(target))
    if path is None or not path.is_file():
        raise KnownError(f"there is no database file at {target}")
    problems = integrity_problems(path)
    for problem in problems:
        print(problem)
    print("ok" if not problems else f"{path} is damaged")
    return 1 if problems else 0
