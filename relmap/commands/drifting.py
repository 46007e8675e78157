"""``relmap drifting``: whom I meant to stay in touch with and have not, most valuable first."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument, open_store, print_json

NAME = "drifting"
HELP = "who is overdue for contact, the most valuable relationships first"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the list as JSON")


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from relmap.analysis.upkeep import drifting

    repository, network = open_store(args)
    with repository:
        due = drifting(network, today=date.today())
    name = {pid: p.display_name for pid, p in network.people.items()}
    if args.json:
        print_json([{"name": name[d.person], "last": d.last, "cadence_days": d.cadence,
                     "overdue_days": d.overdue, "value": round(d.value, 1), "why": d.words}
                    for d in due])
        return 0
    if not due:
        print("nobody is overdue: everyone with a stay-in-touch cadence was met within it")
        return 0
    for d in due:
        print(f"{name[d.person]}: {d.overdue} days overdue; {d.words}")
    return 0
