"""The time machine: the map as it was on a day, and what changed since."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from relmap.analysis.then_now import as_of, last_session_day, then_and_now
from relmap.core.demo import (
    JOINED_SINCE,
    LEFT_SINCE,
    SESSION_DAYS_AGO,
    TIES_SINCE,
    demo_history,
    demo_log,
    demo_network,
)
from relmap.core.ids import PersonId, RemovalId, TieId
from relmap.core.model import (
    Assessment,
    AssessmentChange,
    AssessmentField,
    Gone,
    Person,
    Removal,
    Tie,
)
from relmap.core.network import Network

TODAY = date(2026, 12, 4)


def _demo() -> tuple:  # type: ignore[type-arg]
    network = demo_network(people=90, seed=3)
    demo_log(network, today=TODAY, seed=3)
    return network, demo_history(network, seed=3, today=TODAY)


def test_then_and_now_on_the_demo_finds_exactly_what_was_seeded() -> None:
    network, history = _demo()
    since = last_session_day(network, today=TODAY)
    assert since == TODAY - timedelta(days=SESSION_DAYS_AGO)
    change = then_and_now(network, history, since, today=TODAY)
    seeded = {(h.person, h.field, h.old, h.new) for h in history if h.at.date() > since}
    assert len(seeded) == 6
    assert {(r.person, r.field, r.then, r.now) for r in change.ratings} == seeded
    joined = {p for p, person in network.people.items() if person.created.date() > since}
    assert set(change.joined) == joined and len(joined) == JOINED_SINCE
    dated = {t for t, tie in network.ties.items() if tie.created is not None}
    assert len(dated) == TIES_SINCE and dated <= set(change.ties)
    tied_to_joiners = {t for t, tie in network.ties.items() if {tie.a, tie.b} & joined}
    assert set(change.ties) == dated | tied_to_joiners
    assert [r.name for r in change.left] == [LEFT_SINCE]
    assert len(change.ended) == 1 and " and " in change.ended[0].name
    assert change.interactions == sum(1 for i in network.interactions.values() if i.on > since)
    assert [s.text for s in change.followed_up] == [
        "Ask two founders for an introduction to an investor", "Log every investor conversation"]
    assert [s.text for s in change.open_steps] == ["Find a way into the press before the "
                                                   "spring events"]
    grown = {s.sphere: s.people for s in change.spheres}
    for sid, (then, now) in grown.items():
        assert now - then == len(network.members(sid) & joined)


def test_as_of_winds_ratings_back_through_the_history() -> None:
    me = Person(PersonId(1), "Me", is_me=True, created=datetime(2026, 1, 1))
    ana = Person(PersonId(2), "Ana", created=datetime(2026, 1, 1), assessment=Assessment(quality=5))
    ben = Person(PersonId(3), "Ben", created=datetime(2026, 6, 1))
    network = Network(people={p.id: p for p in (me, ana, ben)},
                      ties={TieId(1): Tie(TieId(1), me.id, ana.id),
                            TieId(2): Tie(TieId(2), ana.id, ben.id),
                            TieId(3): Tie(TieId(3), me.id, ben.id,
                                          created=datetime(2026, 9, 1))})
    history = [
        AssessmentChange(ana.id, AssessmentField.QUALITY, None, 2, datetime(2026, 2, 1)),
        AssessmentChange(ana.id, AssessmentField.QUALITY, 2, 3, datetime(2026, 5, 1)),
        AssessmentChange(ana.id, AssessmentField.QUALITY, 3, 5, datetime(2026, 7, 1)),
    ]
    march = as_of(network, history, date(2026, 3, 1))
    assert march.people.keys() == {me.id, ana.id}  # Ben was added in June
    assert march.people[ana.id].assessment.quality == 2
    assert as_of(network, history, date(2026, 1, 15)).people[ana.id].assessment.quality is None
    assert as_of(network, history, date(2026, 6, 15)).people[ana.id].assessment.quality == 3
    assert march.ties.keys() == {TieId(1)}
    assert as_of(network, history, date(2026, 6, 2)).ties.keys() == {TieId(1), TieId(2)}
    assert as_of(network, history, date(2026, 9, 1)).ties.keys() == {TieId(1), TieId(2),
                                                                      TieId(3)}
    change = then_and_now(network, history, date(2026, 3, 1), today=date(2026, 12, 1))
    assert [(r.then, r.now, r.rose) for r in change.ratings] == [(2, 5, True)]
    assert change.joined == (ben.id,) and set(change.ties) == {TieId(2), TieId(3)}


def test_who_left_and_which_ties_ended_count_only_if_there_then_and_gone_by_now() -> None:
    me = Person(PersonId(1), "Me", is_me=True, created=datetime(2026, 1, 1))
    network = Network(people={me.id: me})
    spans = {"before": (datetime(2026, 1, 2), datetime(2026, 2, 1)),
             "across": (datetime(2026, 1, 2), datetime(2026, 5, 1)),
             "after": (datetime(2026, 4, 1), datetime(2026, 5, 1)),
             "later": (datetime(2026, 1, 2), datetime(2026, 12, 2))}
    for n, (name, (added, removed)) in enumerate(spans.items(), start=1):
        network.removals[RemovalId(n)] = Removal(RemovalId(n), Gone.PERSON, 10 + n, name,
                                                 added, removed)
    network.removals[RemovalId(9)] = Removal(RemovalId(9), Gone.TIE, 4, "Ana and Ben",
                                             datetime(2026, 1, 5), datetime(2026, 6, 1))
    change = then_and_now(network, [], date(2026, 3, 1), today=date(2026, 12, 1))
    assert [r.name for r in change.left] == ["across"]
    assert [r.name for r in change.ended] == ["Ana and Ben"]
