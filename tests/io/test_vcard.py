"""vCard 2.1/3.0/4.0: charsets, quoted-printable, folding, Apple groups, bad cards alone."""

from __future__ import annotations

from pathlib import Path

from relmap.core.model import ContactPoint
from tests.io.io_support import map_with_me, parse, plan


def test_apple_cards_with_item_groups_labels_and_categories() -> None:
    parsed = parse("vcard", "vcard/apple.vcf")
    lars, linh = (d.person for d in parsed.people)
    assert lars.display_name == "Lars Johansson"
    assert (lars.given_name, lars.family_name) == ("Lars", "Johansson")
    assert (lars.organisation, lars.title) == ("Pied Piper", "CTO")
    assert lars.emails == (ContactPoint("lars@piedpiper.example", "Work"),
                           ContactPoint("lars.j@mail.example", "Newsletter"))
    assert lars.phones == (ContactPoint("+46 70 123 45 67", "cell"),)
    assert lars.location == "Stockholm, Sweden"
    assert lars.notes == "Met at Slush 2023, wants an intro to Acme.\nVegetarian."
    assert lars.url == "https://www.linkedin.com/in/larsj"
    assert parsed.people[0].spheres == ("Engineering", "Nordics")
    assert parsed.people[0].identity == "uid:9C3B8E2A-4D1F-4B6C-9E1A-2F3C4D5E6F70"
    assert [p.value for p in linh.phones] == ["+84 28 5555 0100", "+84 90 555 0101"]
    assert parsed.people[1].where == "card at line 22"


def test_vcard_21_quoted_printable_charsets_and_soft_breaks() -> None:
    parsed = parse("vcard", "vcard/android-21.vcf")
    jurgen, rene = (d.person for d in parsed.people)
    assert (jurgen.display_name, jurgen.family_name) == ("Jürgen Müller", "Müller")
    assert jurgen.notes == ("Kennt den Vorstand persönlich. Lange Notiz, die auf zwei Zeilen "
                            "umbrochen wurde.")
    assert jurgen.phones == (ContactPoint("+49 170 5550123", "cell"),
                             ContactPoint("+49 30 5550100", "work"))
    assert rene.display_name == "René François"  # ISO-8859-1 inside quoted-printable


def test_vcard_40() -> None:
    (amara,) = parse("vcard", "vcard/v4.vcf").people
    assert amara.person.phones == (ContactPoint("+44-7700-900123", "cell"),)
    assert amara.person.emails == (ContactPoint("amara@stark.example", "work"),)
    assert amara.spheres == ("Investors", "London")


def test_a_bad_card_is_skipped_with_its_line_and_the_rest_imported() -> None:
    parsed = parse("vcard", "bad/missing-end.vcf")
    assert [d.person.display_name for d in parsed.people] == ["First Person", "Third Person"]
    assert [str(s) for s in parsed.skipped] == ["card at line 6: skipped: it has no END:VCARD"]
    counts = plan(parsed, map_with_me()).counts
    assert (counts.records, counts.people.new, counts.people.skipped) == (3, 2, 1)


def test_stray_lines_and_unknown_charsets(tmp_path: Path) -> None:
    path = tmp_path / "odd.vcf"
    path.write_bytes(b"junk before\r\nBEGIN:VCARD\r\nVERSION:2.1\r\n"
                     b"FN;CHARSET=X-NO-SUCH;ENCODING=QUOTED-PRINTABLE:A=E9\r\nEND:VCARD\r\n"
                     b"END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fine\r\nEND:VCARD\r\n")
    parsed = parse("vcard", path)
    assert [d.person.display_name for d in parsed.people] == ["Fine"]
    assert parsed.skipped[0].where == "card at line 2"
    assert "line 1: 2 line(s) outside any card were ignored" in [str(i) for i in parsed.issues]


def test_phone_and_email_labels_become_vcard_types() -> None:
    from relmap.core.ids import PersonId
    from relmap.core.model import Person
    from relmap.io.exporters.vcard_export import to_vcards

    network = map_with_me()
    network.people[PersonId(2)] = Person(
        PersonId(2), "Ada Lovelace",
        phones=(ContactPoint("+44 20 7946 0001", "Mobile"),
                ContactPoint("+44 20 7946 0002", "Work Fax"),
                ContactPoint("+44 20 7946 0003", "Shed")),
        emails=(ContactPoint("ada@home.example", "Personal"),))
    text = to_vcards(network).decode()
    assert "TEL;TYPE=CELL:+44 20 7946 0001" in text
    assert "TEL;TYPE=FAX:+44 20 7946 0002" in text
    assert "TEL:+44 20 7946 0003" in text  # no vCard type for a shed: left off
    assert "EMAIL;TYPE=HOME:ada@home.example" in text
    assert "Mobile" not in text
