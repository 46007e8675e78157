"""LinkedIn Connections.csv: preamble, credentials, dates, identity by profile URL, re-import."""

from __future__ import annotations

from datetime import date

from relmap.core.model import TieKind
from relmap.core.network import Network
from relmap.store.repository import Repository
from tests.io.io_support import by_name, map_with_me, parse, plan, sphere_names


def test_connections_are_people_with_a_dated_tie_to_me() -> None:
    parsed = parse("linkedin", "linkedin/Connections.csv")
    assert parsed.records == 8
    assert [str(s) for s in parsed.skipped] == [
        "line 12: skipped: the record has no name, organisation or email"]
    jane = parsed.people[0].person
    assert (jane.display_name, jane.given_name, jane.family_name) == ("Jane Doe", "Jane", "Doe")
    assert (jane.organisation, jane.title) == ("Acme, Inc.", "Chief Executive Officer")
    assert jane.notes == "Credentials: MBA"
    assert jane.source == "LinkedIn, 12 Mar 2024"
    assert parsed.people[0].identity == "linkedin.com/in/janedoe"
    seán = parsed.people[5].person
    assert (seán.display_name, seán.title) == ("Seán O'Brien", 'Engineer, "Platform"')
    assert [e.value for e in parsed.people[1].person.emails] == ["juergen.mueller@example.de"]
    assert parsed.ties[0].since == date(2024, 3, 12)
    assert parsed.ties[1].since == date(2023, 1, 3)
    assert all(t.b == "@me" and t.kind is TieKind.OTHER for t in parsed.ties)


def test_an_unreadable_date_keeps_the_connection_and_says_why() -> None:
    parsed = parse("linkedin", "linkedin/Connections.csv")
    amara = next(t for t in parsed.ties if t.where == "line 11")
    assert amara.since is None
    assert "line 11: 'Foo' is not an English month; the connection is imported without a " \
        "date" in [str(i) for i in parsed.issues]


def test_older_exports_without_the_url_column_are_read_by_name() -> None:
    parsed = parse("linkedin", "linkedin/Connections-2018.csv")
    assert [d.person.display_name for d in parsed.people] == ["Maria García", "Tom Lee"]
    assert parsed.people[1].person.title == "Importer, Exporter"
    assert parsed.ties[0].since == date(2018, 2, 22)
    assert parsed.people[0].identity == ""


def test_companies_become_spheres_when_asked() -> None:
    parsed = parse("linkedin", "linkedin/Connections.csv", company_spheres=True)
    network = map_with_me()
    resolution = plan(parsed, network)
    resolution.edit.apply(network)
    assert sphere_names(network, by_name(network, "Jane Doe")) == {"Acme, Inc."}
    assert by_name(network, "Wei Chen").spheres == frozenset()
    assert resolution.counts.spheres_new == 6
    plain = plan(parse("linkedin", "linkedin/Connections.csv"), map_with_me())
    assert plain.counts.spheres_new == 0


def test_next_months_file_updates_people_instead_of_duplicating_them(
    store: tuple[Repository, Network],
) -> None:
    repository, network = store
    first = plan(parse("linkedin", "linkedin/Connections.csv"), network)
    repository.apply(first.edit, network)
    assert first.counts.people.new == 7 and first.counts.ties.new == 7
    second = plan(parse("linkedin", "linkedin/Connections-next-month.csv"), network)
    p, t = second.counts.people, second.counts.ties
    assert (p.new, p.updated, p.unchanged, p.merged, p.skipped) == (1, 1, 2, 0, 0)
    assert (t.new, t.unchanged) == (1, 3)
    repository.apply(second.edit, network)
    reloaded = repository.load()
    assert len(reloaded.people) == 1 + 7 + 1
    assert by_name(reloaded, "Jane Doe").organisation == "Wayne Enterprises"
    assert by_name(reloaded, "Jane Doe").notes == "Credentials: MBA"
    assert by_name(reloaded, "Lars Johansson").source == "LinkedIn, 12 Mar 2024"
    me = reloaded.me
    assert me is not None
    assert sum(1 for t in reloaded.ties_of(me.id)) == 8


def test_a_name_edited_in_relmap_survives_a_reimport(store: tuple[Repository, Network]) -> None:
    from relmap.core.edits import UpdatePerson

    repository, network = store
    repository.apply(plan(parse("linkedin", "linkedin/Connections.csv"), network).edit, network)
    jane = by_name(network, "Jane Doe")
    repository.apply(UpdatePerson(jane.id, {"display_name": "Jane (Acme)"}), network)
    again = plan(parse("linkedin", "linkedin/Connections.csv"), network)
    assert again.counts.people.unchanged == 7 and again.empty
    assert network.people[jane.id].display_name == "Jane (Acme)"
