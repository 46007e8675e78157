"""Ties of an import: endpoints found (records, me, names), duplicates folded, ids given."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from relmap.core.errors import ValidationError
from relmap.core.i18n import tr
from relmap.core.ids import PersonId, TieId
from relmap.core.model import Person, Tie
from relmap.core.network import TIE, Network
from relmap.io.pipeline.plan import ME, NAME_REF, Issue, RecordDraft, TieDraft
from relmap.io.values import normalise_name, valid_email


@dataclass
class TieResult:
    ties: tuple[Tie, ...] = ()
    merged: int = 0
    unchanged: int = 0
    skipped: int = 0
    issues: tuple[Issue, ...] = ()


@dataclass
class _Names:
    """People by folded name and by email: the new ones of this import first, then the map."""

    new: defaultdict[str, set[PersonId]] = field(default_factory=lambda: defaultdict(set))
    old: defaultdict[str, set[PersonId]] = field(default_factory=lambda: defaultdict(set))

    def add(self, table: defaultdict[str, set[PersonId]], people: Iterable[Person]) -> None:
        for p in people:
            table[normalise_name(p.display_name)].add(p.id)
            for e in p.emails:
                table[e.value.strip().casefold()].add(p.id)

    def find(self, name: str) -> tuple[PersonId | None, str]:
        key = name.strip().casefold() if valid_email(name.strip()) else normalise_name(name)
        for table in (self.new, self.old):
            found = table.get(key, set())
            if len(found) == 1:
                return next(iter(found)), ""
            if found:
                return None, tr("several people are called '{name}'").format(name=name)
        return None, tr("nobody called '{name}' is on the map or in the file").format(name=name)


def named(
    drafts: Iterable[RecordDraft], ids: Mapping[str, PersonId | None], network: Network,
    new_people: tuple[Person, ...],
) -> Mapping[str, PersonId | str | None]:
    """``ids``, plus each person a log record names (by name or email): their id, or why
    they were not found."""
    refs = {key for d in drafts for key in d.people if key.startswith(NAME_REF)}
    if not refs:
        return ids
    names = _Names()
    names.add(names.new, new_people)
    names.add(names.old, network.people.values())
    found: dict[str, PersonId | str | None] = dict(ids)
    for ref in refs:
        pid, why = names.find(ref[len(NAME_REF):])
        found[ref] = pid if pid is not None else why
    return found


def resolve_ties(
    drafts: tuple[TieDraft, ...],
    network: Network,
    ids: Mapping[str, PersonId | None],
    new_people: tuple[Person, ...],
) -> TieResult:
    """Resolve the endpoints of ``drafts`` and drop the ties the map already has.

    Parameters
    ----------
    drafts
        The ties of the file.
    network
        The map before the import.
    ids
        Person id of every record key (None for skipped records).
    new_people
        The people the import adds (for endpoints given by name, and a new owner).
    """
    if not drafts:
        return TieResult()
    names = _Names()
    if any(d.a.startswith(NAME_REF) or d.b.startswith(NAME_REF) for d in drafts):
        names.add(names.new, new_people)
        names.add(names.old, network.people.values())
    me = network.me or next((p for p in new_people if p.is_me), None)
    result = TieResult()
    issues: list[Issue] = []
    kept = _ends(drafts, _existing(network), (ids, names, me), issues, result)
    result.ties = _make(kept, network, issues, result)
    result.issues = tuple(issues)
    return result


def _ends(
    drafts: tuple[TieDraft, ...], seen: dict[tuple[object, ...], str],
    lookup: tuple[Mapping[str, PersonId | None], _Names, Person | None],
    issues: list[Issue], result: TieResult,
) -> list[tuple[TieDraft, PersonId, PersonId]]:
    """The drafts whose two ends are found and that the map does not have yet."""
    ids, names, me = lookup
    kept: list[tuple[TieDraft, PersonId, PersonId]] = []
    for draft in drafts:
        a, why_a = _endpoint(draft.a, ids, names, me)
        b, why_b = _endpoint(draft.b, ids, names, me)
        if a is None or b is None or a == b:
            reason = why_a or why_b or tr("it would join someone to themselves")
            issues.append(Issue(draft.where, tr("tie skipped: {reason}").format(reason=reason)))
            result.skipped += 1
            continue
        key = _key(draft, a, b)
        if key in seen:
            result.unchanged += seen[key] == "map"
            result.merged += seen[key] == "file"
            continue
        seen[key] = "file"
        kept.append((draft, a, b))
    return kept


def _endpoint(
    ref: str, ids: Mapping[str, PersonId | None], names: _Names, me: Person | None
) -> tuple[PersonId | None, str]:
    if ref == ME:
        return (me.id, "") if me is not None else (None, tr("this map has no owner ('me')"))
    if ref.startswith(NAME_REF):
        return names.find(ref[len(NAME_REF):])
    if ref not in ids:
        return None, tr("it refers to '{ref}', which is not in the file").format(ref=ref)
    pid = ids[ref]
    return (pid, "") if pid is not None else (None, tr("one of its people was skipped"))


def _key(draft: TieDraft, a: PersonId, b: PersonId) -> tuple[object, ...]:
    """Same pair (either way round) and kind; for exact drafts, every field the same."""
    if draft.exact:
        return (a, b, draft.kind, draft.directed, draft.strength, draft.since, draft.notes)
    return (min(a, b), max(a, b), draft.kind)


def _existing(network: Network) -> dict[tuple[object, ...], str]:
    seen: dict[tuple[object, ...], str] = {}
    for t in network.ties.values():
        seen[(min(t.a, t.b), max(t.a, t.b), t.kind)] = "map"
        seen[(t.a, t.b, t.kind, t.directed, t.strength, t.since, t.notes)] = "map"
    return seen


def _make(
    kept: list[tuple[TieDraft, PersonId, PersonId]], network: Network,
    issues: list[Issue], result: TieResult,
) -> tuple[Tie, ...]:
    wanted = [d.preferred_id for d, _, _ in kept]
    if all(w is not None and TieId(w) not in network.ties for w in wanted) \
            and len(set(wanted)) == len(wanted):
        tids = [TieId(w or 0) for w in wanted]
    else:
        tids = list(map(TieId, network.new_ids(TIE, len(kept))))
    ties = []
    for (d, a, b), tid in zip(kept, tids, strict=True):
        try:
            ties.append(Tie(tid, a, b, d.kind, d.directed, d.strength, d.since, d.notes,
                            d.source, d.created))
        except ValidationError as exc:
            issues.append(Issue(d.where, tr("tie skipped: {exc}").format(exc=exc)))
            result.skipped += 1
    return tuple(ties)
