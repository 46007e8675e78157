"""Goals, interactions, exchanges, mentor sessions and removals of a full export: read, given
ids, their people found."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from relmap.core.i18n import tr
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
    Exchange,
    ExchangeKind,
    Goal,
    GoalKind,
    Gone,
    Interaction,
    InteractionKind,
    MentorSession,
    NextStep,
    Record,
    RecordKind,
    Removal,
)
from relmap.core.network import Network
from relmap.io.pipeline.plan import Issue, RecordDraft
from relmap.io.values import optional_int

_NUMBER_OF_ID = 1  # "g12" -> 12


def read_records(
    document: Mapping[str, Any], spheres: Mapping[str, str] | None = None
) -> tuple[list[RecordDraft], list[Issue]]:
    """The goals, interactions and exchanges of a relmap JSON export; bad ones are skipped.

    Parameters
    ----------
    document
        The parsed export.
    spheres
        Sphere name by the file's sphere key, for the spheres goals need.

    Returns
    -------
    tuple of lists
        Record drafts, and one issue per record that could not be read.
    """
    drafts: list[RecordDraft] = []
    skipped: list[Issue] = []
    for key, reader in (("goals", _goal), ("interactions", _interaction),
                        ("exchanges", _exchange), ("sessions", _session),
                        ("removals", _removal)):
        items = document.get(key) or []
        for i, item in enumerate(items if isinstance(items, list) else [], start=1):
            where = f"{key[:-1]} {item.get('id', i) if isinstance(item, dict) else i}"
            try:
                draft = reader(item, where)
                if key == "goals":
                    draft = replace(draft, spheres=tuple(
                        (spheres or {})[s] for s in item.get("spheres") or []
                        if s in (spheres or {})))
                drafts.append(draft)
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                skipped.append(Issue(where, tr("skipped: {exc}").format(exc=exc)))
    return drafts, skipped


def _number(text: object) -> int | None:
    value = str(text)[_NUMBER_OF_ID:]
    return int(value) if value.isdigit() else None


def _goal(item: dict[str, Any], where: str) -> RecordDraft:
    goal = Goal(GoalId(0), str(item["title"]), GoalKind(item.get("kind", "better connected")),
                bool(item.get("active", True)))
    people = tuple(str(p) for p in item.get("people") or [])
    return RecordDraft(goal, where, people, _number(item.get("id", "")))


def _interaction(item: dict[str, Any], where: str) -> RecordDraft:
    record = Interaction(InteractionId(0), date.fromisoformat(item["on"]),
                         InteractionKind(item["kind"]), str(item.get("summary") or ""),
                         optional_int(item.get("quality")))
    people = tuple(str(p) for p in item.get("participants") or [])
    return RecordDraft(record, where, people, _number(item.get("id", "")))


def _exchange(item: dict[str, Any], where: str) -> RecordDraft:
    record = Exchange(ExchangeId(0), PersonId(0), bool(item["gave"]),
                      ExchangeKind(item["kind"]), date.fromisoformat(item["on"]),
                      str(item.get("note") or ""), optional_int(item.get("value")))
    return RecordDraft(record, where, (str(item["person"]),), _number(item.get("id", "")))


def _session(item: dict[str, Any], where: str) -> RecordDraft:
    steps = tuple(NextStep(str(n["text"]), bool(n.get("done", False)))
                  for n in item.get("next_steps") or [])
    record = MentorSession(SessionId(0), date.fromisoformat(item["on"]),
                           str(item.get("mentor") or ""), str(item.get("questions") or ""),
                           str(item.get("notes") or ""), steps)
    return RecordDraft(record, where, (), _number(item.get("id", "")))


def _removal(item: dict[str, Any], where: str) -> RecordDraft:
    # ``ref`` 0: the person or tie was on another map, so nothing here can bring it back.
    record = Removal(RemovalId(0), Gone(item["kind"]), 0, str(item["name"]),
                     datetime.fromisoformat(item["added"]),
                     datetime.fromisoformat(item["removed"]))
    return RecordDraft(record, where, (), _number(item.get("id", "")))


@dataclass
class RecordResult:
    records: tuple[Record, ...] = ()
    skipped: int = 0
    unchanged: int = 0
    issues: tuple[Issue, ...] = ()


def resolve_records(
    drafts: tuple[RecordDraft, ...], network: Network,
    ids: Mapping[str, PersonId | str | None], spheres: Mapping[str, SphereId] | None = None,
) -> RecordResult:
    """Give the records ids (their own when free) and their people's ids on the map.

    ``ids`` maps each key a record names to a person id, None (not imported) or why nobody
    was found. An exchange whose person was not imported is skipped; an interaction loses
    the participants that were not, and is skipped with none; a record the map already holds
    (same fields) is left alone.
    """
    result = RecordResult()
    issues: list[Issue] = []
    placed: list[tuple[RecordDraft, Record]] = []
    known = {_fingerprint(r) for table in (network.goals, network.interactions,
                                           network.exchanges, network.sessions,
                                           network.removals)
             for r in table.values()}
    for draft in drafts:
        record = _with_people(draft, ids, issues)
        if isinstance(record, Goal):
            record = replace(record, spheres=frozenset(
                (spheres or {})[n.casefold()] for n in draft.spheres
                if n.casefold() in (spheres or {})))
        if record is None:
            result.skipped += 1
        elif _fingerprint(record) in known:
            result.unchanged += 1
        else:
            known.add(_fingerprint(record))
            placed.append((draft, record))
    result.records = _with_ids(placed, network)
    result.issues = tuple(issues)
    return result


def _with_people(
    draft: RecordDraft, ids: Mapping[str, PersonId | str | None], issues: list[Issue]
) -> Record | None:
    record = draft.record
    looked = [ids.get(key) for key in draft.people]
    found = [PersonId(pid) for pid in looked if isinstance(pid, int)]
    why = next((w for w in looked if isinstance(w, str)), "")
    if isinstance(record, Exchange):
        if not found:
            issues.append(Issue(draft.where, tr("skipped: its person was not imported")))
            return None
        return replace(record, person=found[0])
    if isinstance(record, Interaction):
        if not found and draft.people:
            issues.append(
                Issue(
                    draft.where,
                    tr("skipped: {why}").format(why=why or tr("its people were not imported")),
                )
            )
            return None
        if len(found) < len(draft.people):
            issues.append(
                Issue(
                    draft.where,
                    tr("some participants were left out: {why}").format(
                        why=why or tr("they were not imported")
                    ),
                )
            )
        return replace(record, participants=frozenset(found))
    if isinstance(record, Goal):
        return replace(record, people=frozenset(found))
    return record


def _fingerprint(record: Record) -> tuple[object, ...]:
    return (type(record).__name__, *(getattr(record, f.name) for f in fields(record)
                                     if f.name != "id"))


def _with_ids(placed: list[tuple[RecordDraft, Record]], network: Network) -> tuple[Record, ...]:
    out: list[Record] = []
    kinds: tuple[tuple[type, RecordKind], ...] = (
        (Goal, RecordKind.GOAL), (Interaction, RecordKind.INTERACTION),
        (Exchange, RecordKind.EXCHANGE), (MentorSession, RecordKind.SESSION),
        (Removal, RecordKind.REMOVAL))
    for kind, name in kinds:
        mine = [(d, r) for d, r in placed if isinstance(r, kind)]
        if not mine:
            continue
        table = network.records(name)
        wanted: list[int | None] = [d.preferred_id for d, _ in mine]
        free = all(w is not None and w not in table for w in wanted)
        if not (free and len(set(wanted)) == len(wanted)):
            wanted = list(network.new_ids(name, len(mine)))
        out += [_renumber(r, w or 0) for (_, r), w in zip(mine, wanted, strict=True)]
    return tuple(out)


def _renumber(record: Record, number: int) -> Record:
    if isinstance(record, Goal):
        return replace(record, id=GoalId(number))
    if isinstance(record, Interaction):
        return replace(record, id=InteractionId(number))
    if isinstance(record, MentorSession):
        return replace(record, id=SessionId(number))
    if isinstance(record, Removal):
        return replace(record, id=RemovalId(number))
    assert isinstance(record, Exchange)  # tier cadences and views are never imported
    return replace(record, id=ExchangeId(number))
