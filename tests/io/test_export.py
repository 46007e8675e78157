"""Data exports: GraphML, GEXF, CSV, vCard, JSON and Kumu, written atomically and safely."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
import vobject
from defusedxml.ElementTree import fromstring

from relmap.core.demo import demo_network
from relmap.core.errors import KnownError
from relmap.core.ids import PersonId
from relmap.core.model import Person
from relmap.core.network import Network
from relmap.io.export import DATA_FORMATS, write
from relmap.io.xml_screen import local_name


@pytest.fixture(scope="module")
def network() -> Network:
    net = demo_network(people=40, seed=5)
    first = PersonId(2)
    net.people[first] = replace(net.people[first], display_name="=HYPERLINK(\"x\")",
                                notes="@evil\r\nline two", x=12.5, y=-3.0,
                                phones=())
    return net


def test_the_entry_point_knows_its_formats() -> None:
    assert DATA_FORMATS == ("graphml", "gexf", "csv", "vcard", "json", "kumu")


def test_a_kumu_blueprint_goes_to_kumu_and_back(network: Network, tmp_path: Path) -> None:
    """Elements joined by unique labels, spheres as tags; the Kumu importer reads it back."""
    from relmap.io.formats import parse_file

    net = network.copy()
    twin = next(p for p in net.people.values() if not p.is_me and p.organisation)
    other = next(p for p in net.people.values()
                 if not p.is_me and p.organisation and p.organisation != twin.organisation)
    net.people[other.id] = replace(other, display_name=twin.display_name)  # a shared name
    path = tmp_path / "map.json"
    write("kumu", net, path)
    blueprint = json.loads(path.read_text("utf-8"))
    labels = [e["label"] for e in blueprint["elements"]]
    assert len(labels) == len(set(labels)) == len(net.people)
    assert f"{twin.display_name} ({other.organisation})" in labels
    parsed = parse_file("kumu", path)
    assert parsed.records == len(net.people) and not parsed.skipped
    back = {d.person.display_name: d for d in parsed.people}
    for person in net.people.values():
        label = next(e["label"] for e in blueprint["elements"]
                     if e.get("organization", "") == person.organisation
                     and e["label"].startswith(person.display_name))
        draft = back[label]
        assert draft.person.organisation == person.organisation
        assert draft.person.title == person.title
        assert [e.value for e in draft.person.emails] == [e.value for e in person.emails]
        assert set(draft.spheres) == {net.spheres[s].name for s in person.spheres}
    assert len(parsed.ties) == len(net.ties) and not parsed.ties_skipped
    kinds = sorted((t.kind, t.strength, t.directed) for t in parsed.ties)
    assert kinds == sorted((t.kind, t.strength, t.directed) for t in net.ties.values())


def test_graphml_holds_every_person_and_tie_with_numeric_ratings(
    network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "map.graphml"
    write("graphml", network, path)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.number_of_nodes() == len(network.people)
    assert graph.number_of_edges() == len(network.ties)
    root = fromstring(path.read_bytes())
    types = {k.get("attr.name"): k.get("attr.type") for k in root if local_name(k.tag) == "key"}
    assert types["quality"] == "long" and types["strength"] == "long"
    assert types["weight"] == "double" and types["x"] == "double"
    node = graph.nodes["p2"]
    assert (node["x"], node["y"], node["label"]) == (12.5, -3.0, "=HYPERLINK(\"x\")")
    assert {"r", "g", "b", "size"} <= node.keys()


def test_gexf_has_viz_positions_colours_and_sizes(network: Network, tmp_path: Path) -> None:
    path = tmp_path / "map.gexf"
    write("gexf", network, path)
    graph = nx.read_gexf(path)
    viz = graph.nodes["p2"]["viz"]
    assert viz["position"]["x"] == 12.5 and viz["position"]["y"] == -3.0
    sphere = min(network.people[PersonId(2)].spheres)
    colour = network.spheres[sphere].colour
    assert "#{:02x}{:02x}{:02x}".format(*(viz["color"][c] for c in "rgb")) == colour
    assert viz["size"] > 0
    me = graph.nodes["p1"]["viz"]
    assert me["size"] > viz["size"] or network.people[PersonId(2)].assessment.quality == 5
    edge = next(iter(graph.edges(data=True)))[2]
    assert isinstance(edge["strength"], int) and isinstance(edge["weight"], float)


def test_csv_neutralises_formula_cells_and_puts_ties_next_to_people(
    network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    write("csv", network, path)
    text = path.read_bytes().decode("utf-8-sig")
    people = list(csv.DictReader(io.StringIO(text, newline="")))
    row = next(r for r in people if r["id"] == "p2")
    assert row["name"] == "'=HYPERLINK(\"x\")"
    assert row["notes"] == "'@evil\r\nline two"
    assert row["x"] == "12.5" and row["y"] == "-3.0"  # numbers stay numbers
    ties = list(csv.DictReader(io.StringIO(
        (tmp_path / "people-ties.csv").read_bytes().decode("utf-8-sig"), newline="")))
    assert len(ties) == len(network.ties)
    assert {r["kind"] for r in ties} <= {"colleague", "friend", "client", "mentor-of", "other"}
    for cell in (c for r in people + ties for c in r.values()):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or cell[1:2].isdigit()


def test_vcard_is_version_3_one_card_per_person(network: Network, tmp_path: Path) -> None:
    path = tmp_path / "map.vcf"
    write("vcard", network, path)
    cards = list(vobject.readComponents(path.read_text("utf-8")))
    assert len(cards) == len(network.people)
    assert all(c.version.value == "3.0" for c in cards)
    person = network.people[PersonId(3)]
    card = next(c for c in cards if c.fn.value == person.display_name)
    assert card.org.value == [person.organisation]
    assert set(card.categories.value) == {network.spheres[s].name for s in person.spheres}


def test_xml_exports_drop_characters_xml_cannot_hold(
    network: Network, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    net = network.copy()
    net.people[PersonId(3)] = replace(net.people[PersonId(3)], notes="bell\x07 and\x00 nul")
    with caplog.at_level(logging.WARNING, logger="relmap.io"):
        write("graphml", net, tmp_path / "map.graphml")
    assert "control characters" in caplog.text
    graph = nx.read_graphml(tmp_path / "map.graphml", force_multigraph=True)
    assert graph.nodes["p3"]["notes"] == "bell and nul"


def test_a_name_xml_cannot_hold_comes_back_as_the_node_id(tmp_path: Path) -> None:
    from tests.io.io_support import parse

    net = Network()
    net.people[PersonId(2)] = Person(PersonId(2), "\x1b\x07")
    write("graphml", net, tmp_path / "map.graphml")
    parsed = parse("graphml", tmp_path / "map.graphml")
    assert parsed.people[0].person.display_name == "p2"
    assert "node p2: the node has no label; named by its id" in [str(i) for i in parsed.issues]


def test_files_are_replaced_atomically(network: Network, tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text("old")
    write("json", network, path)
    assert path.read_text("utf-8").startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.json"]  # no temp file left


def test_a_failed_write_keeps_the_old_file(
    network: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "map.gexf"
    path.write_text("old")

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(KnownError, match="No space left on device"):
        write("gexf", network, path)
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.gexf"]


@pytest.mark.parametrize(("fmt", "where", "message"), [
    ("png", "map.png", "'png' is not a data export format"),
    ("json", "missing/map.json", "does not exist"),
    ("json", ".", "is a folder"),
])
def test_bad_targets_are_refused(network: Network, tmp_path: Path, fmt: str, where: str,
                                 message: str) -> None:
    with pytest.raises(KnownError, match=message):
        write(fmt, network, tmp_path / where)
