"""``relmap log``: record an interaction (a meeting, a call...) with one or more people."""

from __future__ import annotations

import argparse

from relmap.commands.common import add_db_argument, open_store

NAME = "log"
HELP = "log an interaction (meeting, call, video, email, message, event...) with someone"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--with", dest="people", action="append", required=True, metavar="NAME",
                        help="who took part (repeat for several people)")
    from relmap.core.model import InteractionKind

    parser.add_argument("--kind", choices=[k.value for k in InteractionKind], default="meeting",
                        help="what kind of contact (default meeting); an introduction names "
                             "both people introduced")
    parser.add_argument("--date", metavar="D", help="when (default today): 2026-03-12, 12 Mar 2026")
    parser.add_argument("--summary", default="", metavar="S", help="what it was about")
    parser.add_argument("--quality", type=int, choices=range(1, 6), metavar="1-5",
                        help="how it went, 1 to 5")


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from relmap.analysis.lookup import find_person
    from relmap.core.dates import short_date
    from relmap.core.errors import KnownError
    from relmap.core.ids import InteractionId
    from relmap.core.model import Interaction, InteractionKind, RecordKind
    from relmap.core.records import PutRecords
    from relmap.io.values import parse_date

    try:
        on = parse_date(args.date or "") or date.today()
    except ValueError:
        raise KnownError(f"cannot read the date '{args.date}' (try 2026-03-12)") from None
    repository, network = open_store(args)
    with repository:
        people = frozenset(find_person(network, name) for name in args.people)
        record = Interaction(
            InteractionId(network.new_ids(RecordKind.INTERACTION)[0]), on,
            InteractionKind(args.kind), args.summary.strip(), args.quality, people)
        names = " and ".join(sorted(network.people[p].display_name for p in people))
        repository.apply(PutRecords((record,)), network, summary=f"Log a {args.kind} with {names}")
    print(f"logged a {args.kind} with {names} on {short_date(on)}")
    return 0
