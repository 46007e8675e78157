"""``relmap demo``: write a realistic, seeded demo network into an empty database."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument, db_target

NAME = "demo"
HELP = "write a realistic demo network into a new database"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument(
        "--people", type=_enough, default=150, metavar="N",
        help=f"number of contacts (default 150, at least {FEWEST})"
    )
    parser.add_argument("--seed", type=int, default=7, metavar="S", help="random seed")


FEWEST = 20  # the demo's story (who joined, which ties ended) needs this many people


def _enough(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: '{text}'") from None
    if count < FEWEST:
        raise argparse.ArgumentTypeError(f"the demo needs at least {FEWEST} people")
    return count


def run(args: argparse.Namespace) -> int:
    from relmap.document.demo import write_demo
    from relmap.store.engine import shown

    target = db_target(args)
    count = write_demo(target, people=args.people, seed=args.seed)
    print(f"wrote a demo map of {count} people to {shown(target)}")
    return 0
