"""``relmap restore``: put the newest valid backup (or a file named with --from, such as a
salvaged map) in place of the map, keeping whatever file was there."""

from __future__ import annotations

import argparse
from pathlib import Path

from relmap.commands.common import add_db_argument, db_target
from relmap.core.errors import KnownError

NAME = "restore"
HELP = "put the newest valid backup (or --from FILE) in place of the map, keeping the old file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--from", dest="source", metavar="FILE", type=Path,
                        help="the map file to restore (default: the newest valid backup)")


def run(args: argparse.Namespace) -> int:
    from relmap.store.damage import restore
    from relmap.store.engine import database_url, sqlite_path

    path = sqlite_path(database_url(db_target(args)))
    if path is None:
        raise KnownError("restore a shared database with the server's own tools (pg_restore)")
    if args.source is not None and not args.source.is_file():
        raise KnownError(f"there is no file at {args.source}")
    chosen, aside = restore(path, args.source)
    kept = f"; the file that was there is kept as {aside}" if aside else ""
    print(f"restored {path} from {chosen}{kept}")
    return 0
