"""Kumu blueprints and workbooks, Gephi GEXF/GraphML, yEd and Cytoscape GraphML."""

from __future__ import annotations

from pathlib import Path

from relmap.core.model import Role, TieKind
from tests.io.io_support import by_name, map_with_me, parse, plan, sphere_names


def test_kumu_blueprint() -> None:
    parsed = parse("kumu", "kumu/blueprint.json")
    network = map_with_me()
    resolution = plan(parsed, network)
    resolution.edit.apply(network)
    ana, bruno = by_name(network, "Ana Lima"), by_name(network, "Bruno Costa")
    carla, duarte = by_name(network, "Carla Mendes"), by_name(network, "Duarte Reis")
    assert (ana.organisation, ana.notes) == ("Lima Labs", "Runs the Lisbon founders circle.")
    assert [e.value for e in ana.emails] == ["ana@lima.example"]
    assert sphere_names(network, ana) == {"Founders", "Lisbon"}
    assert bruno.roles == {Role.INVESTOR} and carla.roles == {Role.MENTOR}
    assert duarte.roles == {Role.ADVISOR}
    assert sphere_names(network, duarte) == {"Founders", "Board"}  # "|" multi-values
    ties = {(t.a, t.b): t for t in network.ties.values()}
    assert ties[(ana.id, bruno.id)].kind is TieKind.FRIEND
    mentor = ties[(carla.id, ana.id)]
    assert (mentor.kind, mentor.directed, mentor.strength) == (TieKind.MENTOR_OF, True, 4)
    assert ties[(bruno.id, duarte.id)].notes == "co-investor"
    t = resolution.counts.ties
    assert (t.new, t.skipped) == (3, 2)  # one to nobody known, one without "to"
    assert resolution.counts.people.skipped == 1  # the element without a label


def test_kumu_project_export_with_ids_and_attributes() -> None:
    network = map_with_me()
    plan(parse("kumu", "kumu/project-export.json"), network).edit.apply(network)
    eva, filip = by_name(network, "Eva Horvat"), by_name(network, "Filip Kovač")
    assert filip.roles == {Role.CUSTOMER}
    (tie,) = network.ties.values()
    assert (tie.a, tie.b, tie.kind, tie.directed) == (eva.id, filip.id, TieKind.INTRODUCED,
                                                      True)


def test_kumu_workbook_skips_ignored_sheets() -> None:
    parsed = parse("kumu", "kumu/kumu.xlsx")
    assert [d.person.display_name for d in parsed.people] == ["Sara Khan", "Tariq Aziz",
                                                              "Usman Ali"]
    assert parsed.people[0].spheres == ("Karachi", "Founders")
    assert parsed.people[0].where == "Elements row 2"
    network = map_with_me()
    plan(parsed, network).edit.apply(network)
    strengths = sorted(t.strength for t in network.ties.values())
    assert strengths == [3, 4]
    assert all(p.display_name != "Should Not Appear" for p in network.people.values())


def test_gephi_gexf_positions_partition_colours_and_weights() -> None:
    parsed = parse("gexf", "gephi/network.gexf")
    network = map_with_me()
    plan(parsed, network).edit.apply(network)
    hana = by_name(network, "Hana Novak")
    assert (hana.x, hana.y, hana.organisation) == (-120.5, 44.25, "Novak Consulting")
    assert sphere_names(network, hana) == {"Modularity Class 0"}
    spheres = {s.name: s.colour for s in network.spheres.values()}
    assert spheres == {"Modularity Class 0": "#1f77b4", "Modularity Class 1": "#ff7f0e"}
    strengths = {frozenset((network.people[t.a].display_name, network.people[t.b].display_name)):
                 t.strength for t in network.ties.values()}
    assert strengths[frozenset(("Hana Novak", "Ivan Petrov"))] == 1  # weight 1 of 1..9
    assert strengths[frozenset(("Ivan Petrov", "Julia Wójcik"))] == 5
    assert strengths[frozenset(("Hana Novak", "Julia Wójcik"))] == 3


def test_gephi_graphml_colours_become_groups() -> None:
    network = map_with_me()
    plan(parse("graphml", "gephi/network.graphml"), network).edit.apply(network)
    kofi = by_name(network, "Kofi Mensah")
    assert (kofi.x, kofi.y) == (-50.0, 25.0)
    assert {s.colour for s in network.spheres.values()} == {"#2ca02c", "#d62728"}
    (tie,) = network.ties.values()
    assert (tie.kind, tie.directed, tie.strength) == (TieKind.INTRODUCED, True, 2)


def test_yed_and_cytoscape_graphml() -> None:
    yed = parse("graphml", "yed/diagram.graphml")
    assert [(d.person.display_name, d.person.x) for d in yed.people] == [
        ("Mei Tanaka", 100.0), ("Noah Fischer", 300.0)]
    assert yed.people[0].person.notes == "Board advisor"
    assert yed.ties[0].kind is TieKind.MENTOR_OF
    cytoscape = parse("graphml", "cytoscape/network.graphml")
    assert [d.person.display_name for d in cytoscape.people] == ["Omar Farouk", "Paula Silva"]
    assert cytoscape.ties[0].kind is TieKind.COLLEAGUE
    assert [str(s) for s in cytoscape.ties_skipped] == [
        "edge 2 (2 - 99): skipped: node '99' is not declared"]


def test_partition_values_that_are_blank_or_too_long(tmp_path: Path) -> None:
    long = "x" * 300
    path = tmp_path / "groups.graphml"
    path.write_text(
        '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="g" for="node" attr.name="group" attr.type="string"/>'
        '<key id="l" for="node" attr.name="label" attr.type="string"/>'
        '<graph edgedefault="undirected">'
        '<node id="a"><data key="l">Ann</data><data key="g">  </data></node>'
        f'<node id="b"><data key="l">Bob</data><data key="g">{long}</data></node>'
        '<node id="c"><data key="l">Cid</data><data key="g">0</data></node>'
        "</graph></graphml>", encoding="utf-8")
    network = map_with_me()
    plan(parse("graphml", path), network).edit.apply(network)
    assert by_name(network, "Ann").spheres == frozenset()
    assert sphere_names(network, by_name(network, "Bob")) == {"x" * 200}
    assert sphere_names(network, by_name(network, "Cid")) == {"group 0"}
