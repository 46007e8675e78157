"""The legend lists exactly what the map draws: sphere colours and counts, sizes, ties, me."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtGui import QColor, QImage

from relmap import style
from relmap.analysis.lookup import find_sphere
from relmap.core.model import AssessmentField, TieKind
from relmap.core.network import Network
from relmap.render.legend import Glyph, LegendRow, legend_rows
from relmap.render.options import MapOptions, PageSpec, Redaction
from relmap.render.plan import RenderPlan, prepare_map
from relmap.render.rings import EgoRings
from relmap.render.scope import Scope
from relmap.render.writers import render_image
from relmap.style import NO_SPHERE, Decoration

PAGE = PageSpec.pixels(1000, 700, dpi=100)


def _plan(net: Network, scope: Scope | None = None) -> RenderPlan:
    return prepare_map(net, MapOptions(scope=scope or Scope(), today=date(2026, 5, 12)), PAGE)


def test_legend_spheres_are_the_spheres_drawn(gui: object, network: Network) -> None:
    for scope in (Scope(), Scope.of_sphere(find_sphere(network, "Investors"))):
        plan = _plan(network, scope)
        drawn = {c for row, colours in enumerate(plan.scene.colours)
                 if row != plan.scene.me_row for c in colours}
        rows = [r for r in legend_rows(plan.scene) if r.glyph is Glyph.SWATCH and r.count]
        assert {r.colours[0] for r in rows} == drawn
        for row in rows:  # every count is the number of people drawn in that sphere
            sid = next(s.id for s in plan.scene.spheres if s.name == row.text)
            assert row.count == sum(1 for p in plan.scene.people if sid in p.spheres
                                    and not p.is_me)


def test_nothing_in_the_legend_that_is_not_on_the_map(gui: object, network: Network) -> None:
    people = {pid: replace(p, spheres=p.spheres or frozenset({min(network.spheres)}))
              for pid, p in network.people.items()}
    ties = {tid: t._replace(kind=TieKind.COLLEAGUE) for tid, t in network.ties.items()}
    tidy = replace(network.copy(), people=people, ties=ties)
    texts = [r.text for r in legend_rows(_plan(tidy).scene)]
    assert "No sphere" not in texts
    assert not any(t.startswith(("Dashed", "Solid")) for t in texts)
    assert not any("Shaded" in t for t in texts)  # no hulls asked for
    single = replace(network.copy(), ties={})
    rows = legend_rows(_plan(single).scene)
    assert not [r for r in rows if r.glyph is Glyph.LINE]
    assert not [r for r in rows if r.glyph is Glyph.RINGS]  # no ego layout's rings drawn


def test_the_ego_layouts_rings_are_explained(gui: object, network: Network) -> None:
    rings = EgoRings((0.0, 0.0), ((100.0, "Inner circle", 0.0), (200.0, "Close", 1.0)))
    plan = prepare_map(network, MapOptions(rings=rings, today=date(2026, 5, 12)), PAGE)
    rows = legend_rows(plan.scene)
    at = next(i for i, r in enumerate(rows) if r.glyph is Glyph.RINGS)
    assert rows[at - 1] == LegendRow(Glyph.HEADING, "Rings")
    assert "close" in rows[at].text


def test_the_legend_swatches_are_painted(gui: object, network: Network) -> None:
    plan = _plan(network)
    assert plan.legend is not None
    image: QImage = render_image(plan)
    x0, y0 = int(plan.legend_origin.x()), int(plan.legend_origin.y())
    region = {image.pixelColor(x, y).name() for x in range(x0, x0 + int(plan.legend.width))
              for y in range(y0, y0 + int(plan.legend.height))}
    for sphere in plan.scene.spheres:
        assert QColor(sphere.colour).name() in region
    assert NO_SPHERE not in {s.colour for s in plan.scene.spheres}
    no_legend = prepare_map(network, MapOptions(legend=False), PAGE)
    assert no_legend.legend is None and no_legend.area.width() > plan.area.width()


def test_the_export_is_decorated_as_the_canvas_is(gui: object, network: Network) -> None:
    deco = Decoration(size_by=None, colour_by=AssessmentField.QUALITY,
                      outline_by=AssessmentField.RELEVANCE)
    options = MapOptions(decoration=deco, today=date(2026, 5, 12))
    scene = prepare_map(network, options, PAGE).scene
    for row, person in enumerate(scene.people):
        assert list(scene.colours[row]) == style.fill_colours(person, network, deco)
        assert scene.radius[row] == style.node_radius(person, deco)
        assert scene.outlines[row] == style.outline(person, deco)
    rows = legend_rows(scene)
    texts = [r.text for r in rows]
    assert "Colour: quality" in texts and "Spheres" not in texts
    ramp = {r.colours[0] for r in rows if r.glyph is Glyph.SWATCH}
    assert ramp <= {*style.RATING_RAMP, style.UNRATED_FILL} and len(ramp) >= 3
    assert any(r.glyph is Glyph.OUTLINE and r.text.startswith("Outline: relevance") for r in rows)
    assert not any(r.glyph is Glyph.SIZE for r in rows)  # all one size: nothing to explain


def test_tie_lines_in_the_legend_are_drawn_as_on_the_map(gui: object, network: Network) -> None:
    kinds = [TieKind.COLLEAGUE, TieKind.FRIEND, TieKind.INTRODUCED]
    ties = {tid: t._replace(kind=kinds[i % 3]) for i, (tid, t) in enumerate(network.ties.items())}
    scene = _plan(replace(network.copy(), ties=ties)).scene
    assert set(scene.edge_dash) == {style.Dash.SOLID, style.Dash.DOT, style.Dash.DASH}
    lines = {r.dash: r.text for r in legend_rows(scene)
             if r.glyph is Glyph.LINE and not r.text.startswith(("Width", "Strength"))}
    assert lines == {style.Dash.SOLID: "Solid: colleague", style.Dash.DOT: "Dotted: friend",
                     style.Dash.DASH: "Dashed: introduced"}


def test_stay_in_touch_rings_and_their_legend(gui: object, network: Network) -> None:
    from relmap.analysis.upkeep import standings

    day = date.today()  # the demo's contacts run up to the day it was written
    deco = Decoration(outline_by=style.Upkeep.CADENCE)
    plan = prepare_map(network, MapOptions(decoration=deco, today=day), PAGE)
    status = {pid: s.status.value for pid, s in standings(network, today=day).items()}
    assert {"ok", "overdue"} <= set(status.values())
    for row, pid in enumerate(plan.scene.ids):
        ring = style.CADENCE_RINGS.get(status.get(pid, ""))
        if not network.people[pid].is_me:
            assert plan.scene.outlines[row][0] == (ring or style.OUTLINE_LIGHT)
    rings = [(r.text, r.colours) for r in legend_rows(plan.scene) if r.glyph is Glyph.OUTLINE]
    drawn = [s for s in style.CADENCE_RINGS if s in status.values()]
    assert rings == [(f"Ring: {style.CADENCE_WORDS[s]}", (style.CADENCE_RINGS[s],))
                     for s in drawn]
    image = render_image(plan)
    area = plan.area.toRect()  # the map itself, not its legend
    colours = {image.pixelColor(x, y).name() for x in range(area.left(), area.right())
               for y in range(area.top(), area.bottom())}
    assert style.CADENCE_RINGS["overdue"] in colours


def test_ties_to_me_coloured_by_give_and_take(gui: object, network: Network) -> None:
    from relmap.analysis.upkeep import BALANCE_LEVELS, balance_level, balances

    day = date.today()
    deco = Decoration(tie_colour_by=style.TieColour.RECIPROCITY)
    plan = prepare_map(network, MapOptions(decoration=deco, today=day), PAGE)
    scene, me = plan.scene, network.me
    assert me is not None
    owed = balances(network, today=day)
    expected = set()
    for (a, b), colour in zip(scene.edges.tolist(), scene.edge_colours, strict=True):
        ends = {scene.ids[a], scene.ids[b]}
        other = next(iter(ends - {me.id}), None)
        if me.id in ends and other in owed:
            level = balance_level(owed[other])
            expected.add(level)
            assert colour == style.TIE_RAMPS[style.TieColour.RECIPROCITY][level]
        else:
            assert colour is None
    assert len(expected) >= 2 and scene.edge_levels == expected
    texts = [r.text for r in legend_rows(scene) if r.glyph is Glyph.LINE and r.colours]
    assert texts == [f"Tie to me: {BALANCE_LEVELS[level]}" for level in sorted(expected)]
    image = render_image(plan)
    area = plan.area.toRect()  # the map itself, not its legend
    colours = {image.pixelColor(x, y).name() for x in range(area.left(), area.right())
               for y in range(area.top(), area.bottom())}
    assert {style.TIE_RAMPS[style.TieColour.RECIPROCITY][level] for level in expected} & colours


def test_ties_to_me_coloured_by_trust_asymmetry(gui: object, network: Network) -> None:
    from relmap.analysis.tie_levels import TRUST_LEVELS, trust_level

    deco = Decoration(tie_colour_by=style.TieColour.TRUST)
    scene = prepare_map(network, MapOptions(decoration=deco, today=date(2026, 5, 12)),
                        PAGE).scene
    me = network.me
    assert me is not None
    ramp = style.TIE_RAMPS[style.TieColour.TRUST]
    seen: set[int] = set()
    for (a, b), colour in zip(scene.edges.tolist(), scene.edge_colours, strict=True):
        ends = {scene.ids[a], scene.ids[b]}
        other = network.people[next(iter(ends - {me.id}))]
        level = trust_level(other) if me.id in ends else None
        assert colour == (None if level is None else ramp[level])
        if level is not None:
            seen.add(level)
    assert len(seen) >= 3
    texts = [r.text for r in legend_rows(scene) if r.glyph is Glyph.LINE and r.colours]
    assert texts == [f"Tie to me: {TRUST_LEVELS[level]}" for level in sorted(seen)]
    rated = next(p for p in network.people.values()
                 if p.assessment.trust_given == 5 and p.assessment.trust_received == 2)
    assert trust_level(rated) == 4  # "I trust them more", capped at two steps


def test_people_sized_and_coloured_by_a_measure_in_fifths(gui: object, network: Network) -> None:
    from relmap.analysis.filters import measured
    from relmap.analysis.influence import influence

    deco = Decoration(size_by=style.Measure.INFLUENCE, colour_by=style.Measure.BROKERAGE)
    scene = prepare_map(network, MapOptions(decoration=deco, today=date(2026, 5, 12)),
                        PAGE).scene
    fifths = measured(network, deco.measures())
    ranked = [i.person for i in influence(network)]
    assert fifths[style.Measure.INFLUENCE][ranked[0]] == 5
    assert fifths[style.Measure.INFLUENCE][ranked[-1]] == 1
    counts = [list(fifths[style.Measure.INFLUENCE].values()).count(f) for f in range(1, 6)]
    assert all(c >= len(ranked) // 5 - 2 for c in counts)  # about a fifth each
    row = scene.ids.index(ranked[0])
    assert scene.radius[row] == style.rating_radius(5)
    broker_fifth = fifths[style.Measure.BROKERAGE][ranked[0]]
    assert scene.colours[row] == (style.RATING_RAMP[broker_fifth - 1],)
    texts = [r.text for r in legend_rows(scene)]
    assert "Size: influence (fifth) 1 to 5" in texts
    assert "Colour: brokerage (fifth)" in texts


def test_the_unrated_size_sample_is_the_smallest_at_every_scale() -> None:
    """'Smallest: not rated' is drawn smaller than a 1, however big the map's nodes are."""
    from PySide6.QtCore import QRectF

    from relmap.render.legend import LegendRow
    from relmap.render.legend_box import GlyphScale, sample_radii

    rated = LegendRow(Glyph.SIZE, "Size: quality 1 to 5",
                      sizes=(style.rating_radius(1), style.rating_radius(5)))
    unrated = LegendRow(Glyph.SIZE, "Smallest: quality not rated",
                        sizes=(style.rating_radius(None),))
    box = QRectF(0, 0, 60, 24)
    for node in (0.5, 2.0, 8.0, 40.0):  # small nodes to nodes far bigger than a legend row
        scale = GlyphScale(node=node, min_radius=1.0, edge=1.0, outline=1.0)
        one, five = sample_radii(rated, box, scale)
        (none,) = sample_radii(unrated, box, scale)
        assert none <= one < five, node


def _at(network: Network, organisations: dict[str, str]) -> Network:
    """``network`` with the people ``organisations`` names working there, everyone else at
    none."""
    people = {pid: replace(p, organisation=organisations.get(p.display_name, ""))
              for pid, p in network.people.items()}
    return replace(network.copy(), people=people)


def test_the_largest_groups_take_a_colour_each(network: Network) -> None:
    names = [p.display_name for p in network.people.values() if not p.is_me]
    me = next(p.display_name for p in network.people.values() if p.is_me)
    groups = {name: "Acme Bank" for name in names[:5]}  # five, spelt three ways
    groups |= {names[5]: " acme  bank", names[6]: "ACME BANK"}
    groups |= {name: f"Firm {i // 2}" for i, name in enumerate(names[7:31])}  # 12 of two
    groups |= {names[31]: "Solo", names[32]: "Firm 0", me: "Acme Bank"}  # me is not counted
    colours = style.group_colours(_at(network, groups), style.Group.ORGANISATION)
    assert colours.largest[:2] == (("Acme Bank", style.SPHERE_PALETTE[0], 7),
                                   ("Firm 0", style.SPHERE_PALETTE[1], 3))
    assert len(colours.largest) == style.GROUP_COLOURS  # the rest are one grey
    assert "Firm 9" not in {name for name, _, _ in colours.largest}  # last of those of two
    assert [count for _, _, count in colours.largest[2:]] == [2] * 10
    assert colours.other == 2 + 1  # Firm 9 and Solo
    assert colours.none == len(names) - 33
    deco = Decoration(colour_by=style.Group.INDUSTRY)  # as a saved view keeps it
    assert style.decoration_from(style.decoration_dict(deco)) == deco


def test_a_group_named_as_a_sphere_takes_its_colour(network: Network) -> None:
    fintech = find_sphere(network, "Fintech")
    colours = style.group_colours(network, style.Group.INDUSTRY)  # the demo's are spheres'
    assert colours.colour["fintech"] == network.spheres[fintech].colour
    assert len(set(colours.colour.values())) == len(colours.colour)  # none twice


def test_people_coloured_by_organisation_with_the_legend(gui: object, network: Network) -> None:
    names = [p.display_name for p in network.people.values() if not p.is_me]
    net = _at(network, {names[0]: "Acme & Sons", names[1]: "acme & sons", names[2]: "Solo"})
    deco = Decoration(colour_by=style.Group.ORGANISATION)
    scene = prepare_map(net, MapOptions(decoration=deco, today=date(2026, 5, 12)), PAGE).scene
    by_name = dict(zip(scene.labels, scene.colours, strict=True))
    assert by_name[names[0]] == by_name[names[1]] == (style.SPHERE_PALETTE[0],)
    assert by_name[names[2]] == (style.OTHER_GROUP,)  # alone: no colour of its own
    assert by_name[names[3]] == (style.NO_GROUP,)
    rows = legend_rows(scene)
    assert rows[:4] == [
        LegendRow(Glyph.HEADING, "Colour: organisation"),
        LegendRow(Glyph.SWATCH, "Acme & Sons", (style.SPHERE_PALETTE[0],), count=2),
        LegendRow(Glyph.SWATCH, "In a smaller group", (style.OTHER_GROUP,), count=1),
        LegendRow(Glyph.SWATCH, "Not given", (style.NO_GROUP,), count=len(names) - 3),
    ]
    redacted = prepare_map(net, MapOptions(decoration=deco, redaction=Redaction.ROLES,
                                           today=date(2026, 5, 12)), PAGE).scene
    assert legend_rows(redacted)[1].text == "Group A"  # an organisation names people
    first = next(p.id for p in net.people.values() if p.display_name == names[0])
    around = prepare_map(net, MapOptions(decoration=deco, scope=Scope.of_people(
        frozenset({first})), today=date(2026, 5, 12)), PAGE).scene
    assert [(r.text, r.count) for r in legend_rows(around) if r.glyph is Glyph.SWATCH] == [
        ("Acme & Sons", 1)]  # the people drawn, in the colours of the whole map
