"""A CSV of meetings and calls: the mapping suggested from its headers, each row becoming an
interaction with the people it names (by name or email), bad rows skipped with a reason."""

from __future__ import annotations

from datetime import date

from relmap.core.ids import PersonId
from relmap.core.model import ContactPoint, InteractionKind, Person
from relmap.core.network import Network
from relmap.io.importers.column_mapping import suggest_mapping
from tests.io.io_support import DATA, by_name, map_with_me, parse, plan

MEETINGS = DATA / "interactions" / "meetings.csv"


def _map() -> Network:
    network = map_with_me()
    for pid, name, email in ((2, "Ada Lovelace", ""), (3, "Alan Turing", "alan@turing.example"),
                             (4, "Grace Hopper", "")):
        emails = (ContactPoint(email),) if email else ()
        network.people[PersonId(pid)] = Person(PersonId(pid), name, emails=emails)
    return network


def test_the_mapping_of_a_meetings_file_is_suggested() -> None:
    kind, mapping = suggest_mapping(["Date", "Attendees", "Type", "Subject", "Rating"])
    assert kind == "interactions"
    assert mapping == {"Date": "date", "Attendees": "with", "Type": "kind",
                       "Subject": "summary", "Rating": "quality"}


def test_meetings_become_interactions_with_the_people_on_the_map() -> None:
    network = _map()
    parsed = parse("csv", MEETINGS)
    assert len(parsed.log) == 4 and len(parsed.log_skipped) == 3
    skipped = {i.where: i.message for i in parsed.log_skipped}
    assert "is not a date" in skipped["line 6"]
    assert "'Carrier pigeon' is not a kind of contact" in skipped["line 7"]
    assert skipped["line 8"] == "skipped: it names nobody it was with"
    resolution = plan(parsed, network)
    counts = resolution.counts
    assert (counts.records_new, counts.records_skipped) == (3, 4)
    said = [str(i) for i in resolution.issues]
    assert "line 5: skipped: nobody called 'Nobody Known' is on the map or in the file" in said
    assert counts.summary() == "Goals, interactions and exchanges: 3 new, 4 skipped."
    network.apply(resolution.edit)
    ada, alan, grace = (by_name(network, n).id for n in ("Ada Lovelace", "Alan Turing",
                                                          "Grace Hopper"))
    got = sorted((i.on, i.kind, i.summary, i.quality, i.participants)
                 for i in network.interactions.values())
    assert got == [
        (date(2024, 2, 5), InteractionKind.MEETING, "Catch-up on the analytical engine", 4,
         frozenset({ada})),
        (date(2024, 2, 19), InteractionKind.VIDEO, "Pricing review", None,
         frozenset({ada, alan})),
        (date(2024, 3, 12), InteractionKind.MEAL, "Hiring, and the compiler team", 5,
         frozenset({grace})),
    ]


def test_importing_the_same_meetings_again_adds_nothing() -> None:
    network = _map()
    network.apply(plan(parse("csv", MEETINGS), network).edit)
    again = plan(parse("csv", MEETINGS), network)
    assert (again.counts.records_new, again.counts.records_unchanged) == (0, 3)
