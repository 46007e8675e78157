"""``relmap export``: write the map as PNG, SVG or PDF, or the data as GraphML, GEXF, CSV..."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relmap.commands.common import add_db_argument, open_store
from relmap.core.errors import KnownError

if TYPE_CHECKING:
    from relmap.core.network import Network

NAME = "export"
HELP = "export the map (png, svg, pdf) or the data (graphml, gexf, csv, vcard, json)"

MAP_FORMATS = ("png", "svg", "pdf")
# The names of relmap.io.export.DATA_FORMATS, written out so that building the parser does not
# import the exporters (NetworkX); tests/test_cli_startup.py keeps the two lists equal.
DATA_FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv", "vcard", "json", "kumu")
_MAP_ONLY = ("width", "height", "paper", "dpi", "title", "sphere", "focus", "depth")
_RATINGS = ("quality", "relevance", "trust-given", "trust-received")
_MEASURES = ("influence", "brokerage", "reach", "ties")  # in fifths of the map
_GROUPS = ("organisation", "location", "industry")  # the largest each in a colour
_DECORATION_DEFAULTS = {"size": "quality", "colour": "none", "outline": "none"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.usage = "relmap export FORMAT OUT [--db DB] [options]   (relmap export -h for all)"
    parser.add_argument("format", metavar="FORMAT", choices=MAP_FORMATS + DATA_FORMATS,
                        type=str.lower, help=" | ".join(MAP_FORMATS + DATA_FORMATS))
    parser.add_argument("out", metavar="OUT", help="the file to write (replaced atomically)")
    add_db_argument(parser)
    size = parser.add_argument_group("map size (png, svg, pdf)")
    size.add_argument("--width", type=int, metavar="PX", help="image width in pixels")
    size.add_argument("--height", type=int, metavar="PX", help="image height in pixels")
    size.add_argument("--paper", type=paper_arg, metavar="A4|A3|letter",
                      help="paper size instead of pixels (default A4)")
    size.add_argument("--landscape", action="store_true", help="paper in landscape")
    size.add_argument("--dpi", type=int, metavar="N", help="resolution, 72-600 (default 300 "
                      "on paper; for pixel sizes, the long side counts as A4)")
    look = parser.add_argument_group("map content")
    look.add_argument("--title", metavar="T", help="title (default: \"<my name>'s network\")")
    look.add_argument("--redact", choices=("none", "initials", "roles"), default="none",
                      help="replace names by initials or by role and sphere")
    look.add_argument("--sphere", metavar="NAME", help="draw only this sphere")
    look.add_argument("--focus", metavar="NAME", help="draw this person and their neighbours")
    look.add_argument("--view", metavar="NAME",
                      help="draw a saved view (View → Saved Views): its people and decoration, "
                           "its name printed on the map")
    look.add_argument("--depth", type=int, metavar="N", help="steps out from --focus (default 1)")
    look.add_argument("--theme", choices=("light", "dark"), default="light")
    look.add_argument("--transparent", action="store_true", help="no background (png, svg)")
    look.add_argument("--no-legend", action="store_true", help="leave out the legend")
    look.add_argument("--hulls", action="store_true", help="shade the groups of each sphere")
    look.add_argument("--no-ties-to-me", action="store_true",
                      help="leave out the ties to me, as View → Ties to Me does: where "
                           "everyone knows me, they hide how the others cluster")
    look.add_argument("--rings", action="store_true",
                      help="draw the rings of an ego layout ('relmap layout --ego')")
    for what, default in _DECORATION_DEFAULTS.items():
        extra = {"outline": ("cadence",), "colour": _GROUPS}.get(what, ())
        look.add_argument(f"--{what}-by", choices=(*_RATINGS, *_MEASURES, *extra, "none"),
                          default=default,
                          help=f"the rating that {what}s the people, as the app's Map → "
                          f"Decorate menu (default {default}"
                          + ("; none: by sphere; organisation, location, industry: the "
                             "largest each in a colour)" if what == "colour" else
                             "; cadence: a ring from in touch to overdue)" if extra else ")"))
    look.add_argument("--tie-colour-by", choices=("reciprocity", "trust", "none"),
                      default="none",
                      help="colour the ties to me: reciprocity from 'I mostly take' (red) to "
                           "'I mostly give' (blue); trust from 'they trust me more' (purple) "
                           "to 'I trust them more' (orange)")


def paper_arg(value: str) -> str:
    """``--paper``: A4, A3 or letter, in any case."""
    for name in ("A4", "A3", "letter"):
        if value.casefold() == name.casefold():
            return name
    raise argparse.ArgumentTypeError(f"unknown paper '{value}' (use A4, A3 or letter)")


def run(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    check_target(out)
    if args.format in DATA_FORMATS:
        return _export_data(args, out)
    return _export_map(args, out)


def check_target(out: Path) -> None:
    """Fail before opening the database if the file can never be written."""
    folder = out.parent
    if not folder.is_dir():
        raise KnownError(f"cannot write {out}: the folder {folder} does not exist")
    if out.is_dir():
        raise KnownError(f"cannot write {out}: it is a folder")


def _open(args: argparse.Namespace) -> Network:
    repository, network = open_store(args)
    repository.close()
    return network


def _export_data(args: argparse.Namespace, out: Path) -> int:
    given = [f"--{o}" for o in _MAP_ONLY if getattr(args, o) is not None]
    given += [f"--{o.replace('_', '-')}" for o in ("landscape", "transparent", "no_legend",
                                                   "hulls", "no_ties_to_me") if getattr(args, o)]
    given += [f"--{what}-by" for what, default in _DECORATION_DEFAULTS.items()
              if getattr(args, f"{what}_by") != default]
    if given or args.redact != "none" or args.theme != "light":
        extra = ", ".join(given) or "--redact/--theme"
        raise KnownError(f"{extra} only apply to png, svg and pdf")
    from relmap.io import export as data_export

    repository, network = open_store(args)
    with repository:
        history = repository.history() if args.format == "json" else []
    data_export.write(args.format, network, out, history)
    print(f"wrote {len(network.people)} people and {len(network.ties)} ties to {out}")
    return 0


def _export_map(args: argparse.Namespace, out: Path) -> int:
    from relmap.render.export import export_map
    from relmap.render.headless import ensure_gui_app
    from relmap.render.writers import MapFormat

    page = _page(args)
    network = _open(args)
    place_unplaced(network)
    app = ensure_gui_app()  # held until the export is written
    plan = export_map(network, out, MapFormat(args.format), options=_options(args, network),
                      page=page)
    del app
    print(f"wrote a map of {len(plan.scene)} people ({len(plan.geometry.labels)} named) "
          f"to {out}: {page.width_px}×{page.height_px} px at {page.dpi:g} dpi")
    return 0


def _page(args: argparse.Namespace) -> Any:
    from relmap.render.options import PageSpec, Paper

    if (args.width is None) != (args.height is None):
        raise KnownError("give both --width and --height, or neither")
    if args.width is not None:
        if args.paper or args.landscape:
            raise KnownError("give either --width/--height or --paper, not both")
        return PageSpec.pixels(args.width, args.height, dpi=args.dpi)
    return PageSpec.paper(Paper(args.paper or "A4"), dpi=args.dpi or 300,
                          landscape=args.landscape or not args.paper)


def _options(args: argparse.Namespace, network: Network) -> Any:
    from relmap.analysis.lookup import find_person, find_sphere
    from relmap.render.options import MapOptions, Redaction, ThemeName
    from relmap.render.scope import Scope

    if sum(bool(x) for x in (args.sphere, args.focus, args.view)) > 1:
        raise KnownError("give one of --sphere, --focus or --view")
    if args.depth is not None and not args.focus:
        raise KnownError("--depth needs --focus")
    scope, decoration = Scope(), _decoration(args)
    if args.view:
        from datetime import date

        from relmap.analysis.views import decoration_of, find_view, view_people

        view = find_view(network, args.view)
        scope = Scope.of_view(view_people(network, view, today=date.today()), view.name)
        decoration = decoration_of(view)
    elif args.sphere:
        scope = Scope.of_sphere(find_sphere(network, args.sphere))
    elif args.focus:
        depth = 1 if args.depth is None else args.depth
        scope = Scope.around(find_person(network, args.focus), depth)
    return MapOptions(
        title=args.title, redaction=Redaction(args.redact), scope=scope,
        theme=ThemeName(args.theme), transparent=args.transparent, legend=not args.no_legend,
        hulls=args.hulls, ties_to_me=not args.no_ties_to_me, decoration=decoration,
        rings=_rings(network) if args.rings else None,
    )


def _rings(network: Network) -> Any:
    """The rings of the ego layout the map is in; KnownError if it is in none."""
    from relmap.document.placement import rings_laid_out
    from relmap.render.rings import EgoRings

    rings = rings_laid_out(network)
    if rings is None:
        raise KnownError("--rings: the map is not in an ego layout; run 'relmap layout --ego' "
                         "first")
    return EgoRings.of_bands(*rings)


def _decoration(args: argparse.Namespace) -> Any:
    from relmap.style import decoration_from

    names = {"size_by": args.size_by, "colour_by": args.colour_by,
             "outline_by": args.outline_by, "tie_colour_by": args.tie_colour_by}
    return decoration_from({k: v.replace("-", "_") for k, v in names.items()})


def place_unplaced(network: Network) -> None:
    """Give people without a position one for this export only (nothing is stored)."""
    if all(p.placed for p in network.people.values()):
        return
    from relmap.core.edits import MoveNodes
    from relmap.document.placement import placements

    network.apply(MoveNodes(placements(network, seed=0)))
