"""Saved views read back: the people a view shows and how it decorates them."""

from __future__ import annotations

import json
from datetime import date

from relmap.analysis.filters import Condition, filtered
from relmap.analysis.graph import graph_view
from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.ids import PersonId
from relmap.core.model import SavedView
from relmap.core.network import Network
from relmap.style import Decoration, decoration_from


def conditions_of(view: SavedView) -> list[Condition]:
    """The filter conditions of ``view``; ones this version cannot read are left out."""
    try:
        items = json.loads(view.conditions)
    except ValueError:
        return []
    found = []
    for item in items if isinstance(items, list) else []:
        try:
            found.append(Condition.from_dict(item))
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
    return found


def decoration_of(view: SavedView) -> Decoration:
    try:
        data = json.loads(view.decoration)
    except ValueError:
        data = {}
    return decoration_from(data if isinstance(data, dict) else {})


def view_people(network: Network, view: SavedView, *, today: date) -> frozenset[PersonId]:
    """Everyone ``view`` shows: its filter's people within its focus, and me."""
    people = filtered(network, conditions_of(view), today=today)
    shown = frozenset(network.people) if people is None else people
    centre = view.focus & network.people.keys()
    if centre:
        graph = graph_view(network)
        shown &= frozenset().union(*(graph.within(p, view.depth) for p in centre))
    me = network.me
    return shown | ({me.id} if me is not None else frozenset())


def find_view(network: Network, name: str) -> SavedView:
    """The view called ``name`` (case does not matter), or a KnownError naming the views."""
    wanted = name.strip().casefold()
    for view in network.views.values():
        if view.name.casefold() == wanted:
            return view
    names = ", ".join(sorted(v.name for v in network.views.values())) or tr("none saved yet")
    raise KnownError(tr("no view called '{name}' (views: {names})").format(name=name, names=names))
