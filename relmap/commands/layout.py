"""``relmap layout``: lay out the whole map and store the positions."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument, open_store

NAME = "layout"
HELP = "lay out the whole map and store the positions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed")
    parser.add_argument(
        "--ego", action="store_true", help="rings around me by closeness of the relationship"
    )


def run(args: argparse.Namespace) -> int:
    from relmap.core.bulk import bulk_objects
    from relmap.core.edits import MoveNodes
    from relmap.document.placement import compute_layout, layout_input, moves_from

    # The garbage collector stays paused until the command ends: on a big map each of its
    # passes walks every person and tie read, for nothing, since they form no cycles.
    with bulk_objects():
        repository, network = open_store(args, log=False)  # positions are all it writes
        with repository:
            data = layout_input(network, fresh=True)
            moves = moves_from(network, data, compute_layout(data, seed=args.seed, ego=args.ego))
            repository.apply(MoveNodes(moves), network,
                             summary="Ego layout" if args.ego else "Auto layout")
    print(f"laid out {len(moves)} people")
    return 0
