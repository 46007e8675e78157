"""Matching across sources, the duplicate decisions, and the one edit an import becomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from relmap.core.errors import KnownError
from relmap.core.ids import PersonId
from relmap.core.network import Network
from relmap.io.pipeline.matching import build_plan
from relmap.io.pipeline.plan import Decision, MatchReason
from relmap.io.pipeline.resolve import resolve
from relmap.store import rows
from relmap.store.repository import Repository
from tests.io.io_support import by_name, map_with_me, parse, plan, sphere_names


def _linkedin_then_google() -> tuple[Network, object]:
    network = map_with_me()
    plan(parse("linkedin", "linkedin/Connections.csv"), network).edit.apply(network)
    return network, build_plan(parse("google", "google/contacts.csv"), network)


def test_duplicates_across_sources_are_found_with_their_reason() -> None:
    network, matched = _linkedin_then_google()
    (dup,) = matched.duplicates  # type: ignore[attr-defined]
    assert (dup.name, dup.target_name, dup.reason) == ("Jane Doe", "Jane Doe", MatchReason.URL)
    assert dup.strong and dup.default is Decision.MERGE
    assert dup.target_person == by_name(network, "Jane Doe").id


def test_merge_fills_gaps_and_keeps_what_is_known() -> None:
    network, matched = _linkedin_then_google()
    resolution = resolve(matched, network)  # type: ignore[arg-type]
    assert resolution.counts.people.merged == 1 and resolution.counts.people.new == 2
    resolution.edit.apply(network)
    jane = by_name(network, "Jane Doe")
    assert jane.organisation == "Acme, Inc."
    assert [e.value for e in jane.emails][:1] == ["jane@acme.example"]
    assert jane.notes == "Credentials: MBA"  # her notes were not empty: kept
    assert jane.source == "LinkedIn, 12 Mar 2024; Google Contacts, 12 Mar 2024"
    assert sphere_names(network, jane) == {"Investors", "Lisbon"}


@pytest.mark.parametrize(("decision", "people", "skipped"), [
    (Decision.KEEP_BOTH, 1 + 7 + 3, 1), (Decision.SKIP, 1 + 7 + 2, 2)])
def test_keep_both_and_skip(decision: Decision, people: int, skipped: int) -> None:
    network, matched = _linkedin_then_google()
    resolution = resolve(matched, network, {"line 2": decision})  # type: ignore[arg-type]
    resolution.edit.apply(network)
    assert len(network.people) == people
    assert resolution.counts.people.skipped == skipped
    if decision is Decision.SKIP:
        assert "line 2: skipped: same profile URL as Jane Doe" in [
            str(s) for s in resolution.counts.skipped]


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_matching_by_email_name_and_organisation_and_name(tmp_path: Path) -> None:
    network = map_with_me()
    plan(parse("csv", _csv(tmp_path, "name,email,company\nAda Lovelace,ada@x.org,Engines\n"
                           "Grace Hopper,,Navy\nAlan Turing,,\n")), network).edit.apply(network)
    matched = build_plan(parse("csv", _csv(tmp_path, (
        "name,email,company\nAugusta Ada King,ADA@x.org,\nGRACE HOPPER,,navy\n"
        "Alan Turing,,Bletchley\nAlan Turing,,Other Place\nLinus,,\n"))), network)
    found = {d.name: (d.reason, d.strong) for d in matched.duplicates}
    assert found == {
        "Augusta Ada King": (MatchReason.EMAIL, True),
        "GRACE HOPPER": (MatchReason.NAME_ORG, True),
        "Alan Turing": (MatchReason.NAME, False),
    }
    resolution = resolve(matched, network)
    p = resolution.counts.people
    assert (p.merged, p.new) == (2, 3)  # the weak match is kept as a new person by default


def test_similar_names_and_organisations_are_offered_as_possible_duplicates(
    tmp_path: Path,
) -> None:
    """An accent, a typo, a legal form: offered for review, kept apart unless chosen."""
    network = map_with_me()
    plan(parse("csv", _csv(tmp_path, "name,company\nIngrid Bergström,Ericsson\n"
                           "John Smith,Acme\nMaria Rossi,Fiat\n")), network).edit.apply(network)
    matched = build_plan(parse("csv", _csv(tmp_path, (
        "name,company\nIngrid Bergstrom,Ericsson AB\nJon Smith,Acme Inc.\n"
        "Jane Smith,Acme\nMaria Rossi,Volvo\nIngrid Bergstrom,Ericsson AB\n"))), network)
    found = {(d.name, d.target_name, d.target_draft): d for d in matched.duplicates}
    assert set(found) == {("Ingrid Bergstrom", "Ingrid Bergström", None),
                          ("Jon Smith", "John Smith", None),
                          ("Ingrid Bergstrom", "Ingrid Bergstrom", "line 2")}
    first = found["Ingrid Bergstrom", "Ingrid Bergström", None]
    assert first.reason is MatchReason.SIMILAR and not first.strong
    assert first.default is Decision.KEEP_BOTH and "organisations 100%" in first.why
    assert first.target_person == by_name(network, "Ingrid Bergström").id


def test_different_profile_urls_are_different_people(tmp_path: Path) -> None:
    path = _csv(tmp_path, "name,company,url\nJohn Smith,Acme,linkedin.com/in/js1\n"
                          "John Smith,Acme,linkedin.com/in/js2\nJohn Smith,Acme,\n")
    matched = build_plan(parse("csv", path), map_with_me())
    assert [(d.draft, d.target_draft) for d in matched.duplicates] == [("line 4", "line 2")]


def test_records_repeated_in_one_file_merge_into_one_person(tmp_path: Path) -> None:
    path = _csv(tmp_path, "name,email,phone\nAda Lovelace,ada@x.org,\n"
                          "Ada L.,ada@x.org,+44 1\nAda,ada@x.org,+44 2\n")
    network = map_with_me()
    resolution = plan(parse("csv", path), network)
    assert (resolution.counts.people.new, resolution.counts.people.merged) == (1, 2)
    resolution.edit.apply(network)
    ada = by_name(network, "Ada Lovelace")
    assert [p.value for p in ada.phones] == ["+44 1", "+44 2"]


def test_an_import_is_one_edit_and_its_inverse_restores_the_map(
    store: tuple[Repository, Network],
) -> None:
    repository, network = store
    before = repository.load()
    resolution = plan(parse("google", "google/contacts.csv"), network)
    undo = resolution.edit.inverse(network)
    repository.apply(resolution.edit, network)
    assert len(repository.load().people) == 1 + 3
    repository.apply(undo, network)
    after = repository.load()
    assert after.people == before.people and after.ties == before.ties
    assert after.spheres == before.spheres


def test_an_import_that_fails_in_the_database_leaves_nothing_behind(
    store: tuple[Repository, Network], monkeypatch: pytest.MonkeyPatch,
) -> None:
    repository, network = store
    before = repository.load()
    resolution = plan(parse("linkedin", "linkedin/Connections.csv"), network)
    real = rows.tie_row
    calls = []

    def fail_late(tie: object) -> tuple[object, ...]:
        calls.append(tie)
        if len(calls) == 5:
            raise KnownError("disk full")
        return real(tie)  # type: ignore[arg-type]

    monkeypatch.setattr(rows, "tie_row", fail_late)
    with pytest.raises(KnownError, match="disk full"):
        repository.apply(resolution.edit, network)
    assert repository.load().people == before.people == network.people
    assert repository.load().ties == before.ties == network.ties


def test_the_files_owner_becomes_the_maps_owner_only_on_an_empty_map(tmp_path: Path) -> None:
    from relmap.io.export import write

    source = map_with_me("Alex Morgan")
    plan(parse("csv", "bad/bom-utf8.csv"), source).edit.apply(source)
    write("json", source, tmp_path / "map.json")
    empty = map_with_me()
    matched = build_plan(parse("json", tmp_path / "map.json"), empty)
    assert matched.updates == {"p1": empty.people[PersonId(1)].id}
    busy = map_with_me("Someone Else")
    plan(parse("csv", "bad/cp1252.csv"), busy).edit.apply(busy)
    matched = build_plan(parse("json", tmp_path / "map.json"), busy)
    assert not matched.updates
    assert "is imported as a contact" in str(matched.issues[0])
