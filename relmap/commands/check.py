"""``relmap check``: report whether the database file is sound, damaged, locked by another
process or not writable."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument, db_target
from relmap.core.errors import KnownError

NAME = "check"
HELP = "check the database file for damage"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from relmap.store.backup import backup_folder, newest_valid_backup
    from relmap.store.damage import backup_day, health
    from relmap.store.engine import database_url, sqlite_path

    target = db_target(args)
    path = sqlite_path(database_url(target))
    if path is None or not path.is_file():
        raise KnownError(f"there is no database file at {target}")
    state, problem = health(path)
    if state == "ok":
        print("ok")
        return 0
    if state == "locked":
        print(f"{path} is locked by another process ({problem}); it is not damaged as far as "
              "can be told: check again once that process is done")
    elif state == "unwritable":
        print(f"{path} cannot be written: {problem}")
    else:
        backup = newest_valid_backup(path)
        offer = (f"The newest valid backup, from {backup_day(backup)}, is {backup}: 'relmap "
                 f"restore --db {path}' puts it back and keeps the damaged file."
                 if backup else f"There is no valid backup in {backup_folder(path)}.")
        print(f"{path} is damaged: {problem}. {offer}")
    return 1
