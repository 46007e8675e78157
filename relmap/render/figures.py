"""The key figures and captions printed above the map: counts, shares, contact health."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from relmap.analysis.upkeep import overdue_count, reciprocity
from relmap.core.network import Network
from relmap.render.redaction import Redactor
from relmap.render.scene import MapScene
from relmap.render.scope import Scope, ScopeKind


@dataclass(frozen=True, slots=True)
class KeyFigure:
    value: str
    caption: str


def key_figures(scene: MapScene, network: Network, *, today: date) -> list[KeyFigure]:
    """People, ties, spheres and internal share of what is drawn; then the optional figures.

    Overdue contacts appear only when the network logs interactions, and the reciprocity
    balance only when it logs exchanges (given versus received).
    """
    others = [p for p in scene.people if not p.is_me]
    internal = sum(1 for p in others if p.internal)
    figures = [
        KeyFigure(f"{len(scene):,}", "people"),
        KeyFigure(f"{len(scene.edges):,}", "ties"),
        KeyFigure(f"{len(scene.spheres):,}", "spheres"),
    ]
    if others:
        share = round(100 * internal / len(others))
        figures.append(KeyFigure(f"{share}% / {100 - share}%", "internal / external"))
    drawn = frozenset(scene.ids)
    overdue = overdue_count(network, drawn, today=today)
    if overdue is not None:
        figures.append(KeyFigure(f"{overdue:,}", "overdue for contact"))
    balance = reciprocity(network, drawn)
    if balance is not None:
        gave, received = balance
        figures.append(KeyFigure(f"{gave:,} / {received:,}", "given / received"))
    return figures


def scope_caption(scope: Scope, network: Network, redactor: Redactor) -> str:
    """A short description of what part of the map is shown ("" for the whole map)."""
    if scope.kind is ScopeKind.SPHERE and scope.sphere is not None:
        return f"Sphere: {redactor.sphere(scope.sphere)}"
    if scope.kind is ScopeKind.PEOPLE and scope.name:
        return f"View: {scope.name}"
    if scope.kind is ScopeKind.PEOPLE:
        return f"A selection of {len(scope.people & network.people.keys()):,} people"
    if scope.kind is ScopeKind.FOCUS and scope.focus in network.people:
        name = redactor.person(network.people[scope.focus])
        steps = "1 step" if scope.depth == 1 else f"{scope.depth} steps"
        return f"Around {name}, {steps} out"
    return ""
