"""Export -> import: the full JSON reproduces a map exactly; names, emails and notes of any
text survive CSV, vCard, GraphML and JSON, up to what each format is documented to change."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relmap.core.demo import demo_network
from relmap.core.edits import MoveNodes
from relmap.core.ids import (
    ExchangeId,
    GoalId,
    InteractionId,
    PersonId,
    RemovalId,
    SessionId,
    SphereId,
)
from relmap.core.model import (
    ContactPoint,
    Exchange,
    ExchangeKind,
    Goal,
    GoalKind,
    Gone,
    Interaction,
    InteractionKind,
    MentorSession,
    NextStep,
    Person,
    Removal,
)
from relmap.core.network import ChangeSet, Network
from relmap.document.placement import placements
from relmap.io.export import write
from relmap.io.exporters.graph_export import xml_text
from relmap.io.exporters.json_export import to_json
from relmap.io.values import valid_email
from relmap.store.repository import Repository, ensure_me
from tests.io.io_support import map_with_me, parse, plan


def test_full_json_round_trips_a_map_through_sqlite(tmp_path: Path) -> None:
    """Export a demo map, import it into an empty database: nothing differs."""
    demo = demo_network(people=120, seed=11)
    MoveNodes(placements(demo, seed=11)).apply(demo)
    log = _log(demo)
    with Repository(tmp_path / "source.db") as source:
        source.write(demo, ChangeSet.everything(demo))
        original = source.load()
    assert original.goals and original.interactions and original.exchanges
    write("json", original, tmp_path / "map.json")
    with Repository(tmp_path / "copy.db") as target:
        network = target.load()
        ensure_me(target, network)  # what the CLI and the app do on open
        resolution = plan(parse("json", tmp_path / "map.json"), network)
        assert resolution.counts.people.updated == 1  # the file's owner onto the map's
        assert resolution.counts.people.new == len(original.people) - 1
        target.apply(resolution.edit, network)
        copy = target.load()
    assert copy.people == original.people
    assert copy.ties == original.ties
    assert copy.spheres == original.spheres
    assert copy.goals == original.goals
    assert copy.interactions == original.interactions
    assert copy.exchanges == original.exchanges
    assert copy.sessions == original.sessions
    assert copy.removals == {r.id: replace(r, ref=0) for r in original.removals.values()}
    assert any(t.created is not None for t in copy.ties.values())
    assert resolution.counts.records_new == len(log)


def _log(network: Network) -> list[Goal | Interaction | Exchange | MentorSession | Removal]:
    """A few goals, interactions, exchanges, mentor sessions and removals, put straight into
    ``network``, and a tie with the day it was added."""
    people = sorted(network.people)
    log: list[Goal | Interaction | Exchange | MentorSession | Removal] = [
        Goal(GoalId(1), "Meet three investors", GoalKind.BETTER_CONNECTED,
             spheres=frozenset({SphereId(1), SphereId(3)}), people=frozenset(people[2:4])),
        Goal(GoalId(2), "Speak at a conference", GoalKind.BETTER_KNOWN, active=False),
        Interaction(InteractionId(1), date(2024, 3, 12), InteractionKind.MEAL, "Lunch, ideas",
                    4, frozenset(people[1:4])),
        Interaction(InteractionId(5), date(2024, 4, 2), InteractionKind.CALL),
        Exchange(ExchangeId(1), people[2], True, ExchangeKind.INTRODUCTION, date(2024, 3, 13),
                 "to the fund"),
        Exchange(ExchangeId(2), people[5], False, ExchangeKind.ADVICE, date(2024, 5, 1),
                 value=4),
        MentorSession(SessionId(3), date(2024, 5, 2), "Grace", "Who next?", "Good talk",
                      (NextStep("Call the fund", True), NextStep("Write to the press"))),
        MentorSession(SessionId(4), date(2024, 6, 2)),
        Removal(RemovalId(2), Gone.PERSON, 999, "Victor Hale", datetime(2024, 1, 2, 10),
                datetime(2024, 6, 3, 11, 5)),
        Removal(RemovalId(7), Gone.TIE, 998, "Ann and Bo", datetime(2024, 1, 3),
                datetime(2024, 6, 4)),
    ]
    tie = min(network.ties)
    network.ties[tie] = network.ties[tie]._replace(created=datetime(2024, 3, 1, 9, 30))
    first = min(network.spheres)
    network.spheres[first] = replace(network.spheres[first], cadence_days=45, cadence_max_days=60)
    network.people[people[6]] = replace(network.people[people[6]], cadence_days=20,
                                        cadence_max_days=40, snoozed_until=date(2024, 6, 1))
    for record in log:
        table = {Goal: network.goals, Interaction: network.interactions,
                 Exchange: network.exchanges, MentorSession: network.sessions,
                 Removal: network.removals}[type(record)]
        table[record.id] = record  # type: ignore[index]
    return log


def test_json_round_trip_keeps_introductions_and_several_ties_per_pair(tmp_path: Path) -> None:
    from dataclasses import replace

    from relmap.core.ids import TieId
    from relmap.core.model import Tie, TieKind

    net = demo_network(people=10, seed=2)
    net.people[PersonId(3)] = replace(net.people[PersonId(3)], introduced_by=PersonId(4))
    net.ties[TieId(900)] = Tie(TieId(900), PersonId(3), PersonId(4), TieKind.FRIEND, notes="a")
    net.ties[TieId(901)] = Tie(TieId(901), PersonId(3), PersonId(4), TieKind.FRIEND, notes="b")
    write("json", net, tmp_path / "map.json")
    empty = Network()
    plan(parse("json", tmp_path / "map.json"), empty).edit.apply(empty)
    assert empty.people == net.people and empty.ties == net.ties


# --- property tests --------------------------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)
_ADDRESS_CHAR = st.characters(blacklist_categories=["Cs"]).filter(
    lambda c: not c.isspace() and c != "@")
_PART = st.text(_ADDRESS_CHAR, min_size=1, max_size=12)
EMAILS = st.builds(lambda a, b, c: f"{a}@{b}.{c}", _PART, _PART, _PART)
# A name that a format reduces to nothing (only control characters) has its own example test.
_NAME = _TEXT.filter(lambda t: xml_text(t).replace("\x00", "").strip())
PERSON = st.tuples(_NAME, st.lists(EMAILS, max_size=3), _TEXT)
PEOPLE = st.lists(PERSON, min_size=1, max_size=4)
EXAMPLES = settings(max_examples=50, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _network(people: list[tuple[str, list[str], str]]) -> Network:
    network = Network()
    seen: set[str] = set()
    for i, (name, emails, notes) in enumerate(people, start=1):
        kept = []
        for e in filter(valid_email, emails):  # what the model can hold
            if e.casefold() not in seen:  # one address, one person: else the import merges
                seen.add(e.casefold())
                kept.append(ContactPoint(e))
        pid = PersonId(i)
        network.people[pid] = Person(pid, name, emails=tuple(kept), notes=notes)
    return network


def _round_trip(fmt: str, network: Network, suffix: str) -> list[Person]:
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / f"map{suffix}"
        write(fmt, network, path)
        target = Network()
        plan(parse(fmt, path), target).edit.apply(target)
    return sorted(target.people.values(), key=lambda p: p.id)


def _check(
    fmt: str, suffix: str, people: list[tuple[str, list[str], str]],
    name: Callable[[str], str], email: Callable[[str], str], notes: Callable[[str], str],
) -> None:
    network = _network(people)
    expected = list(network.people.values())
    back = _round_trip(fmt, network, suffix)
    assert [p.display_name for p in back] == [name(p.display_name) for p in expected]
    for old, new in zip(expected, back, strict=True):
        assert [e.value for e in new.emails] == [email(e.value) for e in old.emails]
        assert new.notes == notes(old.notes)


@EXAMPLES
@given(PEOPLE)
def test_json_keeps_any_text_exactly(people: list[tuple[str, list[str], str]]) -> None:
    network = _network(people)
    with TemporaryDirectory() as tmp:
        write("json", network, Path(tmp) / "map.json")
        target = Network()
        plan(parse("json", Path(tmp) / "map.json"), target).edit.apply(target)
    assert target.people == network.people


def _csv_cell(text: str) -> str:
    """CSV: NUL characters are removed (with a warning), a blank cell is no value."""
    text = text.replace("\x00", "")
    return text if text.strip() else ""


@EXAMPLES
@given(PEOPLE)
def test_csv_keeps_names_emails_and_notes(people: list[tuple[str, list[str], str]]) -> None:
    _check("csv", ".csv", people, name=lambda t: t.replace("\x00", "").strip(),
           email=lambda e: e.replace("\x00", ""), notes=_csv_cell)


def _vcard_text(text: str) -> str:
    """vCard: CR and CRLF are line breaks (LF); values are trimmed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


@EXAMPLES
@given(PEOPLE)
def test_vcard_keeps_names_emails_and_notes(people: list[tuple[str, list[str], str]]) -> None:
    _check("vcard", ".vcf", people, name=_vcard_text, email=lambda e: e, notes=_vcard_text)


@EXAMPLES
@given(PEOPLE)
def test_graphml_keeps_names_emails_and_notes(people: list[tuple[str, list[str], str]]) -> None:
    """GraphML: characters XML 1.0 forbids are removed, CR becomes LF; names are trimmed."""
    _check("graphml", ".graphml", people, name=lambda t: xml_text(t).strip(), email=xml_text,
           notes=xml_text)


def test_graph_exports_give_each_edge_its_own_direction(tmp_path: Path) -> None:
    from xml.etree import ElementTree

    network = demo_network(people=30, seed=4)
    arrow = min(network.ties)
    network.ties[arrow] = network.ties[arrow]._replace(directed=True)
    for fmt in ("graphml", "gexf"):
        write(fmt, network, tmp_path / f"map.{fmt}")
    graphml = ElementTree.parse(tmp_path / "map.graphml").getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    graph = graphml.find("g:graph", ns)
    assert graph is not None and graph.get("edgedefault") == "undirected"
    edges = graph.findall("g:edge", ns)
    assert [e.get("id") for e in edges if e.get("directed") == "true"] == [f"t{arrow}"]
    id_keys = [k.get("id") for k in graphml.findall("g:key", ns) if k.get("attr.name") == "id"]
    assert not id_keys  # the edge id is written once, as the edge's id
    gexf = ElementTree.parse(tmp_path / "map.gexf").getroot()
    ns = {"x": "http://www.gexf.net/1.2draft"}
    graph = gexf.find("x:graph", ns)
    assert graph is not None and "name" not in graph.attrib
    assert graph.get("defaultedgetype") == "undirected"
    typed = [e.get("id") for e in gexf.iter("{http://www.gexf.net/1.2draft}edge")
             if e.get("type") == "directed"]
    assert typed == [f"t{arrow}"]
    for fmt in ("graphml", "gexf"):  # and relmap reads each direction back
        parsed = parse(fmt, tmp_path / f"map.{fmt}")
        assert sum(t.directed for t in parsed.ties) == 1


def test_a_graph_export_brings_its_owner_back_onto_the_map_owner(tmp_path: Path) -> None:
    original = demo_network(people=20, seed=6)
    for fmt in ("graphml", "gexf"):
        write(fmt, original, tmp_path / f"map.{fmt}")
        network = map_with_me("Someone Else")
        resolution = plan(parse(fmt, tmp_path / f"map.{fmt}"), network)
        network.apply(resolution.edit)
        assert sum(p.is_me for p in network.people.values()) == 1
        assert len(network.people) == len(original.people)  # the owner was not added again


def test_the_rating_history_moves_with_the_map_through_json(tmp_path: Path) -> None:
    """Then and now still works on a map moved to a new database through the JSON export."""
    from relmap.analysis.then_now import then_and_now
    from relmap.core.demo import demo_history, demo_log

    today = date(2026, 12, 4)
    demo = demo_network(people=60, seed=5)
    demo_log(demo, today=today, seed=5)
    history = demo_history(demo, seed=5, today=today)
    with Repository(tmp_path / "source.db") as source:
        source.write(demo, ChangeSet.everything(demo, history=history))
        original, stored = source.load(), source.history()
    data = json.loads(to_json(original, stored))
    data["history"].append({"person": "p2", "field": "quality", "old": 9, "new": 1,
                            "at": "2026-01-01T00:00:00"})  # a damaged row is left out
    (tmp_path / "map.json").write_text(json.dumps(data), "utf-8")
    with Repository(tmp_path / "copy.db") as target:
        network = target.load()
        ensure_me(target, network)
        parsed = parse("json", tmp_path / "map.json")
        assert [i.where for i in parsed.issues if "rating" in i.where] == [
            f"rating change {len(data['history'])}"]
        resolution = plan(parsed, network)
        target.apply(resolution.edit, network)
        moved = target.history()
        since = today - timedelta(days=42)
        assert then_and_now(network, moved, since, today=today).ratings == then_and_now(
            original, stored, since, today=today).ratings
        assert len(moved) == len(stored)
