"""Matching incoming records against the map and each other: updates and duplicates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

from relmap.core.bulk import bulk_objects
from relmap.core.i18n import tr
from relmap.core.ids import PersonId
from relmap.core.model import Person
from relmap.core.network import Network
from relmap.io.pipeline.plan import Decision, Duplicate, Issue, MatchReason, ParsedFile, PersonDraft
from relmap.io.pipeline.similar import Probe, SimilarIndex
from relmap.io.values import normalise_name, profile_key

R = TypeVar("R")


@dataclass(frozen=True)
class ImportPlan:
    """A parsed file matched against one network, ready for review and then ``resolve``.

    ``updates`` maps draft keys to the people they update without asking (the same profile
    from the same source, or the file's owner onto the map's owner); ``duplicates`` lists the
    records to review, each with a default decision.
    """

    parsed: ParsedFile
    people: tuple[PersonDraft, ...]
    updates: Mapping[str, PersonId] = field(default_factory=dict)
    duplicates: tuple[Duplicate, ...] = ()
    issues: tuple[Issue, ...] = ()

    def default_decisions(self) -> dict[str, Decision]:
        """The decision for each duplicate when the user does not choose: merge strong ones."""
        return {d.draft: d.default for d in self.duplicates}


@dataclass(frozen=True, slots=True)
class _Keys:
    """What a person is matched by: profile URL, emails, folded name and organisation."""

    url: str
    emails: tuple[str, ...]
    name: str
    org: str
    name_org: str

    @classmethod
    def of(cls, person: Person, identity: str = "") -> _Keys:
        url = identity if identity.startswith("linkedin.com/") else profile_key(person.url)
        name, org = normalise_name(person.display_name), normalise_name(person.organisation)
        return cls(
            url if "/" in url else "",  # a bare host ("linkedin.com") identifies nobody
            tuple(e.value.strip().casefold() for e in person.emails) if person.emails else (),
            name, org, f"{name}|{org}" if name and org else "",
        )


class _Index(Generic[R]):
    """People by profile URL, email, name + organisation and name (each key to the first).

    Two people with different profile URLs are different people, whatever their names; a
    name alone matches only when one of the two has no organisation.
    """

    def __init__(self) -> None:
        self.url: dict[str, R] = {}
        self.email: dict[str, R] = {}
        self.name_org: dict[str, tuple[R, _Keys]] = {}
        self.name: dict[str, tuple[R, _Keys]] = {}

    def add(self, ref: R, keys: _Keys, *, by_name: bool = True) -> None:
        if keys.url:
            self.url.setdefault(keys.url, ref)
        for email in keys.emails:
            self.email.setdefault(email, ref)
        if by_name and keys.name:
            if keys.name_org:
                self.name_org.setdefault(keys.name_org, (ref, keys))
            self.name.setdefault(keys.name, (ref, keys))

    def find(self, keys: _Keys) -> tuple[R, MatchReason] | None:
        if keys.url and (ref := self.url.get(keys.url)) is not None:
            return ref, MatchReason.URL
        for email in keys.emails:
            if (ref := self.email.get(email)) is not None:
                return ref, MatchReason.EMAIL
        if not keys.name:
            return None
        hit = self.name_org.get(keys.name_org) if keys.name_org else None
        if hit is not None and not _other_profiles(keys, hit[1]):
            return hit[0], MatchReason.NAME_ORG
        hit = self.name.get(keys.name)
        if hit is not None and not _other_profiles(keys, hit[1]) \
                and not (keys.org and hit[1].org):
            return hit[0], MatchReason.NAME
        return None


def _other_profiles(a: _Keys, b: _Keys) -> bool:
    return bool(a.url and b.url and a.url != b.url)


def source_label(source: str) -> str:
    """"LinkedIn, 12 Mar 2024" -> "LinkedIn"."""
    return source.split(",", 1)[0].strip()


def build_plan(parsed: ParsedFile, network: Network) -> ImportPlan:
    """Match every record of ``parsed`` against ``network`` and against earlier records.

    Parameters
    ----------
    parsed
        What an importer read.
    network
        The map the records go into; it is only read.

    Returns
    -------
    ImportPlan
        Silent updates, duplicates to review (with default decisions) and notes.
    """
    with bulk_objects():
        return _match(parsed, network)


def _match(parsed: ParsedFile, network: Network) -> ImportPlan:
    people, issues, updates = _place_owner(parsed, network)
    by_identity = {
        key: p.id for p in network.people.values()
        if p.url and source_label(p.source) == parsed.format
        and "/" in (key := profile_key(p.url))
    }
    on_map: _Index[PersonId] = _Index()
    in_file: _Index[PersonDraft] = _Index()
    alike_on_map: SimilarIndex[PersonId] = SimilarIndex()
    alike_in_file: SimilarIndex[PersonDraft] = SimilarIndex()
    for p in network.people.values():
        on_map.add(p.id, _Keys.of(p), by_name=not p.is_me)
        if not p.is_me:
            alike_on_map.add(p.id, Probe.of(p.display_name, p.organisation, _Keys.of(p).url))
    duplicates: list[Duplicate] = []
    for draft in people:
        if draft.key in updates:
            continue
        known = by_identity.get(draft.identity) if draft.identity else None
        if known is not None:
            updates[draft.key] = known
            continue
        keys = _Keys.of(draft.person, draft.identity)
        probe = Probe.of(draft.person.display_name, draft.person.organisation, keys.url)
        dup = _duplicate(draft, keys, on_map, in_file, network) \
            or _similar(draft, probe, alike_on_map, alike_in_file, network)
        if dup is not None:
            duplicates.append(dup)
        in_file.add(draft, keys)
        alike_in_file.add(draft, probe)
    return ImportPlan(parsed, people, updates, tuple(duplicates), tuple(issues))


def _similar(
    draft: PersonDraft, probe: Probe, on_map: SimilarIndex[PersonId],
    in_file: SimilarIndex[PersonDraft], network: Network,
) -> Duplicate | None:
    """A possible duplicate by similarity: offered for review, kept apart by default."""
    name = draft.person.display_name
    found = on_map.find(probe)
    if found is not None:
        target = network.people[found[0]]
        return Duplicate(draft.key, name, target.display_name, MatchReason.SIMILAR,
                         target_person=target.id, detail=found[1])
    earlier = in_file.find(probe)
    if earlier is not None:
        other = earlier[0]
        return Duplicate(draft.key, name, other.person.display_name, MatchReason.SIMILAR,
                         target_draft=other.key, detail=earlier[1])
    return None


def _duplicate(
    draft: PersonDraft, keys: _Keys, on_map: _Index[PersonId], in_file: _Index[PersonDraft],
    network: Network,
) -> Duplicate | None:
    name = draft.person.display_name
    found = on_map.find(keys)
    if found is not None:
        target = network.people[found[0]]
        return Duplicate(draft.key, name, target.display_name, found[1], target_person=target.id)
    earlier = in_file.find(keys)
    if earlier is not None:
        other = earlier[0]
        return Duplicate(
            draft.key, name, other.person.display_name, earlier[1], target_draft=other.key
        )
    return None


def _place_owner(
    parsed: ParsedFile, network: Network
) -> tuple[tuple[PersonDraft, ...], list[Issue], dict[str, PersonId]]:
    """The file's "me" becomes the map's "me" on an empty map or when the names agree."""
    me = network.me
    people: list[PersonDraft] = []
    issues: list[Issue] = []
    updates: dict[str, PersonId] = {}
    for draft in parsed.people:
        if draft.person.is_me and me is not None:
            alone = len(network.people) == 1
            same = normalise_name(me.display_name) == normalise_name(draft.person.display_name)
            if alone or same:
                updates[draft.key] = me.id
            else:
                draft = replace(draft, person=replace(draft.person, is_me=False))
                issues.append(
                    Issue(
                        draft.where,
                        tr(
                            "the file's owner, {name}, is imported as a contact: this map has "
                            "its own owner"
                        ).format(name=draft.person.display_name),
                    )
                )
        people.append(draft)
    return tuple(people), issues, updates
