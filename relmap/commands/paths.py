"""``relmap paths``: whom to ask for a warm introduction to a person, organisation or sphere."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument, open_store, print_json

NAME = "paths"
HELP = "warm introductions: whom to ask to reach a person, an organisation or a sphere"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--to", metavar="NAME", help="a person")
    target.add_argument("--org", metavar="NAME", help="anyone at an organisation")
    target.add_argument("--sphere", metavar="NAME", help="anyone in a sphere")
    parser.add_argument("-k", type=int, default=3, metavar="N",
                        help="how many chains, each through a different first person (default 3)")
    parser.add_argument("--json", action="store_true", help="print the chains as JSON")


def run(args: argparse.Namespace) -> int:
    from relmap.analysis.warm_paths import targets, warm_paths

    repository, network = open_store(args)
    with repository:
        goal = targets(network, person=args.to, org=args.org, sphere=args.sphere)
        found = warm_paths(network, goal, k=args.k)
    what = args.to or args.org or args.sphere
    if args.json:
        print_json({"target": what, "paths": [
            {"people": [network.people[p].display_name for p in path.people[1:]],
             "chance": round(path.chance, 3), "explanation": path.words} for path in found]})
        return 0
    if not found:
        print(f"no chain of ties from you reaches {what}")
        return 0
    for number, path in enumerate(found, start=1):
        print(f"{number}. {path.words}")
    return 0
