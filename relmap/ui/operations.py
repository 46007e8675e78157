"""What the user's gestures do to the Document: each builds its edit and pushes one command."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date, datetime

from relmap.core.edits import (
    AddPeople,
    AddSphere,
    AddTies,
    Batch,
    DeleteSphere,
    Edit,
    RemovePeople,
    SetAssessment,
    SetMembership,
    UpdatePerson,
)
from relmap.core.errors import ValidationError
from relmap.core.i18n import named, tr
from relmap.core.ids import InteractionId, PersonId, SessionId, SphereId, TieId
from relmap.core.model import (
    AssessmentField,
    Interaction,
    InteractionKind,
    Person,
    Rating,
    RecordKind,
    Sphere,
    Tie,
    TieKind,
)
from relmap.core.network import Network
from relmap.core.records import PutRecords
from relmap.document.document import Document
from relmap.style import next_sphere_colour
from relmap.ui.ratings import RATING_NAMES


def _people(n: int, network: Network, ids: Collection[PersonId]) -> str:
    if n == 1:
        return network.people[next(iter(ids))].display_name
    return tr("{n} people").format(n=n)


def add_person(
    document: Document, *, at: tuple[float, float], name: str = tr("New person")
) -> PersonId:
    """Add a person at ``at`` (scene units), pinned where they were placed."""
    pid = document.network.next_person_id()
    person = Person(pid, name, x=at[0], y=at[1], pinned=True)
    document.push(AddPeople((person,)), tr("Add {name}").format(name=name))
    return pid


def removable(network: Network, ids: Collection[PersonId]) -> frozenset[PersonId]:
    """The people of ``ids`` that may be deleted: everyone but me."""
    return frozenset(p for p in ids if p in network.people and not network.people[p].is_me)


def ties_of_people(network: Network, ids: Collection[PersonId]) -> int:
    gone = set(ids)
    return sum(1 for t in network.ties.values() if t.a in gone or t.b in gone)


def delete_people(document: Document, ids: Collection[PersonId]) -> None:
    net = document.network
    doomed = removable(net, ids)
    if not doomed:
        raise ValidationError(tr("'me' cannot be deleted"))
    document.push(
        RemovePeople(tuple(sorted(doomed))),
        tr("Delete {_people}").format(_people=_people(len(doomed), net, doomed)),
    )


def rate_people(
    document: Document,
    ids: Collection[PersonId],
    which: AssessmentField,
    value: Rating,
    *,
    note: str | None = None,
    text: str = "",
) -> None:
    """Set one rating (and note) of one person or of many people as one undo step."""
    people = sorted(ids)
    edits = [SetAssessment(pid, which, value, note) for pid in people]
    shown = "unrated" if value is None else str(value)
    who = _people(len(people), document.network, people)
    text = text or tr("Rate {who}: {rating_names} {shown}").format(
        who=who, rating_names=RATING_NAMES[which], shown=shown
    )
    edit: Edit = edits[0] if len(edits) == 1 else Batch(tuple(edits))
    document.push(edit, text)


def set_membership(
    document: Document, sphere: SphereId, ids: Collection[PersonId], member: bool
) -> None:
    net = document.network
    name = net.spheres[sphere].name
    who = _people(len(ids), net, ids)
    text = (
        tr("Add {who} to {name}").format(who=who, name=name)
        if member
        else tr("Take {who} out of {name}").format(who=who, name=name)
    )
    document.push(SetMembership(sphere, frozenset(ids), member), text)


def create_sphere(
    document: Document, name: str, *, members: Collection[PersonId] = (), colour: str = ""
) -> SphereId:
    """A new sphere (with its first members) as one undo step."""
    net = document.network
    sid = net.next_sphere_id()
    colour = colour or next_sphere_colour(s.colour for s in net.spheres.values())
    sphere = Sphere(sid, name.strip(), colour)
    text = tr("New sphere {name}").format(name=sphere.name)
    if members:
        text += tr(" with {_people}").format(_people=_people(len(members), net, members))
    document.push(AddSphere(sphere, frozenset(members)), text)
    return sid


def merge_spheres(document: Document, source: SphereId, target: SphereId) -> None:
    """Move every member of ``source`` into ``target``, then delete ``source``: one step."""
    if source == target:
        raise ValidationError(tr("choose two different spheres to merge"))
    net = document.network
    members = net.members(source)
    text = tr("Merge {name} into {name2}").format(
        name=net.spheres[source].name, name2=net.spheres[target].name
    )
    document.push(Batch((SetMembership(target, members, True), DeleteSphere(source))), text)


def delete_sphere(document: Document, sphere: SphereId) -> None:
    document.push(
        DeleteSphere(sphere),
        tr("Delete sphere {name}").format(name=document.network.spheres[sphere].name),
    )


def connect(
    document: Document, a: PersonId, b: PersonId, *, kind: TieKind = TieKind.OTHER
) -> TieId:
    """A new tie between two people (another one is allowed if they are already tied)."""
    net = document.network
    tid = net.next_tie_id()
    tie = Tie(tid, a, b, kind=kind, created=datetime.now().replace(microsecond=0))
    names = tr("{display_name} and {display_name2}").format(
        display_name=net.people[a].display_name, display_name2=net.people[b].display_name
    )
    document.push(AddTies((tie,)), tr("Connect {names}").format(names=names))
    return tid


def log_contact(
    document: Document, people: frozenset[PersonId], kind: str, on: date, summary: str = "",
    quality: Rating = None,
) -> None:
    """Log an interaction with ``people`` (one undo step)."""
    network = document.network
    record = Interaction(InteractionId(network.new_ids(RecordKind.INTERACTION)[0]), on,
                         InteractionKind(kind), summary, quality, people)
    document.push(
        PutRecords((record,)),
        tr("Log a {value} with {_people}").format(
            value=named(record.kind), _people=_people(len(people), network, people)
        ),
    )


def snooze(document: Document, person: PersonId, until: date) -> None:
    """No reminder to contact ``person`` before ``until`` (one undo step)."""
    name = document.network.people[person].display_name
    document.push(
        UpdatePerson(person, {"snoozed_until": until}), tr("Snooze {name}").format(name=name)
    )


def finish_step(document: Document, session: SessionId, index: int) -> None:
    """Mark next step ``index`` of ``session`` done (one undo step)."""
    record = document.network.sessions[session]
    steps = list(record.next_steps)
    steps[index] = replace(steps[index], done=True)
    document.push(
        PutRecords((replace(record, next_steps=tuple(steps)),)),
        tr("Follow up: {text}").format(text=steps[index].text),
    )
