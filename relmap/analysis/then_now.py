"""The time machine: the map as it was on a day, and what changed between then and now.

A person counts from the day they were added, a tie from the day it was added (or, for ties
stored without that day, from when the later of its two people was added), a rating from the
rating history, and the log (interactions, exchanges) up to the day. Spheres and their
memberships are taken as they are now: their history is not kept. People taken off the map
and ties that ended since are known by name and day only (their removals), so they are
told, not drawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from relmap.analysis.goals import trusted_both_ways
from relmap.core.i18n import tr
from relmap.core.ids import PersonId, SphereId, TieId
from relmap.core.model import AssessmentChange, AssessmentField, Gone, NextStep, Rating, Removal
from relmap.core.network import Network

TRUSTED = 4  # trusted both ways at this rating or more
FIELD_WORDS = {
    AssessmentField.TRUST_GIVEN: tr("my trust in them"),
    AssessmentField.TRUST_RECEIVED: tr("their trust in me"),
    AssessmentField.QUALITY: "quality",
    AssessmentField.RELEVANCE: "relevance",
}


def as_of(network: Network, history: Iterable[AssessmentChange], day: date) -> Network:
    """A copy of ``network`` as it stood at the end of ``day``.

    Parameters
    ----------
    network
        The map now.
    history
        Every rating change (``Repository.history()``), in any order.
    day
        The day to go back to; me is always on the map.

    Returns
    -------
    Network
        People, ties, ratings and the log as they were; goals, views and sessions as now.
    """
    then = network.copy()
    then.people = {pid: p for pid, p in network.people.items()
                   if p.is_me or p.created.date() <= day}
    then.ties = {tid: t for tid, t in network.ties.items()
                 if t.a in then.people and t.b in then.people
                 and network.tie_added(t).date() <= day}
    later = sorted((h for h in history if h.at.date() > day and h.person in then.people),
                   key=lambda h: h.at, reverse=True)
    for change in later:  # newest first, so each field ends at its oldest 'old' after ``day``
        person = then.people[change.person]
        old: dict[str, Any] = {change.field.value: change.old}
        assessment = replace(person.assessment, **old)
        then.people[change.person] = replace(person, assessment=assessment)
    then.interactions = {i: r for i, r in network.interactions.items()
                         if r.on <= day and r.participants <= then.people.keys()}
    then.exchanges = {i: e for i, e in network.exchanges.items()
                      if e.on <= day and e.person in then.people}
    return then


@dataclass(frozen=True, slots=True)
class RatingChange:
    person: PersonId
    field: AssessmentField
    then: Rating
    now: Rating

    @property
    def rose(self) -> bool:
        return (self.now or 0) > (self.then or 0)


@dataclass(frozen=True, slots=True)
class SphereChange:
    sphere: SphereId
    name: str
    people: tuple[int, int]  # members then, now
    trusted: tuple[int, int]  # members trusted both ways then, now


@dataclass(frozen=True, slots=True)
class ThenNow:
    """What changed on the map between ``since`` and ``until``."""

    since: date
    until: date
    joined: tuple[PersonId, ...]
    ratings: tuple[RatingChange, ...]
    ties: tuple[TieId, ...]  # ties added, between people on the map now
    left: tuple[Removal, ...]  # people who were on the map then, taken off since
    ended: tuple[Removal, ...]  # ties there then that ended since
    spheres: tuple[SphereChange, ...]  # the spheres whose people or trusted people changed
    interactions: int  # logged between the two days
    gave: int  # exchanges, given and received, between the two days
    received: int
    followed_up: tuple[NextStep, ...]  # next steps of earlier sessions, done
    open_steps: tuple[NextStep, ...]  # and still open
    then: Network = field(compare=False, repr=False)  # the map at the end of ``since``


def then_and_now(
    network: Network, history: Iterable[AssessmentChange], since: date, *, today: date
) -> ThenNow:
    """Compare the map at the end of ``since`` with the map at the end of ``today``.

    Rating changes are told by their net effect: a rating that went from 3 to 5 and back
    to 3 did not change.
    """
    changes = list(history)
    then, now = as_of(network, changes, since), as_of(network, changes, today)
    joined = tuple(sorted(now.people.keys() - then.people.keys()))
    ratings = tuple(
        RatingChange(pid, field, old, new)
        for pid in sorted(then.people.keys() & now.people.keys())
        for field in AssessmentField
        if (old := then.people[pid].assessment.rating(field))
        != (new := now.people[pid].assessment.rating(field)))
    ties = tuple(sorted(now.ties.keys() - then.ties.keys()))
    spheres = tuple(
        change for sid in sorted(network.spheres)
        if (change := _sphere_change(network, sid, then, now)).people[0] != change.people[1]
        or change.trusted[0] != change.trusted[1])
    gone = sorted((r for r in network.removals.values()
                   if r.added.date() <= since < r.removed.date() <= today),
                  key=lambda r: (r.removed, r.id))
    logged = [e for e in now.exchanges.values() if e.on > since]
    earlier = [s for s in network.sessions.values() if s.on <= since]
    steps = [step for s in sorted(earlier, key=lambda s: s.on) for step in s.next_steps]
    return ThenNow(
        since=since, until=today, joined=joined, ratings=ratings, ties=ties,
        left=tuple(r for r in gone if r.kind == Gone.PERSON),
        ended=tuple(r for r in gone if r.kind == Gone.TIE), spheres=spheres,
        interactions=sum(1 for i in now.interactions.values() if i.on > since),
        gave=sum(e.gave for e in logged), received=sum(not e.gave for e in logged),
        followed_up=tuple(s for s in steps if s.done),
        open_steps=tuple(s for s in steps if not s.done),
        then=then,
    )


def _sphere_change(network: Network, sid: SphereId, then: Network, now: Network) -> SphereChange:
    def counts(at: Network) -> tuple[int, int]:
        members = [at.people[p] for p in network.members(sid) if p in at.people]
        trusted = sum(1 for p in members if trusted_both_ways(p, TRUSTED))
        return len(members), trusted

    (people_then, trusted_then), (people_now, trusted_now) = counts(then), counts(now)
    return SphereChange(sid, network.spheres[sid].name, (people_then, people_now),
                        (trusted_then, trusted_now))


def last_session_day(network: Network, *, today: date) -> date | None:
    """The day of the last mentor session before ``today``, None if there was none."""
    return max((s.on for s in network.sessions.values() if s.on < today), default=None)
