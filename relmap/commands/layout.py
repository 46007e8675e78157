"""``relmap layout``: lay out the whole map and store the positions."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument, db_target, require_db

NAME = "layout"
HELP = "lay out the whole map and store the positions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed")
    parser.add_argument(
        "--ego", action="store_true", help="rings around me by closeness of the relationship"
    )


def run(args: argparse.Namespace) -> int:
    # Reads and writes only what a layout uses: on a big map, reading every person and tie
    # would take longer than the layout.
    from relmap.core.bulk import bulk_objects
    from relmap.document.placement import compute_layout, layout_input_of, moves_from
    from relmap.store.database import Database
    from relmap.store.positions import read_graph, write_positions

    require_db(args)
    with Database(db_target(args)) as db:
        db.need_writing()  # before the layout, which may take a while
        # The rows read and written, tuples by the ten thousand, set off full collections
        # that walk every object of the modules imported: 0.07 s of 10,000 people.
        with bulk_objects():
            read = read_graph(db)
            data = layout_input_of(read, fresh=True)
        moves = moves_from(data, compute_layout(data, seed=args.seed, ego=args.ego))
        with bulk_objects():
            write_positions(db, read, {pid: (m.x, m.y) for pid, m in moves.items()},
                            "Ego layout" if args.ego else "Auto layout")
    print(f"laid out {len(moves)} people")
    return 0
