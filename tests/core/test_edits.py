"""Every edit applied then inverted returns the original network; refused edits change nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest

from relmap.analysis.referrals import introduced
from relmap.analysis.upkeep import balances, last_contact
from relmap.core.demo import demo_log, demo_network
from relmap.core.edits import (
    AddPeople,
    AddSphere,
    AddTies,
    Batch,
    DeleteSphere,
    Edit,
    MoveNodes,
    Position,
    RemovePeople,
    RemoveTies,
    SetAssessment,
    SetMembership,
    UpdatePerson,
    UpdateSphere,
    UpdateTie,
)
from relmap.core.errors import ValidationError
from relmap.core.ids import ExchangeId, GoalId, InteractionId, PersonId, SphereId, TieId
from relmap.core.model import (
    AssessmentField,
    ContactPoint,
    Exchange,
    ExchangeKind,
    Goal,
    GoalKind,
    Gone,
    Interaction,
    InteractionKind,
    Person,
    RecordKind,
    Role,
    Sphere,
    Tie,
    TieKind,
)
from relmap.core.network import ChangeSet, IdRanges, Network
from relmap.core.records import DeleteRecords, PutRecords


@pytest.fixture
def net() -> Network:
    return demo_network(people=40, seed=1)


def _some_tie(net: Network) -> TieId:
    return next(iter(net.ties))


def _contact(net: Network) -> PersonId:
    return next(p.id for p in net.people.values() if not p.is_me and p.spheres)


def edits(net: Network) -> dict[str, Edit]:
    pid = _contact(net)
    new = net.next_person_id()
    sphere = next(iter(net.people[pid].spheres))
    return {
        "add person": AddPeople(
            (
                Person(
                    new,
                    "Nora Quist",
                    emails=(ContactPoint("n@q.io", "work"),),
                    spheres=frozenset({sphere}),
                    introduced_by=pid,
                ),
            ),
            (Tie(net.next_tie_id(), new, pid, kind=TieKind.FRIEND),),
        ),
        "update person": UpdatePerson(
            pid, {"organisation": "Acme", "roles": frozenset({Role.PEER})}
        ),
        "remove person": RemovePeople((pid,)),
        "add tie": AddTies((Tie(net.next_tie_id(), pid, net.me.id, since=date(2020, 1, 2)),)),  # type: ignore[union-attr]
        "update tie": UpdateTie(_some_tie(net), {"strength": 5, "kind": TieKind.FAMILY}),
        "remove tie": RemoveTies((_some_tie(net),)),
        "create sphere": AddSphere(
            Sphere(net.next_sphere_id(), "Chess club", "#123456"), frozenset({pid})
        ),
        "update sphere": UpdateSphere(sphere, {"name": "Renamed", "colour": "#000000"}),
        "delete sphere": DeleteSphere(sphere),
        "join sphere": SetMembership(SphereId(2), frozenset(list(net.people)[:10]), True),
        "leave sphere": SetMembership(sphere, frozenset({pid}), False),
        "rate": SetAssessment(pid, AssessmentField.TRUST_RECEIVED, 5, note="helped twice"),
        "unrate": SetAssessment(pid, AssessmentField.QUALITY, None),
        "move": MoveNodes({pid: Position(12.5, -3.0, True)}),
        "batch": Batch((UpdatePerson(pid, {"title": "CEO"}), RemovePeople((pid,)))),
        "log meeting": PutRecords((_meeting(net, pid),)),
        "log exchange and goal": PutRecords(
            (
                Exchange(ExchangeId(1), pid, True, ExchangeKind.INTRODUCTION, date(2026, 3, 1)),
                Goal(GoalId(1), "Raise a seed round", GoalKind.BETTER_CONNECTED),
            )
        ),
    }


def _meeting(net: Network, pid: PersonId) -> Interaction:
    return Interaction(
        InteractionId(1),
        date(2026, 2, 14),
        InteractionKind.MEAL,
        "lunch",
        4,
        frozenset({pid, net.me.id}),  # type: ignore[union-attr]
    )


def test_removing_a_person_takes_their_log_along_and_undo_restores_it(net: Network) -> None:
    pid, other = [p for p in net.people if not net.people[p].is_me][:2]
    PutRecords(
        (
            Interaction(
                InteractionId(7),
                date(2026, 1, 5),
                InteractionKind.CALL,
                "",
                None,
                frozenset({pid, other}),
            ),
            Exchange(ExchangeId(3), pid, False, ExchangeKind.ADVICE, date(2026, 1, 6)),
            Exchange(ExchangeId(4), other, True, ExchangeKind.GIFT, date(2026, 1, 7)),
        )
    ).apply(net)
    before = net.copy()
    edit = RemovePeople((pid,))
    inverse = edit.inverse(net)
    changes = edit.apply(net)
    net.validate()
    assert net.interactions[InteractionId(7)].participants == {other}
    assert set(net.exchanges) == {ExchangeId(4)}
    assert changes.records == {("interaction", 7), ("exchange", 3), ("removal", 1)}
    inverse.apply(net)
    assert net == before


def test_removals_and_their_undos_find_the_contacts_without_reading_the_whole_log(
    net: Network,
) -> None:
    pid, other = [p for p in net.people if not net.people[p].is_me][:2]
    met = Interaction(InteractionId(7), date(2026, 1, 5), InteractionKind.CALL, "", None,
                      frozenset({pid, other}))
    net.apply(PutRecords((met,)))

    class Counted(dict[InteractionId, Interaction]):
        scans = 0

        def values(self) -> Any:
            Counted.scans += 1
            return super().values()

    net.interactions = Counted(net.interactions)
    before = net.copy()
    for _ in range(2):
        edit = RemovePeople((pid,))
        undo = edit.inverse(net)
        net.apply(edit)
        assert net.interactions[met.id].participants == {other}
        net.apply(undo)
        assert net == before
    assert Counted.scans == 1  # the first look built the index; the edits kept it


def test_each_persons_contacts_and_exchanges_stay_right_across_edits(net: Network) -> None:
    people = [p for p in net.people if not net.people[p].is_me]
    a, b, c = people[:3]

    def right() -> None:
        for pid in net.people:
            assert sorted(i.id for i in net.interactions_of(pid)) == sorted(
                i.id for i in net.interactions.values() if pid in i.participants), pid
            assert sorted(e.id for e in net.exchanges_of(pid)) == sorted(
                e.id for e in net.exchanges.values() if e.person == pid), pid

    right()
    call = Interaction(InteractionId(900), date(2026, 1, 5), InteractionKind.CALL, "", None,
                       frozenset({a, b}))
    gift = Exchange(ExchangeId(900), c, True, ExchangeKind.GIFT, date(2026, 1, 7))
    edits: list[Edit] = [
        PutRecords((call, gift)),
        PutRecords((replace(call, participants=frozenset({b, c})),
                    replace(gift, person=a))),
        RemovePeople((b,)),
        DeleteRecords(((RecordKind.INTERACTION, 900), (RecordKind.EXCHANGE, 900))),
        UpdatePerson(a, {"display_name": "Renamed"}),
    ]
    _each_and_back(net, edits, right, "interactions_by_person", "exchanges_by_person")


def _each_and_back(net: Network, edits: list[Edit], right: Callable[[], None],
                   *kept: str) -> None:
    """Apply ``edits``, then undo them, checking ``right()`` after each step and that every
    index ``kept`` was brought up to date, not dropped."""
    undos = []
    for edit in edits:
        undos.append(edit.inverse(net))
        net.apply(edit)
        assert all(net.has_derived(key) for key in kept)
        right()
    for undo in reversed(undos):  # people and records back, some under the ids they had
        net.apply(undo)
        right()


def test_a_removed_person_and_an_ended_tie_leave_their_names_and_days(net: Network) -> None:
    """Until the removal is undone; adding or taking off someone else with the same id
    leaves them be."""
    pid = _contact(net)
    person = net.people[pid]
    tie = next(t for t in net.ties.values() if pid not in (t.a, t.b))
    names = f"{net.people[tie.a].display_name} and {net.people[tie.b].display_name}"
    before = net.copy()
    undo_tie = RemoveTies((tie.id,)).inverse(net)
    net.apply(RemoveTies((tie.id,)))
    undo_person = RemovePeople((pid,)).inverse(net)
    net.apply(RemovePeople((pid,)))
    gone = sorted(net.removals.values(), key=lambda r: r.id)
    assert [(r.kind, r.ref, r.name) for r in gone] == [
        (Gone.TIE, tie.id, names), (Gone.PERSON, pid, person.display_name)]
    assert gone[0].added == net.tie_added(tie) and gone[1].added == person.created
    assert all(r.removed.date() == date.today() for r in gone)
    net.apply(undo_person)
    net.apply(undo_tie)
    assert net == before and not net.removals
    net.apply(RemovePeople((pid,)))
    reused = replace(person, display_name="Someone else")  # a new person given the same id
    undo_add = AddPeople((reused,)).inverse(net)
    net.apply(AddPeople((reused,)))
    assert [r.name for r in net.removals.values()] == [person.display_name]
    net.apply(undo_add)
    assert [r.name for r in net.removals.values()] == [person.display_name]


def test_records_naming_strangers_are_refused(net: Network) -> None:
    before = net.copy()
    with pytest.raises(ValidationError):
        PutRecords(
            (Exchange(ExchangeId(1), PersonId(10**6), True, ExchangeKind.GIFT, date(2026, 1, 1)),)
        ).apply(net)
    with pytest.raises(ValidationError):
        DeleteRecords(((RecordKind.GOAL, 42),)).apply(net)
    assert net == before


def test_ties_are_checked_when_made_and_when_changed(net: Network) -> None:
    tie = next(iter(net.ties.values()))
    with pytest.raises(ValidationError):
        Tie(TieId(10**6), tie.a, tie.a)
    with pytest.raises(ValidationError):
        Tie(TieId(10**6), tie.a, tie.b, strength=6)
    before = net.copy()
    for changes in ({"strength": 0}, {"b": tie.a}):
        with pytest.raises(ValidationError):
            net.apply(UpdateTie(tie.id, changes))
    assert net == before


@pytest.mark.parametrize("name", list(edits(demo_network(people=40, seed=1))))
def test_apply_then_inverse_restores(net: Network, name: str) -> None:
    edit = edits(net)[name]
    before = net.copy()
    inverse = edit.inverse(net)
    changes = edit.apply(net)
    assert net != before
    assert changes.people or changes.ties or changes.spheres or changes.positions or changes.records
    net.validate()
    inverse.apply(net)
    assert net == before


def test_remove_person_forgets_introducer_and_restores_it(net: Network) -> None:
    intro, other = [p for p in net.people if not net.people[p].is_me][:2]
    UpdatePerson(other, {"introduced_by": intro}).apply(net)
    before = net.copy()
    edit = RemovePeople((intro,))
    inverse = edit.inverse(net)
    edit.apply(net)
    assert net.people[other].introduced_by is None
    assert not any(intro in (t.a, t.b) for t in net.ties.values())
    inverse.apply(net)
    assert net == before


@pytest.mark.parametrize(
    "make",
    [
        lambda n: RemovePeople((n.me.id,)),
        lambda n: AddPeople((Person(n.next_person_id(), "Second me", is_me=True),)),
        lambda n: AddTies((Tie(n.next_tie_id(), n.me.id, n.me.id),)),
        lambda n: AddTies((Tie(n.next_tie_id(), n.me.id, PersonId(99_999)),)),
        lambda n: UpdatePerson(n.me.id, {"display_name": "  "}),
        lambda n: UpdatePerson(n.me.id, {"is_me": False}),
        lambda n: UpdatePerson(n.me.id, {"emails": (ContactPoint("not-an-email"),)}),
        lambda n: SetAssessment(n.me.id, AssessmentField.QUALITY, 6),
        lambda n: UpdateTie(next(iter(n.ties)), {"strength": 0}),
        lambda n: UpdateSphere(SphereId(1), {"name": n.spheres[SphereId(2)].name}),
        lambda n: SetMembership(SphereId(999), frozenset({n.me.id})),
        lambda n: Batch((UpdatePerson(n.me.id, {"title": "ok"}), RemovePeople((n.me.id,)))),
    ],
    ids=[
        "remove me",
        "second me",
        "self tie",
        "unknown person",
        "empty name",
        "locked field",
        "bad email",
        "rating 6",
        "strength 0",
        "duplicate sphere name",
        "unknown sphere",
        "batch half refused",
    ],
)
def test_refused_edit_changes_nothing(net: Network, make: object) -> None:
    before = net.copy()
    with pytest.raises(ValidationError):
        make(net).apply(net)  # type: ignore[operator]
    assert net == before


def test_rating_change_is_recorded_in_history(net: Network) -> None:
    pid = _contact(net)
    old = net.people[pid].assessment.relevance
    new = 1 if old != 1 else 2
    changes = SetAssessment(pid, AssessmentField.RELEVANCE, new).apply(net)
    assert [(h.old, h.new) for h in changes.history] == [(old, new)]
    assert SetAssessment(pid, AssessmentField.RELEVANCE, new).apply(net).history == ()


def test_every_record_kind_has_its_table_and_its_key() -> None:
    from relmap.core.ids import RemovalId, SessionId, ViewId
    from relmap.core.model import (
        Gone,
        MentorSession,
        NextStep,
        RecordKind,
        Removal,
        SavedView,
        Tier,
        TierCadence,
        record_kind,
    )
    from relmap.core.records import record_key

    network = demo_network(people=40, seed=2)
    for kind in RecordKind:
        network.records(kind).clear()
    pid = next(p for p in network.people if not network.people[p].is_me)
    network.apply(PutRecords((
        _meeting(network, pid),
        Exchange(ExchangeId(1), pid, True, ExchangeKind.INTRODUCTION, date(2026, 3, 1)),
        Goal(GoalId(1), "Raise a seed round", GoalKind.BETTER_CONNECTED),
        TierCadence(Tier.CLOSE, 21, 40),
        SavedView(ViewId(1), "Investors I trust", focus=frozenset({pid})),
        MentorSession(SessionId(1), date(2026, 3, 2), "Grace", next_steps=(NextStep("Call"),)),
        Removal(RemovalId(1), Gone.PERSON, 99, "Ann Lee", datetime(2026, 1, 2),
                datetime(2026, 3, 4)),
    )))
    tables = {kind: network.records(kind) for kind in RecordKind}
    assert all(len(table) == 1 for table in tables.values())
    assert tables == {RecordKind.GOAL: network.goals, RecordKind.INTERACTION: network.interactions,
                      RecordKind.EXCHANGE: network.exchanges, RecordKind.CADENCE: network.cadences,
                      RecordKind.VIEW: network.views, RecordKind.SESSION: network.sessions,
                      RecordKind.REMOVAL: network.removals}
    for kind, table in tables.items():
        for record in table.values():
            assert record_kind(record) is kind and record_key(record) == (kind, int(record.id))
    everything = ChangeSet.everything(network).records
    assert everything == {(k, int(i)) for k, table in tables.items() for i in table}


def test_the_indexes_follow_every_edit_even_inside_a_batch() -> None:
    network = demo_network(people=40, seed=4)
    sid = min(network.spheres)
    outsider = next(p.id for p in network.people.values() if sid not in p.spheres)
    members, ties = network.members(sid), list(network.ties_of(outsider))
    batch = Batch((SetMembership(sid, frozenset({outsider})), DeleteSphere(sid)))
    undo = batch.inverse(network)
    network.apply(batch)
    assert sid not in network.spheres and network.members(sid) == frozenset()
    network.apply(undo)
    assert network.members(sid) == members  # the outsider was added, then all taken out
    network.apply(RemoveTies(tuple(t.id for t in ties)))
    assert list(network.ties_of(outsider)) == []


def test_a_move_changes_the_place_and_nothing_else_of_a_person() -> None:
    network = demo_network()
    for person in network.people.values():  # all kinds: rated, in spheres, with contacts
        moved = person.at(1.5, -2.0, not person.pinned)
        assert moved == replace(person, x=1.5, y=-2.0, pinned=not person.pinned)


def test_a_move_keeps_what_was_worked_out_and_any_other_edit_forgets_it() -> None:
    network = demo_network()
    today = date(2026, 6, 1)
    owed, referrals = balances(network, today=today), introduced(network)
    pid = next(p for p in network.people.values() if not p.is_me).id
    network.apply(MoveNodes({pid: Position(5.0, 6.0, True)}))
    assert balances(network, today=today) is owed and introduced(network) is referrals
    network.apply(UpdatePerson(pid, {"display_name": "Someone Else"}))
    assert balances(network, today=today) is not owed
    assert introduced(network) is not referrals


def test_what_reads_the_graph_is_brought_up_to_date_by_its_update_or_built_again() -> None:
    network = demo_network(people=30, seed=3)
    pid, other = [p.id for p in network.people.values() if not p.is_me][:2]
    built: list[int] = []

    def names(n: Network) -> dict[PersonId, str]:
        built.append(n.revision)
        return {p.id: p.display_name for p in n.people.values()}

    def update(n: Network, old: dict[PersonId, str],
               changes: ChangeSet) -> dict[PersonId, str] | None:
        return None if changes.ties else old | {p: n.people[p].display_name
                                                 for p in changes.people}

    def ask() -> dict[PersonId, str]:
        return network.derived("names", names, graph_only=True, update=update)

    ask()
    network.apply(UpdatePerson(pid, {"display_name": "Renamed"}))
    assert ask()[pid] == "Renamed" and len(built) == 1  # brought up to date
    network.apply(PutRecords((_meeting(network, pid),)))
    network.add_log({})
    assert ask()[pid] == "Renamed" and len(built) == 1  # a log's edits keep it, and its update
    network.apply(UpdatePerson(pid, {"display_name": "Again"}))
    assert ask()[pid] == "Again" and len(built) == 1
    network.apply(AddTies((Tie(network.next_tie_id(), pid, other),)))
    assert ask() == {p.id: p.display_name for p in network.people.values()}
    assert len(built) == 2  # its update declined: built again
    window = network.copy()
    window.take_derived(network)  # as a window takes what its measures derived
    window.apply(UpdatePerson(other, {"display_name": "Taken"}))
    assert window.derived("names", names, graph_only=True, update=update)[other] == "Taken"
    assert len(built) == 2  # taken with its update: brought up to date, not built again


def test_what_an_update_derives_anew_is_kept() -> None:
    """An update that needs something the network has not derived yet (an index) derives it
    from the network as it is: it is kept, not derived again at the next edit."""
    network = demo_network(people=30, seed=3)
    pid = next(p.id for p in network.people.values() if not p.is_me)
    counted: list[int] = []

    def count(n: Network) -> int:
        counted.append(n.revision)
        return len(n.people)

    def update(n: Network, old: int, _changes: ChangeSet) -> int:
        return old + n.derived("count", count, update=lambda _n, same, _c: same) // len(n.people)

    network.derived("edits", lambda _: 0, update=update)
    for name in ("A", "B", "C"):
        network.apply(UpdatePerson(pid, {"display_name": name}))
    assert network.derived("edits", lambda _: 0, update=update) == 3
    assert len(counted) == 1


def test_a_copy_takes_what_the_map_worked_out_from_its_log_only_when_asked() -> None:
    network = demo_network()
    demo_log(network, today=date(2026, 6, 1))
    last = last_contact(network)
    assert last
    plain, full = network.copy(), network.copy()
    plain.take_derived(network)
    full.take_derived(network, log=True)
    assert last_contact(full) is last
    assert last_contact(plain) == last and last_contact(plain) is not last


def test_a_log_read_after_the_map_joins_what_was_logged_meanwhile() -> None:
    from relmap.core.model import RecordKind

    network = demo_network(people=40, seed=2)
    pid = next(p for p in network.people if not network.people[p].is_me)
    read = _meeting(network, pid)
    meanwhile = replace(read, id=InteractionId(read.id + 1))
    network.interactions[meanwhile.id] = meanwhile
    exchanges = {ExchangeId(1): Exchange(ExchangeId(1), pid, True, ExchangeKind.ADVICE,
                                         date(2026, 3, 1))}
    revision = network.revision
    network.add_log({RecordKind.INTERACTION: {read.id: read}, RecordKind.EXCHANGE: exchanges})
    assert network.interactions == {read.id: read, meanwhile.id: meanwhile}
    assert network.exchanges is exchanges  # none there yet: the table read is taken, not copied
    assert network.revision == revision + 1


def test_the_ties_of_each_person_stay_right_across_edits_without_reading_every_tie(
    net: Network,
) -> None:
    people = [p for p in net.people if not net.people[p].is_me]
    a, b, c = people[:3]

    def right() -> None:
        for pid in net.people:
            assert sorted(t.id for t in net.ties_of(pid)) == sorted(
                t.id for t in net.ties.values() if pid in (t.a, t.b)), pid

    right()
    first = net.next_tie_id()
    edits: list[Edit] = [
        AddTies((Tie(first, a, b), Tie(TieId(first + 1), b, c))),
        UpdateTie(first, {"strength": 5}),
        RemoveTies((first,)),
        RemovePeople((c,)),
        UpdatePerson(a, {"display_name": "Renamed"}),
    ]
    _each_and_back(net, edits, right, "ties_by_person")


def test_new_ids_follow_the_highest_used_in_each_range_set_aside() -> None:
    reserved: list[tuple[str, int]] = []

    def reserve(kind: str, count: int) -> int:
        reserved.append((kind, count))
        return 1 + 1000 * len(reserved)  # 1001, 2001, …

    ids = IdRanges(reserve)
    assert ids.take("tie", {}.keys(), 2) == [1001, 1002]
    used = {1001: 0, 1005: 0, 7: 0, 3000: 0}  # 7 and 3000: outside the range, never reserved
    assert ids.take("tie", used.keys(), 3) == [1006, 1007, 1008]
    assert ids.take("tie", used.keys(), 3) == [1006, 1007, 1008]  # asked again: the same
    used.update(dict.fromkeys(range(1990, 2001), 0))  # the range used to its end
    assert ids.take("tie", used.keys(), 1) == [2001]
    assert reserved == [("tie", 1000), ("tie", 1000)]
