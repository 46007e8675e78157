"""The key figures and captions printed above the map: counts, shares, contact health."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from relmap.analysis.upkeep import overdue_count, reciprocity
from relmap.core.i18n import ntr, number, tr
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
        KeyFigure(number(len(scene)), ntr("person", "people", len(scene))),
        KeyFigure(number(scene.tie_count), ntr("tie", "ties", scene.tie_count)),
        KeyFigure(number(len(scene.spheres)), ntr("sphere", "spheres", len(scene.spheres))),
    ]
    if others:
        share = round(100 * internal / len(others))
        figures.append(KeyFigure(f"{share}% / {100 - share}%", tr("internal / external")))
    drawn = frozenset(scene.ids)
    overdue = overdue_count(network, drawn, today=today)
    if overdue is not None:
        figures.append(KeyFigure(number(overdue), tr("overdue for contact")))
    balance = reciprocity(network, drawn)
    if balance is not None:
        gave, received = balance
        figures.append(KeyFigure(f"{number(gave)} / {number(received)}", tr("given / received")))
    return figures


def scope_caption(scope: Scope, network: Network, redactor: Redactor) -> str:
    """A short description of what part of the map is shown ("" for the whole map)."""
    if scope.kind is ScopeKind.SPHERE and scope.sphere is not None:
        return tr("Sphere: {sphere}").format(sphere=redactor.sphere(scope.sphere))
    if scope.kind is ScopeKind.PEOPLE and scope.name:
        return tr("View: {name}").format(name=scope.name)
    if scope.kind is ScopeKind.PEOPLE:
        return tr("A selection of {n_n} people").format(
            n_n=number(len(scope.people & network.people.keys()))
        )
    if scope.kind is ScopeKind.FOCUS and scope.focus in network.people:
        name = redactor.person(network.people[scope.focus])
        steps = tr("1 step") if scope.depth == 1 else tr("{depth} steps").format(depth=scope.depth)
        return tr("Around {name}, {steps} out").format(name=name, steps=steps)
    return ""
