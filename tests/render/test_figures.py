"""Key figures: counts of what is drawn; contact health and reciprocity only when logged."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from relmap.analysis.upkeep import cadences
from relmap.core.dates import long_date
from relmap.core.ids import ExchangeId, InteractionId, PersonId, TieId
from relmap.core.model import Exchange, ExchangeKind, Interaction, InteractionKind, Person, Tie
from relmap.core.network import Network
from relmap.render.figures import key_figures
from relmap.render.options import MapOptions, PageSpec, Redaction
from relmap.render.plan import prepare_map
from relmap.render.scope import Scope
from relmap.style import FAINT_MINE_FROM, Decoration, TieColour

TODAY = date(2026, 5, 12)
PAGE = PageSpec.pixels(800, 600, dpi=96)


def _figures(net: Network, scope: Scope | None = None) -> dict[str, str]:
    plan = prepare_map(net, MapOptions(scope=scope or Scope(), today=TODAY), PAGE)
    return {f.caption: f.value for f in key_figures(plan.scene, net, today=TODAY)}


def _without_log(network: Network) -> Network:
    net = network.copy()
    net.interactions.clear()
    net.exchanges.clear()
    return net


def test_counts_and_internal_share(gui: object, network: Network) -> None:
    network = _without_log(network)
    figures = _figures(network)
    others = [p for p in network.people.values() if not p.is_me]
    share = round(100 * sum(p.internal for p in others) / len(others))
    assert figures == {
        "people": str(len(network.people)), "ties": str(len(network.ties)),
        "spheres": str(len({s for p in others for s in p.spheres})),
        "internal / external": f"{share}% / {100 - share}%",
    }


def test_overdue_and_reciprocity_appear_once_logged(gui: object, network: Network) -> None:
    people = [p for p in network.people.values() if not p.is_me][:3]
    a, b, c = (replace(p, cadence_days=30) for p in people)
    net = _without_log(network)
    net.people.update({p.id: p for p in (a, b, c)})
    met = TODAY - timedelta(days=10)
    long_ago = TODAY - timedelta(days=90)
    net.interactions[InteractionId(1)] = Interaction(
        InteractionId(1), met, InteractionKind.CALL, participants=frozenset({a.id}))
    net.interactions[InteractionId(2)] = Interaction(
        InteractionId(2), long_ago, InteractionKind.MEAL, participants=frozenset({b.id}))
    # Everyone else with a cadence (their own, a sphere's or a tier's) was never met; those
    # added before TODAY were added long before it.
    before = {p for p in cadences(net) if net.people[p].created.date() <= TODAY}
    overdue_elsewhere = len(before - {a.id, b.id, c.id})
    net.exchanges[ExchangeId(1)] = Exchange(ExchangeId(1), a.id, True, ExchangeKind.ADVICE, met)
    net.exchanges[ExchangeId(2)] = Exchange(ExchangeId(2), b.id, True, ExchangeKind.GIFT, met)
    net.exchanges[ExchangeId(3)] = Exchange(ExchangeId(3), c.id, False, ExchangeKind.REFERRAL, met)
    figures = _figures(net)
    # b was met too long ago and c never; everyone else with a cadence was never met either.
    assert figures["overdue for contact"] == str(2 + overdue_elsewhere)
    assert figures["given / received"] == "2 / 1"
    only_a = _figures(net, Scope.of_people(frozenset({a.id, PersonId(1)})))
    assert only_a["overdue for contact"] == "0"
    assert only_a["given / received"] == "1 / 0"
    assert "overdue for contact" not in _figures(_without_log(network))
    assert "given / received" not in _figures(_without_log(network))


def test_a_map_without_my_ties_still_counts_them(gui: object, network: Network) -> None:
    me = network.me
    assert me is not None
    without = prepare_map(network, MapOptions(ties_to_me=False, today=TODAY), PAGE)
    scene = without.scene
    assert len(scene.edges) and (scene.edges != scene.ids.index(me.id)).all()  # none drawn
    mine = sum(1 for t in network.ties.values() if me.id in (t.a, t.b))
    assert len(scene.edges) == len(network.ties) - mine
    figures = {f.caption: f.value for f in key_figures(scene, network, today=TODAY)}
    assert figures["ties"] == f"{len(network.ties):,}"  # the map has them all the same
    assert without.footer.startswith("Ties to me not drawn")
    assert "Ties to me" not in prepare_map(network, MapOptions(today=TODAY), PAGE).footer


def test_where_nearly_everyone_knows_me_my_ties_are_drawn_faint(
    gui: object, network: Network
) -> None:
    me = network.me
    assert me is not None
    first, tie = network.next_person_id(), network.next_tie_id()
    have = sum(1 for t in network.ties.values() if me.id in (t.a, t.b))
    more = [Person(PersonId(first + i), f"Contact {i}", x=900.0 + i, y=900.0)
            for i in range(FAINT_MINE_FROM - have)]
    crowded = replace(network.copy(), people=network.people | {p.id: p for p in more},
                      ties=network.ties | {TieId(tie + i): Tie(TieId(tie + i), me.id, p.id)
                                           for i, p in enumerate(more)})
    for net, faint in ((network, False), (crowded, True)):
        plan = prepare_map(net, MapOptions(today=TODAY), PAGE)
        scene = plan.scene
        mine = (scene.edges == scene.ids.index(me.id)).any(axis=1)
        assert (scene.edge_faint == (mine & faint)).all()
        assert ("drawn faint" in plan.footer) is faint
    coloured = MapOptions(today=TODAY, decoration=Decoration(tie_colour_by=TieColour.TRUST))
    assert not prepare_map(crowded, coloured, PAGE).scene.edge_faint.any()


def test_the_title_block(gui: object, network: Network) -> None:
    me = network.me
    assert me is not None
    plan = prepare_map(network, MapOptions(today=TODAY), PAGE)
    assert plan.header.title == f"{me.display_name}'s network"
    unnamed = replace(network.copy(),
                      people=network.people | {me.id: replace(me, display_name="Me")})
    assert prepare_map(unnamed, MapOptions(today=TODAY), PAGE).header.title == "My network"
    assert plan.header.date == "12 May 2026" == long_date(TODAY)
    assert plan.header.caption == ""
    mine = prepare_map(network, MapOptions(title="Q3 review", today=TODAY), PAGE)
    assert mine.header.title == "Q3 review"
    focus = prepare_map(network, MapOptions(scope=Scope.around(me.id, 2), today=TODAY,
                                            redaction=Redaction.INITIALS), PAGE)
    assert focus.header.caption.startswith("Around ") and me.display_name not in \
        focus.header.caption
    assert focus.header.caption.endswith("2 steps out")
