"""``relmap demo``: write a realistic, seeded demo network into an empty database."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument, db_target

NAME = "demo"
HELP = "write a realistic demo network into a new database"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument(
        "--people", type=int, default=150, metavar="N", help="number of contacts (default 150)"
    )
    parser.add_argument("--seed", type=int, default=7, metavar="S", help="random seed")


def run(args: argparse.Namespace) -> int:
    from relmap.document.demo import write_demo

    target = db_target(args)
    count = write_demo(target, people=args.people, seed=args.seed)
    print(f"wrote a demo map of {count} people to {target}")
    return 0
