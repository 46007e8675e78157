"""``relmap goals``: what each active goal needs and where the network is thin for it; with
``--add``, a new goal."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument, open_store, print_json

NAME = "goals"
HELP = "goals and their gaps: the spheres and people each goal needs, and how well they are covered"
KINDS = ("better-known", "better-equipped", "better-connected")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--add", metavar="TITLE", help="add a goal with this title")
    parser.add_argument("--kind", choices=KINDS, default="better-connected",
                        help="what the new goal is for (default better-connected)")
    parser.add_argument("--sphere", action="append", default=[], metavar="NAME",
                        help="a sphere the new goal needs (repeat for several)")
    parser.add_argument("--person", action="append", default=[], metavar="NAME",
                        help="a person the new goal needs (repeat for several)")
    parser.add_argument("--json", action="store_true", help="print the coverage as JSON")


def run(args: argparse.Namespace) -> int:
    from relmap.analysis.goals import goals_coverage
    from relmap.analysis.lookup import find_person, find_sphere
    from relmap.core.errors import KnownError
    from relmap.core.ids import GoalId
    from relmap.core.model import Goal, GoalKind, RecordKind
    from relmap.core.records import PutRecords

    if (args.sphere or args.person) and not args.add:
        raise KnownError("--sphere and --person describe a new goal: give its --add TITLE")
    repository, network = open_store(args)
    with repository:
        if args.add:
            goal = Goal(GoalId(network.new_ids(RecordKind.GOAL)[0]), args.add.strip(),
                        GoalKind(args.kind.replace("-", " ")), True,
                        frozenset(find_sphere(network, s) for s in args.sphere),
                        frozenset(find_person(network, p) for p in args.person))
            repository.apply(PutRecords((goal,)), network, summary=f"Add the goal {goal.title}")
            if not args.json:
                print(f"added the goal '{goal.title}'")
        found = goals_coverage(network)
    if args.json:
        print_json([{
            "title": c.goal.title, "kind": c.goal.kind.value,
            "spheres": [{"name": s.name, "people": s.people, "trusted": s.trusted,
                         "direct": s.direct, "relevance": s.relevance,
                         "reached_through": [network.people[p].display_name
                                             for p, _ in s.bridges]} for s in c.spheres],
            "people": [p.words for p in c.people], "gaps": list(c.gaps),
        } for c in found])
        return 0
    if not found:
        print("no active goal: add one with --add TITLE --sphere NAME --person NAME")
    for c in found:
        print(f"{c.goal.title} ({c.goal.kind.value})")
        for s in c.spheres:
            print(f"  {s.name}: {s.people} people, {s.trusted} trusted both ways at 3+, "
                  f"{s.direct} known directly")
        for p in c.people:
            print(f"  {p.words}")
        for gap in c.gaps:
            print(f"  gap: {gap}")
    return 0
