"""Keeping relationships alive: stay-in-touch cadences, who is drifting, what was given and
received. The rules and their reasons are in ``docs/upkeep.md``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import chain
from typing import TypeVar

from relmap.analysis.closeness import closeness
from relmap.core.dates import short_date
from relmap.core.i18n import tr
from relmap.core.ids import InteractionId, PersonId
from relmap.core.model import (
    DEFAULT_TIER_CADENCES,
    Exchange,
    Interaction,
    Person,
    RecordKind,
    Tie,
    Tier,
)
from relmap.core.network import ChangeSet, Network
from relmap.core.turns import in_turns

T = TypeVar("T")

MAX_FACTOR = 1.5  # a window without a stated maximum is overdue at 1.5 × its ideal
HALF_LIFE_DAYS = 180  # an exchange counts half as much after six months
UNRATED_VALUE = 3  # an exchange of unstated value counts as a middling one
UNRATED_WORTH = 2  # a missing rating, when ranking whom to look after first
TIER_FLOORS = ((Tier.INNER_CIRCLE, 0.75), (Tier.CLOSE, 0.5))  # closeness at least; else network


class Status(StrEnum):
    OK = "ok"  # within the ideal window
    DUE = "due"  # past the ideal window
    OVERDUE = "overdue"  # past the longest gap
    SNOOZED = "snoozed"  # the user asked not to be reminded until a date


@dataclass(frozen=True, slots=True)
class Cadence:
    """How often to be in touch with someone, and why."""

    ideal: int  # days
    maximum: int  # days; past it the contact is overdue
    source: str  # "set for them", "from the Investors sphere", "from the close tier"


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a relationship with a cadence stands today."""

    person: PersonId
    cadence: Cadence
    last: date | None  # the last interaction, None if never
    status: Status
    late: int  # days past the ideal window (negative: days left), counted from ``last`` or,
    # if never met, from the day they were added


def window(ideal: int, maximum: int | None) -> tuple[int, int]:
    return ideal, maximum if maximum is not None else round(ideal * MAX_FACTOR)


def tier(person: Person, strength_to_me: int | None) -> Tier | None:
    """The closeness tier of someone I rated for trust (either way); None for anyone else.

    Unrated people get no tier, so a large import is never nagged as a whole.
    """
    a = person.assessment
    if person.is_me or (a.trust_given is None and a.trust_received is None):
        return None
    near = closeness(person, strength_to_me)
    return next((t for t, floor in TIER_FLOORS if near >= floor), Tier.NETWORK)


def cadences(network: Network) -> dict[PersonId, Cadence]:
    """The cadence of everyone who has one: their own, else the shortest of their spheres',
    else their closeness tier's. Computed once per revision."""
    return network.derived(_cadences_key(network), _cadences, graph_only=True,
                           update=_recadence)


def cadences_known(network: Network) -> bool:
    """Whether :func:`cadences` of ``network`` as it is are worked out (they cost nothing)."""
    return network.has_derived(_cadences_key(network))


def _cadences_key(network: Network) -> str:
    return f"upkeep.cadences.{sorted(network.cadences.values(), key=lambda c: c.id)}"


def _cadences(network: Network) -> dict[PersonId, Cadence]:
    me = network.me
    to_me: dict[PersonId, int] = {}
    if me is not None:
        for t in network.ties_of(me.id):
            other = t.b if t.a == me.id else t.a
            to_me[other] = max(to_me.get(other, 0), t.strength)
    rules = _Rules(network)
    found = in_turns(list(network.people.values()),
                     lambda p: (p.id, rules.cadence(p, to_me.get(p.id))))
    return {pid: c for pid, c in found if c is not None}


# The records no cadence reads: a change of them alone keeps everyone's cadence.
_NO_CADENCE = frozenset({RecordKind.INTERACTION, RecordKind.GOAL, RecordKind.EXCHANGE,
                         RecordKind.VIEW, RecordKind.SESSION, RecordKind.REMOVAL})
# How many people an edit touches whose cadences are worked out one by one: a few, or up to
# a share of the map; above, everyone's at once. 13-30 µs a person, against 0.23 s for
# everyone's at 100,000 people and 0.04 s at 10,000.
_ALONE_FEW, _ALONE_SHARE = 100, 0.1


def _recadence(network: Network, old: dict[PersonId, Cadence],
               changes: ChangeSet) -> dict[PersonId, Cadence] | None:
    """``old`` with the cadences of the people ``changes`` touch worked out again; None
    (everyone's again) after any other change."""
    if (touched := _touched(network, changes)) is None:
        return None
    rules, fresh = _Rules(network), _fresh(network, changes)
    return _redone(old, touched, lambda pid: _cadence_of(network, pid, rules, fresh))


def _touched(network: Network, changes: ChangeSet) -> frozenset[PersonId] | None:
    """The people whose cadence ``changes`` may change: those edited, added or removed, and
    those at the ends of a tie added, removed or changed (their tie to me may be the one).
    None when it may be anyone's: a sphere, a tier's cadence or the whole log changed, or
    too many people to work out one by one (who is me is never edited)."""
    touched = changes.people | changes.tied
    alone = max(_ALONE_FEW, _ALONE_SHARE * len(network.people))
    if (changes.spheres or changes.log or len(touched) > alone
            or any(kind not in _NO_CADENCE for kind, _ in changes.records)):
        return None
    return touched


def _redone(old: dict[PersonId, T], people: Iterable[PersonId],
            work: Callable[[PersonId], T | None]) -> dict[PersonId, T]:
    """``old`` with the entry of each of ``people`` worked out again (None: they have none)."""
    found = dict(old)
    for pid in people:
        if (value := work(pid)) is None:
            found.pop(pid, None)
        else:
            found[pid] = value
    return found


def _cadence_of(network: Network, pid: PersonId, rules: _Rules | None = None,
                fresh: Mapping[PersonId, list[Tie]] | None = None) -> Cadence | None:
    """:func:`cadences` of one person, worked out alone (None too when they are not on the
    map): after an edit, a look at one person need not work out everyone's (0.65 s at
    100,000 people). ``fresh``: the ties an edit just added or changed, by person, which
    the index of everyone's ties may not hold yet while the edit's updates run."""
    me, person = network.me, network.people.get(pid)
    if person is None or person.is_me:
        return None
    strength = None if me is None else max(
        (t.strength for t in chain(network.ties_of(pid), (fresh or {}).get(pid, ()))
         if me.id in (t.a, t.b)), default=None)
    return (rules or _Rules(network)).cadence(person, strength)


def _fresh(network: Network, changes: ChangeSet) -> dict[PersonId, list[Tie]]:
    """The ties ``changes`` added or changed, by each of their two people (see
    :func:`_cadence_of`): looked up, not searched, for each person touched (4,000 ties
    added at once took 3.3 s when each person went through all of them)."""
    found: defaultdict[PersonId, list[Tie]] = defaultdict(list)
    for tid in changes.ties:
        if (t := network.ties.get(tid)) is not None:
            found[t.a].append(t)
            found[t.b].append(t)
    return found


class _Rules:
    """What decides a cadence on ``network``: the tiers' and the spheres' that have one."""

    def __init__(self, network: Network) -> None:
        self.tiers = DEFAULT_TIER_CADENCES | network.cadences
        self.spheres = sorted((s for s in network.spheres.values() if s.cadence_days is not None),
                              key=lambda s: (s.cadence_days, s.id))

    def cadence(self, person: Person, strength_to_me: int | None) -> Cadence | None:
        """Their own, else the shortest of their spheres', else their closeness tier's."""
        if person.is_me:
            return None
        if person.cadence_days is not None:
            return Cadence(*window(person.cadence_days, person.cadence_max_days),
                           tr("set for them"))
        sphere = next((s for s in self.spheres if s.id in person.spheres), None)
        if sphere is not None and sphere.cadence_days is not None:
            return Cadence(*window(sphere.cadence_days, sphere.cadence_max_days),
                           tr("from the {name} sphere").format(name=sphere.name))
        level = tier(person, strength_to_me)
        rule = self.tiers[level] if level is not None else None
        if level is not None and rule is not None and rule.ideal is not None:
            return Cadence(*window(rule.ideal, rule.maximum),
                           tr("from the {label} tier").format(label=level.label))
        return None


def last_contact(network: Network) -> dict[PersonId, date]:
    """The date of the latest interaction with each person who has one.

    An introduction counts for both people introduced: both are its participants.

    Parameters
    ----------
    network
        The map, with its interactions.

    Returns
    -------
    dict[PersonId, date]
        Only people who took part in at least one interaction. Computed once per revision.
    """
    return network.derived("upkeep.last_contact", _last_contacts, update=_add_contacts).last


@dataclass(frozen=True, slots=True)
class LastContacts:
    last: dict[PersonId, date]
    counted: int  # how many interactions the map had when they were counted


def count_last_contacts(interactions: Mapping[InteractionId, Interaction]) -> LastContacts:
    """:func:`last_contact` worked out from a log read apart from its map (in a worker)."""
    return _count(interactions.values(), {}, len(interactions))


def know_last_contacts(network: Network, counted: LastContacts) -> None:
    """Give ``network`` the last contacts :func:`count_last_contacts` worked out from exactly
    its interactions, so that the first look at them does not count them again."""
    network.derived("upkeep.last_contact", lambda _: counted, update=_add_contacts)


def _last_contacts(network: Network) -> LastContacts:
    return count_last_contacts(network.interactions)


def _count(log: Iterable[Interaction], last: dict[PersonId, date],
           counted: int) -> LastContacts:
    for interaction in log:
        on = interaction.on
        for pid in interaction.participants:
            if pid not in last or on > last[pid]:
                last[pid] = on
    return LastContacts(last, counted)


def _add_contacts(network: Network, old: LastContacts, changes: ChangeSet) -> LastContacts | None:
    """Count newly logged interactions into ``old``; None (count again) after any other change
    of the log: an edit or a delete can move a last contact back."""
    new = [InteractionId(rid) for kind, rid in changes.records if kind is RecordKind.INTERACTION]
    if not new:
        return old
    # All of them new, none edited or deleted: then the log grew by exactly their number.
    if (any(i not in network.interactions for i in new)
            or len(network.interactions) != old.counted + len(new)):
        return None
    return _count((network.interactions[i] for i in new), dict(old.last),
                  len(network.interactions))


def standing(network: Network, person: PersonId, *, today: date) -> Standing | None:
    """Where the relationship with ``person`` stands; None when they have no cadence."""
    cadence = (cadences(network).get(person) if cadences_known(network)
               else _cadence_of(network, person))
    if cadence is None:
        return None
    return _standing(network.people[person], cadence, last_contact(network).get(person), today)


def _standing(who: Person, cadence: Cadence, last: date | None, today: date) -> Standing:
    late = (today - (last or who.created.date())).days - cadence.ideal
    if who.snoozed_until is not None and who.snoozed_until > today:
        status = Status.SNOOZED
    elif late > cadence.maximum - cadence.ideal:
        status = Status.OVERDUE
    else:
        status = Status.DUE if late > 0 else Status.OK
    return Standing(who.id, cadence, last, status, late)


def standings(network: Network, *, today: date) -> dict[PersonId, Standing]:
    """:func:`standing` of everyone with a cadence, computed once per revision and day; a
    contact logged updates only its participants' (0.15 s less at 100,000 people)."""
    def everyone(n: Network) -> _Standings:
        people, last = n.people, last_contact(n)
        return _Standings({pid: _standing(people[pid], cadence, last.get(pid), today)
                           for pid, cadence in cadences(n).items()}, len(n.interactions))

    def update(n: Network, old: _Standings, changes: ChangeSet) -> _Standings | None:
        return _restand(n, old, changes, today)

    return network.derived(f"upkeep.standings.{today.isoformat()}", everyone,
                           update=update).of


@dataclass(frozen=True, slots=True)
class _Standings:
    of: dict[PersonId, Standing]
    counted: int  # how many interactions the map had when they were worked out


def _restand(network: Network, old: _Standings, changes: ChangeSet,
             today: date) -> _Standings | None:
    """``old`` with the standings of the people ``changes`` touch (see :func:`_touched`), or
    of those in newly logged contacts, brought up to date; None (all again) after any other
    change: a sphere, a tier's cadence, people and the log changed at once, or a contact
    edited or deleted (which can move a last contact back)."""
    if (touched := _touched(network, changes)) is None:
        return None
    named = [network.interactions.get(InteractionId(rid))
             for kind, rid in changes.records if kind is RecordKind.INTERACTION]
    if touched:
        return None if named else _restand_people(network, old, changes, touched, today)
    if not named:
        return old
    new = [contact for contact in named if contact is not None]
    if len(new) < len(named) or len(network.interactions) != old.counted + len(new):
        return None  # not all of them new: an edit or a delete
    of = dict(old.of)
    for contact in new:
        for pid in contact.participants:
            if (was := of.get(pid)) is not None and (was.last is None or contact.on > was.last):
                of[pid] = _standing(network.people[pid], was.cadence, contact.on, today)
    return _Standings(of, len(network.interactions))


def _restand_people(network: Network, old: _Standings, changes: ChangeSet,
                    touched: Collection[PersonId], today: date) -> _Standings:
    last = last_contact(network)  # the log as it was: none of it changed
    rules, fresh = _Rules(network), _fresh(network, changes)

    def stand(pid: PersonId) -> Standing | None:
        cadence = _cadence_of(network, pid, rules, fresh)
        return None if cadence is None else _standing(
            network.people[pid], cadence, last.get(pid), today)

    return _Standings(_redone(old.of, touched, stand), old.counted)


def overdue_count(network: Network, people: Collection[PersonId], *, today: date) -> int | None:
    """How many of ``people`` are past the longest gap of their cadence.

    Parameters
    ----------
    network
        The map.
    people
        The people counted (others are ignored).
    today
        The day to measure from.

    Returns
    -------
    int or None
        None when the network logs no interaction at all: the count would mean nothing yet.
    """
    if not network.interactions:
        return None
    found = standings(network, today=today)
    return sum(1 for pid in people if pid in found and found[pid].status is Status.OVERDUE)


def worth(person: Person) -> float:
    """0..1: how much the relationship is worth looking after, from trust both ways, quality
    and relevance (a missing rating counts as ``UNRATED_WORTH``)."""
    a = person.assessment
    ratings = (a.trust_given, a.trust_received, a.quality, a.relevance)
    return sum(UNRATED_WORTH if r is None else r for r in ratings) / 20


@dataclass(frozen=True, slots=True)
class Drift:
    """Someone I meant to stay in touch with and have not."""

    standing: Standing
    value: float  # :func:`worth`
    urgency: float  # value × days past the ideal window / the window
    words: str

    @property
    def person(self) -> PersonId:
        return self.standing.person


def drifting(network: Network, *, today: date) -> list[Drift]:
    """The people due or overdue for contact (not snoozed).

    Parameters
    ----------
    network
        The map, with its interactions.
    today
        The day to measure from.

    Returns
    -------
    list[Drift]
        Ordered by value times lateness: a trusted, relevant person a little late comes before
        an unrated one long forgotten.
    """
    from relmap.analysis.influence import trust_factor

    found = []
    for s in standings(network, today=today).values():
        if s.status not in (Status.DUE, Status.OVERDUE):
            continue
        person = network.people[s.person]
        value = worth(person)
        since = (today - s.last).days if s.last else None
        met = (
            tr("last met {short_date}, {since} days ago").format(
                short_date=short_date(s.last), since=since
            )
            if s.last
            else tr("never met since you added them")
        )
        words = tr("{met}; every {ideal} days {source}; {words}").format(
            met=met,
            ideal=s.cadence.ideal,
            source=s.cadence.source,
            words=trust_factor(person).words,
        )
        found.append(Drift(s, value, value * s.late / s.cadence.ideal, words))
    return sorted(found, key=lambda d: (-d.urgency, -d.standing.late, int(d.person)))


def reciprocity(network: Network, people: Collection[PersonId]) -> tuple[int, int] | None:
    """How many exchanges I gave to and received from ``people``.

    Returns
    -------
    tuple[int, int] or None
        (given, received), or None when the network logs no exchange at all.
    """
    if not network.exchanges:
        return None
    wanted = frozenset(people)
    mine = [e for e in network.exchanges.values() if e.person in wanted]
    gave = sum(1 for e in mine if e.gave)
    return gave, len(mine) - gave


def balances(network: Network, *, today: date) -> dict[PersonId, float]:
    """Given minus received with each person who has an exchange, recent ones weighing more.

    Each exchange counts its value (1–5, ``UNRATED_VALUE`` if not stated) halved every
    ``HALF_LIFE_DAYS`` of age: positive means I gave more, negative that I mostly take.
    Computed once per revision and day.
    """
    return network.derived(f"upkeep.balances.{today.isoformat()}",
                           lambda n: _balances(n.exchanges.values(), today))


def balance(network: Network, person: PersonId, *, today: date) -> float | None:
    """Given minus received with ``person`` as :func:`balances` counts it (None: no exchange
    with them), from their exchanges alone: on a large map, the first look at someone
    without a pass over everyone's."""
    return _balances(network.exchanges_of(person), today).get(person)


def _balances(exchanges: Iterable[Exchange], today: date) -> dict[PersonId, float]:
    found: dict[PersonId, float] = {}
    for e in exchanges:
        weight = 0.5 ** (max(0, (today - e.on).days) / HALF_LIFE_DAYS)
        amount = (e.value or UNRATED_VALUE) * weight
        found[e.person] = found.get(e.person, 0.0) + (amount if e.gave else -amount)
    return found


BALANCE_WORDS = (
    (-3.0, tr("I mostly take")),
    (-1.0, tr("I take a little more")),
    (1.0, "even"),
    (3.0, tr("I give a little more")),
)


def balance_level(balance: float) -> int:
    """0 ("I mostly take") … 4 ("I mostly give"), from :func:`balances`."""
    return next((i for i, (limit, _) in enumerate(BALANCE_WORDS) if balance < limit), 4)


def balance_words(balance: float) -> str:
    """"I mostly take" … "I mostly give", from :func:`balances`."""
    return BALANCE_LEVELS[balance_level(balance)]


BALANCE_LEVELS = (*(w for _, w in BALANCE_WORDS), tr("I mostly give"))


def give_first(network: Network, *, today: date) -> list[tuple[PersonId, float]]:
    """People who have given me more than I gave them (a balance of −1 or less: one middling
    favour of the last few months), with their balance: the most valuable
    relationship (:func:`worth`) first, then the largest debt."""
    owed = [(pid, b) for pid, b in balances(network, today=today).items() if b <= -1.0]
    people = network.people
    return sorted(owed, key=lambda o: (-worth(people[o[0]]), o[1], int(o[0])))
