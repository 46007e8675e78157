"""Google Contacts (current and legacy) and Outlook (both layouts) contact exports."""

from __future__ import annotations

from relmap.core.model import ContactPoint, TieKind
from tests.io.io_support import by_name, map_with_me, parse, plan, sphere_names


def test_google_current_layout() -> None:
    parsed = parse("google", "google/contacts.csv")
    jane = parsed.people[0].person
    assert jane.emails == (ContactPoint("jane@acme.example", "Work"),
                           ContactPoint("jane.doe@gmail.example", "Work"),
                           ContactPoint("jane@home.example", "Home"))
    assert jane.phones == (ContactPoint("+351 912 345 678", "Mobile"),)
    assert jane.notes == "Met at Web Summit.\nFollow up about the Series A."
    assert jane.location == "Lisboa, Portugal"
    assert jane.url == "https://www.linkedin.com/in/janedoe"
    assert parsed.people[0].spheres == ("Investors", "Lisbon")  # no "* myContacts", "* starred"
    assert parsed.people[2].person.display_name == "Globex"
    assert [str(s) for s in parsed.skipped] == [
        "line 8: skipped: the record has no name, organisation or email"]


def test_google_relations_become_ties_between_the_people_they_name() -> None:
    network = map_with_me()
    resolution = plan(parse("google", "google/contacts.csv"), network)
    resolution.edit.apply(network)
    jane, sam = by_name(network, "Jane Doe"), by_name(network, "Sam Rivera")
    ties = sorted((t.a, t.b, t.kind, t.directed) for t in network.ties.values())
    # Jane's manager is Sam; Sam's assistant is Jane: the same reports-to tie, found twice
    assert ties == [(jane.id, sam.id, TieKind.REPORTS_TO, True)]
    assert resolution.counts.ties.new == 1 and resolution.counts.ties.merged == 1
    assert sphere_names(network, jane) == {"Investors", "Lisbon"}


def test_google_legacy_layout_is_told_apart_by_its_first_column() -> None:
    network = map_with_me()
    resolution = plan(parse("google", "google/contacts-legacy.csv"), network)
    resolution.edit.apply(network)
    kenji = by_name(network, "Kenji Sato")
    assert (kenji.organisation, kenji.title) == ("Sato Holdings", "Chairman")
    assert kenji.emails == (ContactPoint("kenji@sato.example", "Work"),)
    assert sphere_names(network, kenji) == {"Board"}  # no "System Group: Friends"
    (tie,) = network.ties.values()
    assert tie.kind is TieKind.FAMILY and {tie.a, tie.b} == {kenji.id,
                                                            by_name(network, "Yui Sato").id}


def test_outlook_com_layout() -> None:
    network = map_with_me()
    plan(parse("outlook", "outlook/outlook-com.csv"), network).edit.apply(network)
    olu = by_name(network, "Olu Adeyemi")
    assert olu.phones == (ContactPoint("+234 803 555 0101", "mobile"),)
    assert olu.location == "Lagos, Nigeria"
    assert olu.notes == "Intro via Ngozi.\r\nInterested in fintech."
    (tie,) = network.ties.values()
    assert (tie.a, tie.b, tie.kind) == (olu.id, by_name(network, "Ngozi Eze").id,
                                        TieKind.REPORTS_TO)


def test_outlook_classic_quoted_layout_in_windows_1252() -> None:
    parsed = parse("outlook", "outlook/outlook-classic.csv")
    sofia = parsed.people[0].person
    assert (sofia.display_name, sofia.organisation) == ("Sofia Rossi", "Rossi & Figli")
    assert parsed.people[0].spheres == ("Suppliers", "Milan network")
    assert "line 3: '/O=EXCHANGELABS/OU=X' is not an email address; left out" in [
        str(i) for i in parsed.issues]
    network = map_with_me()
    plan(parsed, network).edit.apply(network)
    (tie,) = network.ties.values()
    assert tie.kind is TieKind.INTRODUCED
    assert (tie.a, tie.b) == (by_name(network, "Diego Alvarez").id, by_name(network,
                                                                            "Sofia Rossi").id)
