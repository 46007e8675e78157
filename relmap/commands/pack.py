"""``relmap pack``: the mentor session pack, one PDF with the map and five pages of reading."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from relmap.commands.common import add_db_argument, open_store
from relmap.commands.export import paper_arg

NAME = "pack"
HELP = "the mentor session pack: the map, the state of the network, goals and gaps, who is " \
       "drifting, then and now, and the questions to bring (PDF)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="OUT.pdf", help="the PDF to write (replaced atomically)")
    add_db_argument(parser)
    parser.add_argument("--since", type=_day, metavar="YYYY-MM-DD",
                        help="compare then and now from this day (default: the last session)")
    parser.add_argument("--view", metavar="NAME", help="draw this saved view instead of the "
                        "whole map")
    parser.add_argument("--redact", choices=("none", "initials", "roles"), default="none",
                        help="replace names by initials or by role and sphere, on every page")
    parser.add_argument("--paper", type=paper_arg, default="A4", metavar="A4|A3|letter")
    parser.add_argument("--png", action="store_true",
                        help="also write each page as OUT-1.png, OUT-2.png...")


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date like 2026-10-23") from exc


def run(args: argparse.Namespace) -> int:
    from relmap.analysis.views import find_view
    from relmap.commands.export import check_target, place_unplaced
    from relmap.render.headless import ensure_gui_app
    from relmap.render.options import Paper, Redaction
    from relmap.render.pack import PackOptions, write_pack

    out = Path(args.out).expanduser()
    check_target(out)
    repository, network = open_store(args)
    with repository:
        history = repository.history()
    place_unplaced(network)
    view = find_view(network, args.view) if args.view else None
    app = ensure_gui_app()  # held until the pack is written
    result = write_pack(network, history, out, PackOptions(
        paper=Paper(args.paper), redaction=Redaction(args.redact), view=view, since=args.since,
        png=args.png))
    del app
    extra = f" and {len(result.png)} PNG pages" if result.png else ""
    print(f"wrote a {result.pages}-page mentor session pack to {out}{extra}")
    return 0
