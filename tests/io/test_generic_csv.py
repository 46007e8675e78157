"""Generic CSV: the mapping suggested from headers, the preview, people and ties files."""

from __future__ import annotations

from pathlib import Path

import pytest

from relmap.core.model import AssessmentField, Role, TieKind
from relmap.io.errors import ImportRefusedError
from relmap.io.importers.column_mapping import IGNORE, suggest_mapping
from relmap.io.importers.generic_csv import preview, unneutralise
from tests.io.io_support import DATA, by_name, map_with_me, parse, plan


def test_mapping_is_suggested_from_header_names() -> None:
    kind, mapping = suggest_mapping(["Full Name", "E-mail Address", "Company", "Job Title",
                                     "Mobile Phone", "Tags", "Shoe size", "E-mail 2 - Value",
                                     "E-mail 2 - Type"])
    assert kind == "people"
    assert mapping == {"Full Name": "name", "E-mail Address": "emails",
                       "Company": "organisation", "Job Title": "title",
                       "Mobile Phone": "phones", "Tags": "spheres", "Shoe size": IGNORE,
                       "E-mail 2 - Value": "emails", "E-mail 2 - Type": IGNORE}
    kind, mapping = suggest_mapping(["Source", "Target", "Weight", "Type"])
    assert kind == "ties"
    assert mapping == {"Source": "from", "Target": "to", "Weight": "strength", "Type": "kind"}


def test_preview_shows_sniffed_format_and_first_rows() -> None:
    shown = preview(DATA / "bad" / "semicolon.csv")
    assert (shown.delimiter, shown.encoding, shown.kind) == (";", "utf-8", "people")
    assert shown.headers == ["Name", "E-Mail", "Firma", "Notizen"]
    assert shown.rows[0][:2] == ["Anna Schmidt", "anna@example.de"]
    assert shown.rows[0][3] == "Trifft sich gern\r\nzum Mittagessen"
    assert len(shown.rows) == 2
    assert preview(DATA / "bad" / "cp1252.csv").encoding == "cp1252"


def test_an_explicit_mapping_is_used(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Who,Where,Score,Kind,Mail\nAda Lovelace,London,5,mentor,ada@x.org\n"
                    "Alan Turing,Manchester,9,wizard,\n", encoding="utf-8")
    mapping = {"Who": "name", "Where": "location", "Score": "quality", "Kind": "roles",
               "Mail": IGNORE}
    parsed = parse("csv", path, mapping=mapping)
    ada, alan = (d.person for d in parsed.people)
    assert (ada.location, ada.assessment.rating(AssessmentField.QUALITY)) == ("London", 5)
    assert ada.roles == {Role.MENTOR} and ada.emails == ()
    assert alan.assessment.quality is None
    said = [str(i) for i in parsed.issues]
    assert "line 3: quality '9' is not a whole number from 1 to 5; left unrated" in said
    assert "line 3: 'wizard' is not a role; left out" in said


@pytest.mark.parametrize(("mapping", "message"), [
    ({"Nope": "name"}, "no column called 'Nope'"),
    ({"Who": "shoe size"}, "'shoe size' is not a field of people"),
    ({"Who": "notes"}, "map at least one column to name"),
])
def test_a_wrong_mapping_is_refused(tmp_path: Path, mapping: dict[str, str],
                                    message: str) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Who\nAda\n", encoding="utf-8")
    with pytest.raises(ImportRefusedError, match=message):
        parse("csv", path, mapping=mapping)


def test_a_ties_file_joins_people_of_the_map_by_name_or_email(tmp_path: Path) -> None:
    network = map_with_me()
    plan(parse("csv", "bad/bom-utf8.csv"), network).edit.apply(network)
    path = tmp_path / "ties.csv"
    path.write_text("from,to,kind,strength,since,notes\n"
                    "Ada Lovelace,grace@example.org,colleague,4,12 Mar 2024,Met at the lab\n"
                    "Ada Lovelace,Nobody Here,friend,,,\n"
                    "Ada Lovelace,Grace Hopper,rival,7,someday,\n"
                    ",Grace Hopper,friend,,,\n", encoding="utf-8")
    parsed = parse("csv", path)
    assert (parsed.records, parsed.tie_records) == (0, 4)
    resolution = plan(parsed, network)
    assert (resolution.counts.ties.new, resolution.counts.ties.skipped) == (2, 2)
    resolution.edit.apply(network)
    ada, grace = by_name(network, "Ada Lovelace"), by_name(network, "Grace Hopper")
    kinds = sorted((t.kind.value, t.strength, t.notes) for t in network.ties.values())
    assert kinds == [("colleague", 4, "Met at the lab"), ("other", 3, "rival")]
    assert all({t.a, t.b} == {ada.id, grace.id} for t in network.ties.values())
    said = [str(i) for i in (*parsed.issues, *resolution.issues, *parsed.ties_skipped)]
    assert any("nobody called 'Nobody Here'" in s for s in said)
    assert any("strength '7'" in s for s in said)
    assert any("line 5: skipped: a tie needs both" in s for s in said)
    assert next(t for t in network.ties.values() if t.kind is TieKind.COLLEAGUE).since


def test_spreadsheet_apostrophes_are_taken_off() -> None:
    assert unneutralise("'=SUM(A1)") == "=SUM(A1)"
    assert unneutralise("''=x") == "'=x"
    assert unneutralise("'quoted'") == "'quoted'"
    assert unneutralise("plain") == "plain"
