"""Hostile and broken import files: each is refused (or a record skipped) with one line that
names the cap it breaks, in a subprocess whose CPU time is limited and whose peak memory is
measured against importing a tiny file; and a seeded mutation fuzzer over the real files of
every format: no traceback, no hang."""

from __future__ import annotations

import gzip
import json
import os
import random
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from relmap.io.errors import ImportRefusedError
from relmap.io.formats import parse_file
from relmap.io.sources import MAX_FIELD_CHARS

DATA = Path(__file__).parents[1] / "data"
MB = 1024 * 1024
_PROBE = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_CPU, (60, 60))  # a hang ends here, as a failure
from relmap.io.errors import ImportRefusedError
from relmap.io.formats import parse_file
try:
    parsed = parse_file(sys.argv[1], Path(sys.argv[2]))
    outcome = "read " + " | ".join(i.message for i in (*parsed.issues, *parsed.skipped))
except ImportRefusedError as exc:
    outcome = "refused " + str(exc)
# The peak of this process alone (ru_maxrss would carry the parent's over from the fork).
status = Path("/proc/self/status").read_text()
print(int(next(l for l in status.splitlines() if l.startswith("VmHWM")).split()[1]) // 1024)
print(outcome)
"""


def _probe(fmt: str, path: Path) -> tuple[int, str]:
    """(peak memory in MB, what happened) of importing ``path`` in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", _PROBE, fmt, str(path)], capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    peak, outcome = done.stdout.split("\n", 1)
    return int(peak), outcome.strip()


@pytest.fixture(scope="module")
def baseline() -> int:
    """Peak memory of importing a small file of each kind: what the interpreter, relmap and
    the format's libraries take before a file's size counts."""
    small = [("kumu", "kumu/kumu.xlsx"), ("graphml", "gephi/network.graphml"),
             ("linkedin", "linkedin/Connections.csv"), ("vcard", "vcard/apple.vcf")]
    return max(_probe(fmt, DATA / name)[0] for fmt, name in small)


def _xlsx_with_far_cell(path: Path) -> None:
    """4 KB of workbook with one cell at XFD1048576: openpyxl would pad every row to 16,384
    columns and a million rows."""
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
             'openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/>'
             '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Label</t></is></c></row>'
             '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
             '</sheetData></worksheet>')
    with zipfile.ZipFile(DATA / "kumu" / "kumu.xlsx") as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            data = source.read(name)
            out.writestr(name, sheet if name == "xl/worksheets/sheet1.xml" else data)


def _gzip_bomb(path: Path) -> None:
    head = b'<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><!--'
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(head)
        block = b" " * MB
        for _ in range(1024):  # 1 GB unpacked
            out.write(block)


def _long_line_csv(path: Path) -> None:
    path.write_text("name,email\n" + "Ann," + "a" * (40 * MB) + "\n")


def _huge_note_vcard(path: Path) -> None:
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nNOTE:" + "n" * (30 * MB)
                    + "\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Bo Chan\nEND:VCARD\n")


def _folded_note_vcard(path: Path) -> None:
    """A 3 MB note folded over 40,000 lines: the card is skipped, the next one read."""
    folded = "\n ".join("n" * 74 for _ in range(40_000))
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nNOTE:" + folded
                    + "\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Bo Chan\nEND:VCARD\n")


def _huge_description_kumu(path: Path) -> None:
    path.write_text(json.dumps({"elements": [
        {"_id": "a", "attributes": {"label": "Ann Lee", "description": "d" * (20 * MB)}},
        {"_id": "b", "attributes": {"label": "Bo Chan"}}]}))


def _many_columns_csv(path: Path) -> None:
    path.write_text(",".join("c" * 120_000) + "\n" + ",".join("v" * 120_000) + "\n")


HOSTILE: dict[str, tuple[str, str, Callable[[Path], None], str]] = {
    "a cell at XFD1048576": ("kumu", "far.xlsx", _xlsx_with_far_cell, "refused"),
    "a 1 GB gzip bomb": ("graphml", "bomb.graphml.gz", _gzip_bomb, "refused"),
    "a 40 MB line": ("linkedin", "Connections.csv", _long_line_csv, "refused"),
    "a 30 MB note": ("vcard", "note.vcf", _huge_note_vcard, "refused"),
    "a 3 MB folded note": ("vcard", "folded.vcf", _folded_note_vcard, "read"),
    "a 20 MB description": ("kumu", "kumu.json", _huge_description_kumu, "read"),
    "120,000 columns": ("csv", "wide.csv", _many_columns_csv, "refused"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_file_is_stopped_at_its_cap_in_little_memory(
    case: str, tmp_path: Path, baseline: int
) -> None:
    fmt, name, make, expected = HOSTILE[case]
    path = tmp_path / name
    make(path)
    peak, outcome = _probe(fmt, path)
    assert outcome.startswith(expected), outcome
    assert "the limit is" in outcome, outcome  # the message names the cap
    assert "\n" not in outcome
    assert peak - baseline < 100, (peak, baseline)


def test_an_unknown_xml_encoding_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "enc.graphml"
    path.write_text('<?xml version="1.0" encoding="x-unknown"?><graphml xmlns="http://'
                    'graphml.graphdrawing.org/xmlns"><graph><node id="a"/></graph></graphml>')
    with pytest.raises(ImportRefusedError, match="text encoding relmap cannot read") as caught:
        parse_file("graphml", path)
    assert "\n" not in str(caught.value)


def test_a_workbook_whose_sheet_is_broken_is_refused_from_the_command_line(
    tmp_path: Path
) -> None:
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(DATA / "kumu" / "kumu.xlsx") as source, \
            zipfile.ZipFile(path, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            out.writestr(name, data[: len(data) // 2] if name.endswith("sheet1.xml") else data)
    done = subprocess.run([sys.executable, "-m", "relmap", "import", "kumu", str(path), "--db",
                           str(tmp_path / "map.db"), "--dry-run"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "is damaged" in done.stderr, done.stderr


def test_a_kumu_id_used_twice_keeps_both_people_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    path.write_text(json.dumps({"elements": [
        {"_id": "e1", "attributes": {"label": "Ann Lee"}},
        {"_id": "e1", "attributes": {"label": "Bo Chan"}},
        {"_id": "e2", "attributes": {"label": "Cy Dunn"}}],
        "connections": [{"from": "e1", "to": "e2"}]}))
    parsed = parse_file("kumu", path)
    assert [p.person.display_name for p in parsed.people] == ["Ann Lee", "Bo Chan", "Cy Dunn"]
    assert len({p.key for p in parsed.people}) == 3 and parsed.records == 3
    assert any("'e1' was used before" in i.message for i in parsed.issues)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_a_graph_with_a_node_id_used_twice_is_refused(fmt: str, tmp_path: Path) -> None:
    source = DATA / "gephi" / f"network.{fmt}"
    text = source.read_text()
    first = text.index("<node ")
    end = text.index("</node>", first) + len("</node>") if "</node>" in text[first:] else \
        text.index("/>", first) + 2
    path = tmp_path / source.name
    path.write_text(text[:end] + text[first:end] + text[end:])  # the first node again
    with pytest.raises(ImportRefusedError, match="more than once"):
        parse_file(fmt, path)


def test_quoted_printable_soft_breaks_are_joined(tmp_path: Path) -> None:
    note = "Met at the café, again; " * 25_000  # 600 KB over 8,000 soft line breaks
    encoded = "".join(f"={b:02X}" if b > 127 or b == ord("=") else chr(b)
                      for b in note.encode())
    body = "=\r\n".join(encoded[i:i + 72] for i in range(0, len(encoded), 72))
    path = tmp_path / "qp.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann Lee\r\nNOTE;ENCODING=QUOTED-"
                    f"PRINTABLE;CHARSET=UTF-8:{body}\r\nEND:VCARD\r\n")
    assert len(note.encode()) < MAX_FIELD_CHARS
    (person,) = parse_file("vcard", path).people
    assert person.person.notes == note.strip()


def test_a_map_export_is_private(tmp_path: Path, demo_db: Path) -> None:
    old = os.umask(0o022)
    try:
        done = subprocess.run([sys.executable, "-m", "relmap", "export", "png",
                               str(tmp_path / "map.png"), "--db", str(demo_db)],
                              capture_output=True, text=True, timeout=300, check=False)
    finally:
        os.umask(old)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE((tmp_path / "map.png").stat().st_mode) == 0o600


FUZZ_FILES = [("linkedin", "linkedin/Connections.csv"), ("google", "google/contacts.csv"),
              ("outlook", "outlook/outlook-com.csv"), ("vcard", "vcard/apple.vcf"),
              ("vcard", "vcard/android-21.vcf"), ("vcard", "vcard/v4.vcf"),
              ("kumu", "kumu/blueprint.json"), ("kumu", "kumu/kumu.xlsx"),
              ("gexf", "gephi/network.gexf"), ("graphml", "gephi/network.graphml"),
              ("graphml", "yed/diagram.graphml"), ("graphml", "cytoscape/network.graphml"),
              ("kumu", "kumu/project-export.json")]
_INSERTS = (b"<", b">", b'"', b"\n", b"\r", b"=", b"&", b"\x00", b"\xff", b"BEGIN:VCARD\n",
            b'<node id="n0"/>', b'{"a":', b"]", b"}", b",", b";", b"=\r\n")


def mutate(data: bytes, rng: random.Random) -> bytes:
    """A few random edits: bytes changed, cut, inserted, copied, the end cut off."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if not b:
            b += b"x"
        i, op = rng.randrange(len(b)), rng.randrange(6)
        if op == 0:
            b[i] = rng.randrange(256)
        elif op == 1:
            del b[i:i + rng.randint(1, 64)]
        elif op == 2:
            b[i:i] = rng.randbytes(rng.randint(1, 16))
        elif op == 3:
            j = rng.randrange(len(b))
            b[i:i] = b[j:j + rng.randint(1, 256)]
        elif op == 4:
            del b[i:]
        else:
            b[i:i] = rng.choice(_INSERTS) * rng.randint(1, 50)
    return bytes(b)


@pytest.mark.filterwarnings("ignore:No key type for id:UserWarning")  # networkx, on damage
@pytest.mark.parametrize(("fmt", "name"), FUZZ_FILES)
def test_mutated_files_are_read_or_refused_never_crash(
    fmt: str, name: str, tmp_path: Path
) -> None:
    """RELMAP_FUZZ_CASES sets the cases per file (300 by default; more on demand)."""
    source = DATA / name
    rng = random.Random(f"{fmt}:{name}")
    case = tmp_path / source.name
    for _ in range(int(os.environ.get("RELMAP_FUZZ_CASES", "300"))):
        case.write_bytes(mutate(source.read_bytes(), rng))
        try:
            parsed = parse_file(fmt, case)
        except ImportRefusedError as exc:
            assert "\n" not in str(exc) and "Error:" not in str(exc), str(exc)
        else:
            assert parsed.records == len(parsed.people) + len(parsed.skipped)
