"""``relmap drifting``: whom I meant to stay in touch with and have not, and whom I owe."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument, open_store, print_json

NAME = "drifting"
HELP = "who is due or overdue for contact, the most valuable relationships first"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the lists as JSON")


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from relmap.analysis.upkeep import balance_words, drifting, give_first

    repository, network = open_store(args)
    today = date.today()
    with repository:
        due = drifting(network, today=today)
        owed = give_first(network, today=today)
    name = {pid: p.display_name for pid, p in network.people.items()}
    if args.json:
        print_json({
            "drifting": [{"name": name[d.person], "status": d.standing.status.value,
                          "last": d.standing.last, "ideal_days": d.standing.cadence.ideal,
                          "max_days": d.standing.cadence.maximum,
                          "cadence_from": d.standing.cadence.source,
                          "late_days": d.standing.late, "value": round(d.value, 2),
                          "why": d.words} for d in due],
            "give_first": [{"name": name[pid], "balance": round(b, 2)} for pid, b in owed],
        })
        return 0
    if not due:
        print("nobody is due: everyone with a stay-in-touch cadence was met within it")
    for d in due:
        s = d.standing
        print(f"{name[d.person]}: {s.status.value}, {s.late} days late; {d.words}")
    if owed:
        print("\nGive first (they gave you more than you gave them):")
        for pid, b in owed:
            print(f"  {name[pid]}: {balance_words(b)} ({b:+.1f})")
    return 0
