"""``relmap team init``: set up a team map's roles on its PostgreSQL server: editors change
the map, viewers open and export it; the server enforces both."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument

NAME = "team"
HELP = "set up a team map on a PostgreSQL server: who may edit it and who may only view it"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["init"],
                        help="init: create the editor and viewer roles and grant their rights")
    add_db_argument(parser)
    parser.add_argument("--editor", action="append", default=[], metavar="NAME",
                        help="a member who may edit (a database role; repeat for several)")
    parser.add_argument("--viewer", action="append", default=[], metavar="NAME",
                        help="a member who may only open and export (repeat for several)")


def run(args: argparse.Namespace) -> int:
    from relmap.commands.common import db_target
    from relmap.store.repository import Repository

    with Repository(db_target(args)) as repository:  # brings the schema up to date first
        for line in repository.set_up_team(args.editor, args.viewer):
            print(line)
    return 0
