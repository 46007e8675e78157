"""Telling a file's import format from its name and how it starts, as a user's exports are."""

from __future__ import annotations

from pathlib import Path

import pytest

from relmap.io.export import write
from relmap.io.formats import IMPORT_FORMATS, guess_format
from tests.io.io_support import DATA, map_with_me


@pytest.mark.parametrize(("name", "fmt"), [
    ("linkedin/Connections.csv", "linkedin"),  # notes above the header
    ("linkedin/Connections-2018.csv", "linkedin"),  # no URL column
    ("google/contacts.csv", "google"),
    ("google/contacts-legacy.csv", "google"),
    ("outlook/outlook-classic.csv", "outlook"),
    ("outlook/outlook-com.csv", "outlook"),  # a byte-order mark; also has LinkedIn's columns
    ("vcard/apple.vcf", "vcard"),
    ("kumu/blueprint.json", "kumu"),
    ("kumu/project-export.json", "kumu"),
    ("kumu/kumu.xlsx", "kumu"),
    ("gephi/network.gexf", "gexf"),
    ("gephi/network.graphml", "graphml"),
    ("yed/diagram.graphml", "graphml"),
    ("bad/semicolon.csv", "csv"),  # any other table: mapped by hand
    ("bad/bom-utf16le.csv", "csv"),
    ("bad/image.csv", "csv"),  # refused when read, as a CSV file
])
def test_an_export_is_told_by_its_name_and_its_start(name: str, fmt: str) -> None:
    assert guess_format(DATA / name) == fmt


def test_a_relmap_export_is_told_from_kumu(tmp_path: Path) -> None:
    write("json", map_with_me(), tmp_path / "map.json")
    assert guess_format(tmp_path / "map.json") == "json"


def test_a_header_past_what_is_read_to_tell_is_not_found(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    path.write_text("note\n" * 30 + header, encoding="utf-8")
    assert guess_format(path) == "csv"
    path.write_text("note\n" * 3 + header + "Ada,Lovelace,,,Engines,Analyst,1 Jan 2020\n" * 9_000,
                    encoding="utf-8")
    assert guess_format(path) == "linkedin"  # longer than what is read of it


@pytest.mark.parametrize("name", ["notes.md", "missing.csv", "missing.json"])
def test_a_file_no_format_reads_or_that_cannot_be_read_is_not_told(
    tmp_path: Path, name: str
) -> None:
    (tmp_path / "notes.md").write_text("# notes\n", encoding="utf-8")
    assert guess_format(tmp_path / name) is None


def test_every_format_can_be_told() -> None:
    told = {guess_format(p) for p in DATA.rglob("*") if p.is_file()}
    assert told - {None} == set(IMPORT_FORMATS) - {"json"}  # a relmap export: above
