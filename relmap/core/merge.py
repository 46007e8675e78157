"""Three-way merge of one entity: what this copy loaded, what it changed, what is stored now.

Two windows (or two team members) may edit the same map. A write based on a stale copy is
merged field by field: a field only one side changed takes that side's value; a field both
changed to different values is a :class:`Clash`, which only the user may settle.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from relmap.core.dates import ago
from relmap.core.errors import KnownError
from relmap.core.ids import PersonId, SphereId, TieId
from relmap.core.model import RecordKind, field_names, replaced
from relmap.core.network import PERSON, SPHERE, TIE, ChangeSet, Key, Network, ends

# Fields that say when, not what: the later of the two wins, never a clash.
_STAMPS = frozenset({"updated"})


@dataclass(frozen=True)
class Clash:
    """A field both sides changed: ``mine`` and ``theirs`` are the two values (None for a
    deleted entity, with ``field`` empty)."""

    field: str
    base: Any
    mine: Any
    theirs: Any


@dataclass(frozen=True)
class Merged:
    """The entity to store (None: deleted) and what could not be merged."""

    value: Any
    clashes: tuple[Clash, ...] = ()


def merge(base: Any, mine: Any, theirs: Any) -> Merged:
    """Merge ``mine`` (None: I deleted it) into ``theirs`` (None: someone deleted it), both
    changed from ``base`` (None: it did not exist).

    Sets merge by what each side added and removed; a dataclass value (the ratings) merges
    field by field; any other field changed on both sides to different values clashes.
    """
    if mine == theirs:
        return Merged(theirs)
    if theirs == base:
        return Merged(mine)
    if mine == base:
        return Merged(theirs)
    if None in (base, mine, theirs):  # one side deleted what the other changed, or both
        return Merged(theirs, (Clash("", base, mine, theirs),))  # added the same id
    return _fields(base, mine, theirs)


def _fields(base: Any, mine: Any, theirs: Any, prefix: str = "") -> Merged:
    values: dict[str, Any] = {}
    clashes: list[Clash] = []
    for name in field_names(base):
        b, m, t = (getattr(x, name) for x in (base, mine, theirs))
        if m in (b, t):
            continue
        if t == b:
            values[name] = m
        elif name in _STAMPS:
            values[name] = max(m, t)
        elif isinstance(b, frozenset):
            values[name] = (t | (m - b)) - (b - m)
        elif dataclasses.is_dataclass(b):
            inner = _fields(b, m, t, f"{prefix}{name}.")
            values[name] = inner.value
            clashes += inner.clashes
        else:
            clashes.append(Clash(prefix + name, b, m, t))
    return Merged(replaced(theirs, **values), tuple(clashes))


@dataclass(frozen=True)
class Stamp:
    """Who made a change, when, and what it was (the words of its undo step)."""

    member: str
    at: datetime
    summary: str


class ConflictError(KnownError):
    """Someone else changed what an edit changes, in a way that does not merge: nothing was
    stored.

    ``planned`` holds every entity the edit changes as it would be stored: merged where it
    merges, theirs in each clashing field. ``clashes`` pairs each key with what clashed;
    ``theirs`` holds the stored entity (None: gone) of every key someone else changed,
    ``versions`` its stored version, and ``stamps`` who made the clashing changes.
    """

    def __init__(self, planned: Mapping[Key, Any], clashes: list[tuple[Key, Clash]],
                 theirs: Mapping[Key, Any], versions: Mapping[Key, int | None],
                 stamps: Mapping[int, Stamp]) -> None:
        self.planned, self.clashes = dict(planned), clashes
        self.theirs, self.versions, self.stamps = dict(theirs), dict(versions), dict(stamps)
        (key, clash), more = clashes[0], len(clashes) - 1
        also = f" (and {more} more)" if more else ""
        super().__init__(f"{self.describe(key, clash)}{also}; your change was not stored")

    def stamp(self, key: Key) -> Stamp | None:
        """Who last changed ``key``."""
        version = self.versions.get(key)
        return None if version is None else self.stamps.get(version)

    def describe(self, key: Key, clash: Clash) -> str:
        """One line: who did what to which entity, in words."""
        stamp = self.stamp(key)
        who = f"{stamp.member} ({ago(stamp.at)})" if stamp else "someone else"
        if clash.theirs is None:
            return f"{who} deleted {self.name(key)}, which you changed"
        if clash.mine is None:
            return f"{who} changed {self.name(key)}, which you deleted"
        return f"{who} also changed {self.subject(key, clash)}"

    def name(self, key: Key) -> str:
        """What the user calls the entity of ``key``."""
        whole = next((c.mine for k, c in self.clashes if k == key and not c.field), None)
        return entity_name(self.theirs.get(key) or self.planned.get(key) or whole, key)

    def subject(self, key: Key, clash: Clash) -> str:
        """``the title of Ada Lovelace``, or the entity's name when all of it clashed."""
        if not clash.field:
            return self.name(key)
        field = clash.field.rpartition(".")[2].replace("_", " ")
        return f"the {field} of {self.name(key)}"


class Choice(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"
    BOTH = "both"  # text: theirs, then mine


def can_keep_both(clash: Clash) -> bool:
    return isinstance(clash.mine, str) and isinstance(clash.theirs, str)


def resolve(conflict: ConflictError, choices: Mapping[tuple[Key, str], Choice]
            ) -> dict[Key, Any]:
    """Every entity of the clashing edit as the user chose (by key and clashing field; a
    clash not chosen keeps theirs)."""
    resolved = dict(conflict.planned)
    for key, clash in conflict.clashes:
        choice = choices.get((key, clash.field), Choice.THEIRS)
        if choice == Choice.THEIRS:
            continue
        if not clash.field:  # deleted on one side: all of mine, or gone
            resolved[key] = clash.mine
            continue
        value = clash.mine
        if choice == Choice.BOTH and can_keep_both(clash):
            value = f"{clash.theirs}\n\n{clash.mine}" if clash.theirs else clash.mine
        resolved[key] = _with(resolved[key], clash.field.split("."), value)
    return resolved


def _with(entity: Any, path: list[str], value: Any) -> Any:
    head, *rest = path
    inner = _with(getattr(entity, head), rest, value) if rest else value
    return replaced(entity, **{head: inner})


def entity_name(entity: Any, key: Key) -> str:
    """What the user calls an entity: a person's or sphere's name, else its kind."""
    for attribute in ("display_name", "name", "title"):
        if isinstance(value := getattr(entity, attribute, None), str) and value:
            return value
    return f"a {key[0]}"


@dataclass(frozen=True)
class News:
    """What others changed since this copy last looked: each entity as stored now (None:
    gone), and their changes, oldest first."""

    entities: Mapping[Key, Any]
    stamps: tuple[Stamp, ...]


# Adding goes in this order (a person needs their spheres, a tie its people); removing in
# the reverse.
_ORDER = (SPHERE, PERSON, TIE)


@dataclass(frozen=True)
class Adopt:
    """Put entities as they are stored: another window's or member's change, or a settled
    clash. ``entities`` maps each key to the entity, or to None where it is gone."""

    entities: Mapping[Key, Any]

    def apply(self, network: Network) -> ChangeSet:
        rank = {kind: n for n, kind in enumerate(_ORDER)}
        ordered = sorted(self.entities.items(), key=lambda kv: rank.get(kv[0][0], len(rank)))
        added_or_gone = False
        # The ends of each tie as it was, and as it is (a tie's ends may have changed).
        tied = ends(t for (kind, i), value in ordered if kind == TIE
                    for t in (network.ties.get(TieId(i)), value) if t is not None)
        for (kind, i), value in ordered:
            if value is not None:
                table = network.table(kind)
                added_or_gone |= i not in table
                table[i] = value
        for (kind, i), value in reversed(ordered):
            if value is None:
                added_or_gone |= network.table(kind).pop(i, None) is not None
        # A tie whose person went with a change this copy never saw goes too.
        dangling = {t.id: t for t in network.ties.values()
                    if t.a not in network.people or t.b not in network.people}
        for tid in dangling:
            del network.ties[tid]
        keys = self.entities.keys()
        return ChangeSet(
            people=frozenset(PersonId(i) for kind, i in keys if kind == PERSON),
            ties=frozenset(TieId(i) for kind, i in keys if kind == TIE) | frozenset(dangling),
            tied=tied | ends(dangling.values()),
            spheres=frozenset(SphereId(i) for kind, i in keys if kind == SPHERE),
            records=frozenset((RecordKind(kind), i) for kind, i in keys
                              if kind not in _ORDER),
            structural=added_or_gone or bool(dangling),
        )

    def inverse(self, network: Network) -> Adopt:
        return Adopt(network.entities(self.entities))
