"""``relmap layout``: lay out the whole map and store the positions."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument, open_store
from relmap.core.edits import MoveNodes
from relmap.document.placement import placements

NAME = "layout"
HELP = "lay out the whole map and store the positions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed")


def run(args: argparse.Namespace) -> int:
    repository, network = open_store(args)
    with repository:
        moves = placements(network, seed=args.seed, only_unplaced=False)
        repository.apply(MoveNodes(moves), network)
    print(f"laid out {len(moves)} people")
    return 0
