"""Keeping in touch: cadence windows and where they come from, snooze, drifting order,
the reciprocity balance and the give-first list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from relmap.analysis.upkeep import (
    HALF_LIFE_DAYS,
    Cadence,
    Standing,
    Status,
    balance,
    balance_words,
    balances,
    cadences,
    cadences_known,
    drifting,
    give_first,
    last_contact,
    standing,
    standings,
)
from relmap.core.edits import (
    AddPeople,
    AddTies,
    Edit,
    RemovePeople,
    RemoveTies,
    SetAssessment,
    UpdatePerson,
    UpdateTie,
)
from relmap.core.ids import ExchangeId, InteractionId, PersonId, SphereId, TieId
from relmap.core.merge import Adopt
from relmap.core.model import (
    Assessment,
    AssessmentField,
    Exchange,
    ExchangeKind,
    Interaction,
    InteractionKind,
    Person,
    RecordKind,
    Sphere,
    Tie,
    Tier,
    TierCadence,
)
from relmap.core.network import TIE, Network
from relmap.core.records import DeleteRecords, PutRecords

TODAY = date(2026, 6, 1)
ADDED = datetime(2026, 1, 1)
ME, ANA, BEN, CY, DEE, EVE = (PersonId(i) for i in range(1, 7))


@pytest.fixture
def net() -> Network:
    """Ana has her own 30-day cadence, Ben is in a 60-day sphere, Cy is trusted 5 both ways
    with a strong tie to me (inner circle), Dee is unrated and in no sphere."""
    people = [
        Person(ME, "Me", is_me=True, created=ADDED),
        Person(ANA, "Ana", cadence_days=30, created=ADDED,
               assessment=Assessment(trust_given=4, trust_received=4, quality=4, relevance=4)),
        Person(BEN, "Ben", spheres=frozenset({SphereId(1)}), created=ADDED),
        Person(CY, "Cy", created=ADDED, assessment=Assessment(trust_given=5, trust_received=5)),
        Person(DEE, "Dee", created=ADDED),
    ]
    return Network(
        people={p.id: p for p in people},
        ties={TieId(1): Tie(TieId(1), ME, CY, strength=5)},
        spheres={SphereId(1): Sphere(SphereId(1), "Investors", cadence_days=60)},
    )


def _at(net: Network, person: PersonId, day: date) -> Standing:
    found = standing(net, person, today=day)
    assert found is not None
    return found


def _meet(net: Network, on: date, *people: PersonId, kind: InteractionKind = InteractionKind.CALL
          ) -> None:
    iid = InteractionId(max(net.interactions, default=0) + 1)
    net.apply(PutRecords((Interaction(iid, on, kind, participants=frozenset(people)),)))


def test_a_cadence_comes_from_the_person_then_the_sphere_then_the_tier(net: Network) -> None:
    found = cadences(net)
    assert (found[ANA].ideal, found[ANA].maximum, found[ANA].source) == (30, 45, "set for them")
    assert (found[BEN].ideal, found[BEN].source) == (60, "from the Investors sphere")
    assert (found[CY].ideal, found[CY].maximum) == (14, 21)
    assert found[CY].source == "from the inner circle tier"
    assert DEE not in found and ME not in found  # unrated, no sphere: never nagged
    net.apply(PutRecords((TierCadence(Tier.INNER_CIRCLE, 7, 10),)))
    assert (cadences(net)[CY].ideal, cadences(net)[CY].maximum) == (7, 10)
    net.apply(PutRecords((TierCadence(Tier.INNER_CIRCLE, None),)))
    assert CY not in cadences(net)  # the tier switched off


def test_one_persons_standing_needs_not_everyones_cadence_and_agrees_with_it(
    net: Network,
) -> None:
    net.apply(PutRecords((TierCadence(Tier.INNER_CIRCLE, 7, 10),)))
    alone = {pid: standing(net, pid, today=TODAY) for pid in net.people}
    assert not cadences_known(net)  # each worked out alone
    found = cadences(net)
    for pid, seen in alone.items():
        assert (seen.cadence if seen else None) == found.get(pid), pid
        assert seen == standing(net, pid, today=TODAY)  # the same from everyone's


def test_status_at_the_edges_of_the_windows(net: Network) -> None:
    _meet(net, TODAY - timedelta(days=30), ANA)
    assert _at(net, ANA, TODAY).status is Status.OK  # exactly the ideal window
    assert _at(net, ANA, TODAY + timedelta(days=1)).status is Status.DUE
    assert _at(net, ANA, TODAY + timedelta(days=15)).status is Status.DUE  # the max
    late = _at(net, ANA, TODAY + timedelta(days=16))
    assert (late.status, late.late) == (Status.OVERDUE, 16)
    assert standing(net, DEE, today=TODAY) is None


def test_never_met_counts_from_the_day_they_were_added(net: Network) -> None:
    s = standing(net, BEN, today=TODAY)
    assert s is not None and s.last is None
    assert s.late == (TODAY - ADDED.date()).days - 60


def test_logging_resets_the_clock_and_an_introduction_counts_for_both(net: Network) -> None:
    assert _at(net, ANA, TODAY).status is Status.OVERDUE
    _meet(net, TODAY, ANA, BEN, kind=InteractionKind.INTRODUCTION)
    assert last_contact(net) == {ANA: TODAY, BEN: TODAY}
    assert {_at(net, p, TODAY).status for p in (ANA, BEN)} == {Status.OK}


def test_snooze_silences_until_its_day(net: Network) -> None:
    net.apply(UpdatePerson(ANA, {"snoozed_until": TODAY + timedelta(days=7)}))
    assert _at(net, ANA, TODAY).status is Status.SNOOZED
    assert ANA not in {d.person for d in drifting(net, today=TODAY)}
    assert _at(net, ANA, TODAY + timedelta(days=7)).status is Status.OVERDUE


def test_drifting_orders_by_value_times_lateness(net: Network) -> None:
    _meet(net, TODAY - timedelta(days=40), ANA)  # 10 days late of 30, worth 16/20
    _meet(net, TODAY - timedelta(days=80), BEN)  # 20 days late of 60, worth 8/20
    _meet(net, TODAY - timedelta(days=20), CY)  # 6 days late of 14, worth (5+5+2+2)/20
    due = drifting(net, today=TODAY)
    assert [d.person for d in due] == [CY, ANA, BEN]
    assert [d.urgency for d in due] == pytest.approx([0.7 * 6 / 14, 0.8 * 10 / 30, 0.4 * 20 / 60])
    assert "last met 22 Apr 2026, 40 days ago; every 30 days set for them" in due[1].words


def test_balance_halves_every_half_life(net: Network) -> None:
    old = TODAY - timedelta(days=HALF_LIFE_DAYS)
    net.apply(PutRecords((
        Exchange(ExchangeId(1), ANA, True, ExchangeKind.ADVICE, TODAY, value=4),
        Exchange(ExchangeId(2), ANA, False, ExchangeKind.REFERRAL, old, value=4),
        Exchange(ExchangeId(3), BEN, False, ExchangeKind.INTRODUCTION, TODAY),  # unrated: 3
    )))
    assert balances(net, today=TODAY) == pytest.approx({ANA: 4 - 2, BEN: -3})
    # One person's, from their exchanges alone, as the whole map's count it.
    assert [balance(net, p, today=TODAY) for p in (ANA, BEN, CY)] == pytest.approx([2, -3, None])
    net.apply(DeleteRecords(((RecordKind.EXCHANGE, 3),)))
    assert balance(net, BEN, today=TODAY) is None
    assert [balance_words(b) for b in (-5, -2, 0, 2, 5)] == [
        "I mostly take", "I take a little more", "even", "I give a little more", "I mostly give"]


def test_give_first_lists_who_gave_more_most_valuable_first(net: Network) -> None:
    net.apply(PutRecords(tuple(
        Exchange(ExchangeId(i), pid, False, ExchangeKind.FAVOUR, TODAY, value=v)
        for i, (pid, v) in enumerate(((BEN, 5), (CY, 2), (DEE, 1)), start=1))))
    assert give_first(net, today=TODAY) == [(CY, -2.0), (BEN, -5.0), (DEE, -1.0)]
    net.apply(PutRecords((Exchange(ExchangeId(9), CY, True, ExchangeKind.GIFT, TODAY, value=2),)))
    assert [p for p, _ in give_first(net, today=TODAY)] == [BEN, DEE]


def test_log_edits_keep_graph_measures_but_refresh_upkeep(net: Network) -> None:
    from relmap.analysis.influence import influence

    ranked = influence(net)
    before = cadences(net)
    _meet(net, TODAY, ANA)
    assert influence(net) is ranked  # a logged contact does not recompute the measures
    assert last_contact(net) == {ANA: TODAY}
    net.apply(UpdatePerson(DEE, {"cadence_days": 10}))
    assert influence(net) is not ranked and cadences(net) != before
    assert replace(net.people[DEE]).cadence_days == 10


def test_last_contact_follows_new_edited_and_deleted_interactions(net: Network) -> None:

    _meet(net, TODAY - timedelta(days=50), ANA)
    assert last_contact(net) == {ANA: TODAY - timedelta(days=50)}
    _meet(net, TODAY, ANA, BEN)  # counted into what was known
    assert last_contact(net) == {ANA: TODAY, BEN: TODAY}
    latest = net.interactions[InteractionId(2)]
    net.apply(PutRecords((replace(latest, on=TODAY - timedelta(days=90)),)))  # moved back
    assert last_contact(net) == {ANA: TODAY - timedelta(days=50), BEN: TODAY - timedelta(days=90)}
    net.apply(DeleteRecords(((RecordKind.INTERACTION, 1),)))
    assert last_contact(net) == {ANA: TODAY - timedelta(days=90), BEN: TODAY - timedelta(days=90)}


def test_standings_follow_new_edited_and_deleted_contacts_and_tier_cadences(
    net: Network,
) -> None:
    """Kept up to date step by step, everyone's standings are what working them out afresh
    gives."""
    def fresh() -> dict[PersonId, Standing]:
        alone = Network(people=dict(net.people), ties=dict(net.ties), spheres=dict(net.spheres),
                        interactions=dict(net.interactions), cadences=dict(net.cadences))
        return standings(alone, today=TODAY)

    assert standings(net, today=TODAY) == fresh()
    _meet(net, TODAY - timedelta(days=50), ANA)
    assert standings(net, today=TODAY) == fresh()
    _meet(net, TODAY, ANA, BEN, DEE)  # Dee has no cadence: she stays without a standing
    assert standings(net, today=TODAY) == fresh()
    assert standings(net, today=TODAY)[BEN].status is Status.OK
    latest = net.interactions[InteractionId(2)]
    net.apply(PutRecords((replace(latest, on=TODAY - timedelta(days=90)),)))  # moved back
    assert standings(net, today=TODAY) == fresh()
    assert standings(net, today=TODAY)[ANA].last == TODAY - timedelta(days=50)
    net.apply(DeleteRecords(((RecordKind.INTERACTION, 1),)))
    assert standings(net, today=TODAY) == fresh()
    net.apply(PutRecords((TierCadence(Tier.INNER_CIRCLE, 7, 10),)))
    assert standings(net, today=TODAY)[CY].cadence.ideal == 7
    assert standings(net, today=TODAY) == fresh()


def test_cadences_and_standings_follow_people_edited(net: Network) -> None:
    """Kept up to date edit by edit, everyone's cadence and standing are what working them
    out afresh gives."""
    def fresh() -> tuple[dict[PersonId, Cadence], dict[PersonId, Standing]]:
        alone = Network(people=dict(net.people), ties=dict(net.ties), spheres=dict(net.spheres),
                        interactions=dict(net.interactions), cadences=dict(net.cadences))
        return cadences(alone), standings(alone, today=TODAY)

    _meet(net, TODAY - timedelta(days=20), ANA, BEN, CY)
    assert (cadences(net), standings(net, today=TODAY)) == fresh()
    edits: list[Edit] = [
        UpdatePerson(DEE, {"cadence_days": 10}),  # Dee gains a cadence of her own
        SetAssessment(CY, AssessmentField.TRUST_GIVEN, 1),  # Cy leaves the inner circle
        UpdatePerson(ANA, {"cadence_days": None}),  # Ana falls back to her tier
        UpdatePerson(BEN, {"snoozed_until": TODAY + timedelta(days=5)}),
        UpdatePerson(ME, {"display_name": "Me again"}),
    ]
    for edit in edits:
        net.apply(edit)
        assert (cadences(net), standings(net, today=TODAY)) == fresh()
    assert standings(net, today=TODAY)[DEE].cadence.ideal == 10
    assert standings(net, today=TODAY)[BEN].status is Status.SNOOZED


def test_cadences_and_standings_follow_ties_and_people_added_and_removed(net: Network) -> None:
    """A tie to me sets the other's tier: kept up to date through ties added, changed and
    removed, people added and removed, another member's change and every undo, everyone's
    cadence and standing are what working them out afresh gives."""
    def fresh() -> tuple[dict[PersonId, Cadence], dict[PersonId, Standing]]:
        alone = Network(people=dict(net.people), ties=dict(net.ties), spheres=dict(net.spheres),
                        interactions=dict(net.interactions), cadences=dict(net.cadences))
        return cadences(alone), standings(alone, today=TODAY)

    _meet(net, TODAY - timedelta(days=40), CY)
    list(net.ties_of(CY))  # the index of everyone's ties, as the window keeps it
    assert (cadences(net), standings(net, today=TODAY)) == fresh()
    eve = Person(EVE, "Eve", created=ADDED, assessment=Assessment(trust_given=3, trust_received=3))
    edits: list[Edit] = [
        AddPeople((eve,), (Tie(TieId(2), EVE, ME, strength=1),)),  # Eve: network tier
        UpdateTie(TieId(1), {"strength": 1}),  # Cy: from the inner circle to close
        AddTies((Tie(TieId(3), ME, EVE, strength=5),)),  # Eve: close, by the stronger tie
        RemoveTies((TieId(1),)),  # Cy: inner circle again, by trust alone
        UpdateTie(TieId(3), {"b": CY}),  # now mine with Cy: Eve falls back to network
        RemovePeople((EVE,)),
    ]
    undo: list[Edit] = []
    for edit in edits:
        undo.append(edit.inverse(net))
        net.apply(edit)
        assert (cadences(net), standings(net, today=TODAY)) == fresh()
    for edit in reversed(undo):
        net.apply(edit)
        assert (cadences(net), standings(net, today=TODAY)) == fresh()
    net.apply(edits[0])  # Eve again
    assert cadences(net)[EVE].source == "from the network tier"
    net.apply(Adopt({(TIE, 2): Tie(TieId(2), EVE, ME, strength=5)}))  # another member's
    assert cadences(net)[EVE].source == "from the close tier"
    assert (cadences(net), standings(net, today=TODAY)) == fresh()


def test_the_referral_tree_follows_introductions_and_survives_a_loop(net: Network) -> None:
    from relmap.analysis.referrals import introduced, introducers, referral_tree

    net.apply(UpdatePerson(BEN, {"introduced_by": ANA}))
    net.apply(UpdatePerson(CY, {"introduced_by": BEN}))
    net.apply(UpdatePerson(DEE, {"introduced_by": BEN}))
    assert introducers(net, CY) == [BEN, ANA]
    assert introduced(net) == {ANA: [BEN], BEN: [CY, DEE]}
    assert referral_tree(net, BEN) == {ME, ANA, BEN, CY, DEE}
    assert referral_tree(net, DEE) == {ME, ANA, BEN, DEE}
    net.apply(UpdatePerson(ANA, {"introduced_by": CY}))  # a loop in the data
    assert introducers(net, CY) == [BEN, ANA]
    assert referral_tree(net, ANA) == {ME, ANA, BEN, CY, DEE}
