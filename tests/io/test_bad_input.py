"""Every damaged file imports with per-record warnings or is refused in one clear sentence."""

from __future__ import annotations

import base64
import gzip
from pathlib import Path

import pytest

from relmap.io.errors import ImportRefusedError
from relmap.io.formats import IMPORT_FORMATS, parse_file
from tests.io.io_support import DATA, map_with_me, parse, plan

# fixture, format, people imported, records skipped, a warning or skip reason that must appear
IMPORTED = [
    ("bad/bom-utf8.csv", "csv", 2, 0, None),
    ("bad/bom-utf16le.csv", "csv", 2, 0, None),
    ("bad/bom-utf16be.csv", "csv", 2, 0, None),
    ("bad/cp1252.csv", "csv", 2, 0, None),
    ("bad/semicolon.csv", "csv", 2, 0, None),
    ("bad/unbalanced-quotes.csv", "csv", 2, 1, "unbalanced quote"),
    ("bad/ragged.csv", "csv", 3, 0, "the missing ones are taken as empty"),
    ("bad/duplicate-headers.csv", "csv", 1, 0, "appears more than once"),
    ("bad/nul-bytes.csv", "csv", 2, 0, "NUL characters removed"),
    ("bad/formula-names.csv", "csv", 3, 0, "spreadsheet formula"),
    ("bad/undeclared-node.graphml", "graphml", 2, 0, "'ghost' is not declared"),
    ("bad/missing-end.vcf", "vcard", 2, 1, "no END:VCARD"),
    ("bad/bad-base64.vcf", "vcard", 2, 1, "base64"),
    ("bad/deep-nesting.vcf", "vcard", 1, 1, "levels deep"),
]
REFUSED = [
    ("bad/empty.csv", "csv", "empty (0 bytes)"),
    ("bad/header-only.csv", "csv", "only a header row"),
    ("bad/not-text.csv", "csv", "not readable as UTF-8 or Windows-1252"),
    ("bad/image.csv", "csv", "is a PNG image, not a CSV file"),
    ("bad/image.csv", "linkedin", "is a PNG image"),
    ("bad/xlsx-renamed.csv", "csv", "is an Excel workbook (.xlsx)"),
    ("bad/xlsx-renamed.csv", "google", "is an Excel workbook (.xlsx)"),
    ("bad/xlsx-renamed.csv", "vcard", "is an Excel workbook (.xlsx)"),
    ("bad/billion-laughs.graphml", "graphml", "XML entities"),
    ("bad/external-entity.graphml", "graphml", "XML entities"),
    ("bad/external-entity.graphml", "gexf", "XML entities"),
    ("bad/not-json.json", "json", "is not JSON"),
    ("bad/not-json.json", "kumu", "is not JSON"),
    ("linkedin/Connections.csv", "google", "does not look like a Google Contacts CSV"),
    ("google/contacts.csv", "linkedin", "does not look like a LinkedIn Connections.csv"),
    ("kumu/blueprint.json", "json", "for a Kumu blueprint choose the kumu format"),
    ("vcard/apple.vcf", "graphml", "not well-formed XML"),
    ("linkedin/Connections.csv", "vcard", "no BEGIN:VCARD"),
    ("bad/header-only.csv", "no-such-format", "is not an import format"),
]


@pytest.mark.parametrize(("name", "fmt", "imported", "skipped", "message"), IMPORTED)
def test_damaged_files_import_with_warnings_and_exact_counts(
    name: str, fmt: str, imported: int, skipped: int, message: str | None
) -> None:
    parsed = parse(fmt, name)
    counts = plan(parsed, map_with_me()).counts
    assert (counts.people.imported, counts.people.skipped) == (imported, skipped)
    assert counts.records == imported + skipped
    said = [str(i) for i in (*parsed.issues, *parsed.skipped, *parsed.ties_skipped)]
    if message is not None:
        assert any(message in s for s in said), said


@pytest.mark.parametrize(("name", "fmt", "message"), REFUSED)
def test_unreadable_files_are_refused_with_a_clear_message(
    name: str, fmt: str, message: str
) -> None:
    with pytest.raises(ImportRefusedError) as refused:
        parse_file(fmt, DATA / name)
    text = str(refused.value)
    assert message in text
    assert "\n" not in text and "Traceback" not in text


def test_every_format_refuses_a_missing_file(tmp_path: Path) -> None:
    for fmt in IMPORT_FORMATS:
        with pytest.raises(ImportRefusedError, match=r"cannot read nothing\.here"):
            parse_file(fmt, tmp_path / "nothing.here")


def test_every_format_refuses_a_folder(tmp_path: Path) -> None:
    for fmt in IMPORT_FORMATS:
        with pytest.raises(ImportRefusedError, match="is a folder"):
            parse_file(fmt, tmp_path)


def test_every_format_refuses_an_image(tmp_path: Path) -> None:
    image = tmp_path / "photo.png"
    image.write_bytes((DATA / "bad" / "image.csv").read_bytes())
    for fmt in IMPORT_FORMATS:
        with pytest.raises(ImportRefusedError) as refused:
            parse_file(fmt, image)
        assert "photo.png" in str(refused.value)


def test_a_20_mb_photo_does_not_stop_the_card(tmp_path: Path) -> None:
    photo = base64.b64encode(b"\xff\xd8\xff" + bytes(20 * 1024 * 1024)).decode()
    folded = "\r\n ".join(photo[i:i + 74] for i in range(0, len(photo), 74))
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Picture\r\nEMAIL:big@picture.example\r\n"
            f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Small Picture\r\nEND:VCARD\r\n")
    path = tmp_path / "big.vcf"
    path.write_text(card)
    parsed = parse("vcard", path)
    assert [d.person.display_name for d in parsed.people] == ["Big Picture", "Small Picture"]
    assert parsed.people[0].person.emails[0].value == "big@picture.example"
    assert any("photo" in str(i) for i in parsed.issues)


def _gzip_stream(path: Path, head: bytes, filler: bytes, total: int) -> None:
    """Write a gzip file of ``total`` bytes without holding them in memory."""
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(head)
        chunk = filler * (1024 * 1024 // len(filler))
        written = len(head)
        while written < total:
            out.write(chunk)
            written += len(chunk)


def test_a_gzip_bomb_is_refused_before_it_fills_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.graphml.gz"
    head = b'<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><!--'
    _gzip_stream(path, head, b" ", 300 * 1024 * 1024)
    assert path.stat().st_size < 2 * 1024 * 1024  # small on disk, huge unpacked
    with pytest.raises(ImportRefusedError, match="expands to more than 64 MB"):
        parse_file("graphml", path)


def test_a_small_gzipped_graphml_is_read(tmp_path: Path) -> None:
    path = tmp_path / "network.graphml.gz"
    path.write_bytes(gzip.compress((DATA / "yed" / "diagram.graphml").read_bytes()))
    parsed = parse("graphml", path)
    assert {d.person.display_name for d in parsed.people} == {"Mei Tanaka", "Noah Fischer"}


def test_a_damaged_gzip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.gexf.gz"
    packed = gzip.compress(b"".join(b"<node id='%d'/>" % i for i in range(5000)))
    path.write_bytes(packed[: len(packed) // 2])
    with pytest.raises(ImportRefusedError, match="damaged gzip"):
        parse_file("gexf", path)


def test_a_zip_bomb_workbook_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            block = bytes(1024 * 1024)
            for _ in range(300):
                member.write(block)
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(ImportRefusedError, match="the limit is 64 MB"):
        parse_file("kumu", path)


def test_a_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as out:
        out.truncate(257 * 1024 * 1024)  # sparse: no disk space used
    with pytest.raises(ImportRefusedError, match="the limit is 64 MB"):
        parse_file("csv", path)


def test_overlong_values_are_cut_to_the_column_widths_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(f"name,organisation,title\r\n{'N' * 450},{'O' * 401}, {'T' * 12} \r\n")
    parsed = parse("csv", path)
    person = parsed.people[0].person
    assert (len(person.display_name), len(person.organisation)) == (400, 400)
    assert person.title == "T" * 12
    assert {i.message for i in parsed.issues} == {
        "the name is longer than 400 characters; cut",
        "the organisation is longer than 400 characters; cut",
    }


def test_a_text_file_full_of_unbalanced_quotes_does_not_hang(tmp_path: Path) -> None:
    rows = "".join(f'"Broken {i},b{i}@example.org\r\nFine {i},f{i}@example.org\r\n'
                   for i in range(2000))
    path = tmp_path / "quotes.csv"
    path.write_text("name,email\r\n" + rows)
    parsed = parse("csv", path)
    counts = plan(parsed, map_with_me()).counts
    assert counts.records == counts.people.imported + counts.people.skipped
    assert counts.people.imported >= 2000


def test_a_relmap_json_with_damaged_records(tmp_path: Path) -> None:
    import json

    person = {"display_name": "A", "created": "2024-01-01T00:00:00",
              "updated": "2024-01-01T00:00:00"}
    document = {"format": "relmap", "version": 1, "people": [
        {**person, "id": "p1", "is_me": True},
        {**person, "id": "p2", "is_me": True, "display_name": "Second Owner"},
        {**person, "id": "p3", "created": "not a time"},
        {**person, "id": "p4", "assessment": {"quality": 9}},
        "not an object",
    ], "ties": [{"id": "t1", "a": "p1", "b": "p2", "kind": "rivalry"},
                {"id": "t2", "a": "p1", "b": "p2", "kind": "friend"}],
        "goals": [{"id": "g1"}, {"id": "g2", "title": "Be known"}],
        "interactions": [{"id": "i1", "on": "2024-03-12", "kind": "call",
                          "participants": ["p1", "p3"]}],
        "exchanges": [{"id": "e1", "person": "p3", "gave": True, "kind": "gift",
                       "on": "2024-03-12"}]}
    path = tmp_path / "map.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    parsed = parse("json", path)
    assert [d.key for d in parsed.people] == ["p1", "p2"]
    assert not parsed.people[1].person.is_me
    assert len(parsed.skipped) == 3 and len(parsed.ties_skipped) == 1
    said = [str(i) for i in parsed.issues]
    assert "person p2: a map has one owner: imported as a contact" in said
    assert "goal g1: skipped: 'title'" in said
    resolution = plan(parsed, map_with_me())
    counts = resolution.counts
    assert (counts.people.imported, counts.ties.new) == (2, 1)
    assert (counts.records_new, counts.records_skipped) == (2, 1)  # the gift to p3 is not
    said = [str(i) for i in resolution.issues]
    assert "interaction i1: some participants were left out: they were not imported" in said
    assert "exchange e1: skipped: its person was not imported" in said
    network = map_with_me()
    resolution.edit.apply(network)
    (call,) = network.interactions.values()
    assert call.participants == {network.me.id}  # type: ignore[union-attr]
    again = plan(parsed, network)
    assert again.counts.records_new == 0  # the same records are not added twice


def test_a_json_from_a_newer_relmap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text('{"format": "relmap", "version": 99, "people": []}', encoding="utf-8")
    with pytest.raises(ImportRefusedError, match="written by a newer relmap"):
        parse_file("json", path)
