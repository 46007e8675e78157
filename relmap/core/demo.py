"""A realistic, seeded demo network: me at the centre, spheres, communities and a few bridges."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

from relmap.core.ids import (
    ExchangeId,
    GoalId,
    InteractionId,
    PersonId,
    RemovalId,
    SessionId,
    SphereId,
    TieId,
    ViewId,
)
from relmap.core.model import (
    Assessment,
    AssessmentChange,
    AssessmentField,
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
    Role,
    SavedView,
    Sphere,
    Tie,
    TieKind,
)
from relmap.core.network import Network
from relmap.resources import resource_path

_TIE_KIND_BY_ROLE = {
    "colleague": TieKind.COLLEAGUE,
    "friend": TieKind.FRIEND,
    "customer": TieKind.CLIENT,
    "mentor": TieKind.MENTOR_OF,
    "peer": TieKind.FRIEND,
}


_EPOCH = datetime(2025, 1, 6, 9, 0)  # demo timestamps are seeded too
SESSION_DAYS_AGO = 42  # the demo's last mentor session
JOINED_SINCE = 4  # people added to the demo map since that session
TIES_SINCE = 3  # ties added between people already on it
LEFT_SINCE = "Victor Hale"  # taken off the map since that session, as a tie ended too


@dataclass(frozen=True)
class _Community:
    """A group of people who mostly know each other: one organisation within one sphere."""

    sphere: int
    organisation: str
    members: list[PersonId]


def load_recipe() -> dict[str, Any]:
    recipe: dict[str, Any] = json.loads(resource_path("demo", "recipe.json").read_text("utf-8"))
    return recipe


def demo_network(*, people: int = 150, seed: int = 7) -> Network:
    """Build the demo map with ``people`` contacts (plus me), reproducible for ``seed``.

    Contacts fall into the recipe's spheres in proportion to their weights, and within a sphere
    into organisations (communities); about one in eight also belongs to a second sphere and so
    bridges two groups. Ties are dense inside a community, sparser inside a sphere and rare
    across spheres, giving an average degree of about 8. Ratings spread over the scale with
    some people left unrated.
    """
    recipe = load_recipe()
    rng = random.Random(seed)
    net = Network()
    spheres = recipe["spheres"]
    for i, s in enumerate(spheres, start=1):
        sid = SphereId(i)
        net.spheres[sid] = Sphere(sid, s["name"], s["colour"], s["description"])
    me_info = recipe["me"]
    me = Person(
        PersonId(1),
        me_info["name"],
        organisation=me_info["organisation"],
        title=me_info["title"],
        internal=True,
        is_me=True,
        x=0.0,
        y=0.0,
        pinned=True,
        spheres=frozenset({SphereId(1)}),
        created=_EPOCH,
        updated=_EPOCH,
    )
    net.people[me.id] = me
    communities = _make_people(net, recipe, rng, people)
    _make_ties(net, communities, rng)
    return net


def _make_people(
    net: Network, recipe: dict[str, Any], rng: random.Random, count: int
) -> list[_Community]:
    spheres = recipe["spheres"]
    weights = [s["weight"] for s in spheres]
    communities: dict[tuple[int, str], _Community] = {}
    used_names: set[str] = set()
    for n in range(count):
        pid = PersonId(n + 2)
        si = rng.choices(range(len(spheres)), weights)[0]
        info = spheres[si]
        # Large maps get many more organisations per sphere, each a tight community.
        orgs = info["organisations"] * max(1, count // 400)
        oi = rng.randrange(len(orgs))
        org = orgs[oi] if oi < len(info["organisations"]) else f"{orgs[oi]} {oi // 5 + 2}"
        key = (si, org)
        communities.setdefault(key, _Community(si, org, [])).members.append(pid)
        member_of = {SphereId(si + 1)}
        if rng.random() < 0.12:
            member_of.add(SphereId(rng.randrange(len(spheres)) + 1))
        given, family = _unique_name(recipe, rng, used_names)
        joined = _EPOCH + timedelta(days=25 * si + pid % 21)  # the map grew sphere by sphere
        net.people[pid] = Person(
            pid,
            f"{given} {family}",
            given_name=given,
            family_name=family,
            organisation=org,
            title=rng.choice(info["titles"]),
            location=rng.choice(recipe["locations"]),
            industry=info["name"],
            how_we_met=rng.choice(recipe["how_we_met"]),
            internal=bool(info.get("internal")),
            roles=frozenset(Role(r) for r in rng.sample(info["roles"], k=1)),
            cadence_days=rng.choice([None, None, 30, 60, 90, 180]),
            spheres=frozenset(member_of),
            assessment=_ratings(rng),
            source="Demo",
            created=joined,
            updated=max(joined, _EPOCH + timedelta(hours=rng.randrange(24 * 600))),
        )
    return list(communities.values())


def _unique_name(recipe: dict[str, Any], rng: random.Random, used: set[str]) -> tuple[str, str]:
    for _ in range(20):
        given, family = rng.choice(recipe["given_names"]), rng.choice(recipe["family_names"])
        if f"{given} {family}" not in used:
            break
    else:
        family = f"{family}-{rng.choice(recipe['family_names'])}"
    used.add(f"{given} {family}")
    return given, family


def _ratings(rng: random.Random) -> Assessment:
    if rng.random() < 0.15:
        return Assessment()

    def rating() -> int | None:
        return None if rng.random() < 0.1 else rng.choices([1, 2, 3, 4, 5], [1, 3, 4, 3, 1.5])[0]

    return Assessment(
        trust_given=rating(), trust_received=rating(), quality=rating(), relevance=rating()
    )


def _make_ties(net: Network, communities: list[_Community], rng: random.Random) -> None:
    pairs: set[tuple[PersonId, PersonId]] = set()
    by_sphere: dict[int, list[PersonId]] = {}
    for c in communities:
        by_sphere.setdefault(c.sphere, []).extend(c.members)
        for pid in c.members:  # about four ties inside the own community
            for other in rng.sample(c.members, k=min(len(c.members), 4)):
                pairs.add((min(pid, other), max(pid, other)))
    everyone = [p for p in net.people if not net.people[p].is_me]
    for pid in everyone:
        p = net.people[pid]
        for sid in p.spheres:  # a couple within each sphere (a bridge has two)
            for other in rng.sample(by_sphere.get(sid - 1, [pid]), k=1):
                pairs.add((min(pid, other), max(pid, other)))
        if rng.random() < 0.05:  # a rare tie across spheres
            other = rng.choice(everyone)
            pairs.add((min(pid, other), max(pid, other)))
    me = next(p for p in net.people.values() if p.is_me).id
    for pid in everyone:  # most contacts know me directly
        if rng.random() < 0.7:
            pairs.add((me, pid))
    start = date(2015, 1, 1)
    for tid, (a, b) in enumerate(sorted(p for p in pairs if p[0] != p[1]), start=1):
        role = next(iter(net.people[b].roles)).value
        net.ties[TieId(tid)] = Tie(
            TieId(tid),
            PersonId(a),
            PersonId(b),
            kind=_TIE_KIND_BY_ROLE.get(role, TieKind.OTHER),
            strength=rng.choices([1, 2, 3, 4, 5], [2, 3, 4, 2, 1])[0],
            since=start + timedelta(days=rng.randrange(4000)),
            source="Demo",
        )


def demo_history(
    network: Network, *, seed: int = 7, today: date | None = None
) -> tuple[AssessmentChange, ...]:
    """Earlier ratings for about a quarter of the rated people, so "then vs now" has a story.

    With ``today``, six more people had one rating changed since the last mentor session
    (see :func:`demo_log`), and those are the only rating changes since then.
    """
    rng = random.Random(seed + 1)
    recent: dict[tuple[PersonId, AssessmentField], datetime] = {}
    if today is not None:
        noon = datetime.combine(today, datetime.min.time()).replace(hour=12)
        rated = [p for p in sorted(network.people) if not network.people[p].is_me
                 and network.people[p].created.date() < today - timedelta(days=SESSION_DAYS_AGO)
                 and network.people[p].assessment.rating(AssessmentField.QUALITY) is not None]
        for pid in rng.sample(rated, min(6, len(rated))):
            which = rng.choice([f for f in AssessmentField
                                if network.people[pid].assessment.rating(f) is not None])
            recent[pid, which] = noon - timedelta(days=rng.randrange(2, SESSION_DAYS_AGO - 2))
    settled = (None if today is None
               else datetime.combine(today, datetime.min.time()) - timedelta(days=60))
    changes = []
    for person in network.people.values():
        for which in AssessmentField:
            now = person.assessment.rating(which)
            if now is None:
                continue
            at = recent.get((person.id, which))
            if at is None:
                if rng.random() > 0.08:
                    continue
                at = _EPOCH + timedelta(days=rng.randrange(30, 600))
                at = at if settled is None else min(at, settled)
            before = min(5, max(1, now + rng.choice([-2, -1, 1])))
            if before == now:  # a change is a change
                before = now - 1 if now > 1 else now + 1
            changes += [
                AssessmentChange(person.id, which, None, before, _EPOCH),
                AssessmentChange(person.id, which, before, now, at),
            ]
    return tuple(changes)


def demo_log(network: Network, *, today: date, seed: int = 7) -> None:
    """A year of keeping in touch, ending ``today``: interactions with a believable rhythm
    (the most trusted met most often, a few people let drift), exchanges both ways, a
    referral chain back to me, the Investors sphere's own cadence, and two goals."""
    rng = random.Random(seed + 2)
    people = network.people
    me = next(p for p in people.values() if p.is_me)
    for sid, sphere in network.spheres.items():
        if sphere.name == "Investors":
            network.spheres[sid] = replace(sphere, cadence_days=45, cadence_max_days=75)
    known = sorted(p for p in people if p != me.id)
    log: list[Interaction] = []
    exchanges: list[Exchange] = []
    for pid in known:
        a = people[pid].assessment
        trust = [r for r in (a.trust_given, a.trust_received) if r is not None]
        windows = [people[pid].cadence_days or 400, *(
            network.spheres[s].cadence_days or 400 for s in people[pid].spheres)]
        if trust:
            windows.append({5: 12, 4: 25, 3: 45, 2: 80, 1: 120}[round(sum(trust) / len(trust))])
        every = round(min(windows) * 0.8)
        if every > 300:
            continue  # someone I keep no rhythm with
        day = today - timedelta(days=rng.randrange(every))
        if rng.random() < 0.12:  # drifting: no contact for a while
            day -= timedelta(days=every * rng.uniform(1.6, 3.5))
        while day > today - timedelta(days=365):
            kind = rng.choices(_KINDS, _KIND_WEIGHTS)[0]
            log.append(Interaction(InteractionId(0), day, kind, rng.choice(_TOPICS),
                                   rng.choice([None, 3, 4, 4, 5]), frozenset({pid})))
            day -= timedelta(days=max(3, round(every * rng.uniform(0.6, 1.3))))
        for _ in range(rng.choices([0, 1, 2, 3], [3, 3, 2, 1])[0]):
            exchanges.append(Exchange(
                ExchangeId(0), pid, rng.random() < 0.45, rng.choice(list(ExchangeKind)),
                today - timedelta(days=rng.randrange(400)), "", rng.choice([None, 2, 3, 4, 5])))
    chain = [p for p in known if people[p].assessment.trust_received][:4]
    for before, after in pairwise(chain):  # me → chain[0] → … → chain[-1]
        people[after] = replace(people[after], introduced_by=before,
                                how_we_met=f"Introduced by {people[before].display_name}")
        log.append(Interaction(InteractionId(0), today - timedelta(days=rng.randrange(200, 700)),
                               InteractionKind.INTRODUCTION, "", None,
                               frozenset({before, after})))
    by_name = {s.name: s.id for s in network.spheres.values()}
    tied = {p for t in network.ties_of(me.id) for p in (t.a, t.b)}
    investor = next((p for p in known if by_name.get("Investors") in people[p].spheres
                     and p not in tied), None)
    network.goals[GoalId(1)] = Goal(
        GoalId(1), "Raise a seed round", GoalKind.BETTER_CONNECTED, True,
        frozenset(by_name[n] for n in ("Investors", "Fintech") if n in by_name),
        frozenset({investor} if investor is not None else ()))
    press = SphereId(max(network.spheres, default=0) + 1)  # a sphere the goal needs, still empty
    network.spheres[press] = Sphere(press, "Press & Media", "#332288",
                                    "Journalists, editors and event organisers")
    network.goals[GoalId(2)] = Goal(
        GoalId(2), "Speak at two industry events", GoalKind.BETTER_KNOWN, True,
        frozenset({press, *(by_name[n] for n in ("Chamber of Commerce", "Design Community")
                            if n in by_name)}))
    _since_last_session(network, today, rng)
    log = [r for r in log if all(people[p].created.date() <= r.on for p in r.participants)]
    exchanges = [e for e in exchanges if people[e.person].created.date() <= e.on]
    for i, record in enumerate(sorted(log, key=lambda r: r.on), start=1):
        network.interactions[InteractionId(i)] = replace(record, id=InteractionId(i))
    for i, ex in enumerate(sorted(exchanges, key=lambda r: r.on), start=1):
        network.exchanges[ExchangeId(i)] = replace(ex, id=ExchangeId(i))


def _since_last_session(network: Network, today: date, rng: random.Random) -> None:
    """A mentor session ``SESSION_DAYS_AGO`` days before ``today`` and the next one being
    prepared; since the last one, people joined the map and ties were added."""
    people = network.people
    last = today - timedelta(days=SESSION_DAYS_AGO)
    network.sessions[SessionId(1)] = MentorSession(
        SessionId(1), last, "Grace Whitfield",
        notes="Spent most of the hour on the seed round: the investor list is thin and "
              "almost nobody on it trusts me yet.",
        next_steps=(NextStep("Ask two founders for an introduction to an investor", True),
                    NextStep("Log every investor conversation", True),
                    NextStep("Find a way into the press before the spring events")))
    network.sessions[SessionId(2)] = MentorSession(
        SessionId(2), today + timedelta(days=3), "Grace Whitfield",
        questions="Who should I ask for the investor introduction, and how?\n"
                  "Am I spending time with the right people, or just the familiar ones?\n"
                  "How do I get in front of event organisers with no one in Press & Media?")
    _views(network)
    others = sorted(p for p in people if not people[p].is_me)
    for pid in rng.sample(others, min(JOINED_SINCE, len(others))):
        added = datetime.combine(today, datetime.min.time()).replace(hour=10) - timedelta(
            days=rng.randrange(3, SESSION_DAYS_AGO - 3))
        people[pid] = replace(people[pid], created=added, updated=added)
    settled = [p for p in others if people[p].created.date() <= last]
    for n in range(TIES_SINCE):
        a, b = rng.sample(settled, 2)
        tid = TieId(max(network.ties, default=0) + 1)
        added = datetime.combine(last, datetime.min.time()).replace(hour=15) + timedelta(
            days=5 + 9 * n)
        network.ties[tid] = Tie(tid, a, b, TieKind.COLLEAGUE, strength=3, source="Demo",
                                created=added)
    at = datetime.combine(last, datetime.min.time()).replace(hour=11)
    a, b = rng.sample(settled, 2)
    for rid, (kind, ref, name) in enumerate(
            [(Gone.PERSON, max(people) + 1, LEFT_SINCE),
             (Gone.TIE, max(network.ties) + 1,
              f"{people[a].display_name} and {people[b].display_name}")], start=1):
        network.removals[RemovalId(rid)] = Removal(RemovalId(rid), kind, ref, name,
                                                   at - timedelta(days=200),
                                                   at + timedelta(days=12 * rid))


def _views(network: Network) -> None:
    """Saved views for the walkthrough of a mentor session, each with its note."""
    investors = next((s.id for s in network.spheres.values() if s.name == "Investors"), None)

    def sphere(sid: SphereId | None) -> str:
        return json.dumps([] if sid is None else [
            {"field": "sphere", "values": [str(sid)], "low": None, "high": None}])

    for vid, name, conditions, decoration, note in (
        (1, "The whole network", "[]", {},
         "Where I stand: nine spheres, most of my trust in a few of them."),
        (2, "Investors", sphere(investors), {"colour_by": "trust_received"},
         "The seed round needs these people; few of them trust me yet."),
        (3, "Who carries weight", "[]", {"size_by": "influence", "outline_by": "cadence"},
         "The most influential people, and whether I am in touch with them."),
    ):
        network.views[ViewId(vid)] = SavedView(ViewId(vid), name, conditions,
                                               decoration=json.dumps(decoration), note=note)


_KINDS = list(InteractionKind)
_KIND_WEIGHTS = [5, 4, 4, 3, 4, 2, 2, 0]  # in the order of InteractionKind; no introductions
_TOPICS = ["", "catch-up", "coffee", "project update", "quarterly review", "advice on hiring",
           "conference follow-up", "pricing question", "board prep", "lunch"]
