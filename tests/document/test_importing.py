"""The import sequence shared by the command line and the dialog: match, decide, store."""

from __future__ import annotations

from pathlib import Path

from relmap.core.edits import UpdatePerson
from relmap.document.document import Document
from relmap.document.importing import PendingImport
from relmap.io.formats import parse_file
from relmap.io.options import ParseOptions
from relmap.store.backup import newest_valid_backup
from tests.io.io_support import DATA


def test_an_import_is_backed_up_one_step_and_matched_again_after_a_change(
    tmp_path: Path,
) -> None:
    doc = Document.open(tmp_path / "map.db")
    parsed = parse_file("linkedin", DATA / "linkedin" / "Connections.csv", ParseOptions())
    pending = PendingImport.match(parsed, doc.network)
    new = pending.resolution.counts.people.new
    assert new == 7 and pending.outcome.startswith("LinkedIn imported: 8 people in the file")
    doc.push_import(pending.resolution.edit, "Import LinkedIn")
    assert len(doc.network.people) == 1 + new and doc.undo_stack.undoText() == "Import LinkedIn"
    assert newest_valid_backup(tmp_path / "map.db") is not None  # taken before the import
    doc.undo_stack.undo()
    pending.decide(doc.network)  # the map changed: matched again, same result
    assert pending.resolution.counts.people.new == new
    doc.push_import(pending.resolution.edit, "Import LinkedIn")
    me = doc.network.me
    assert me is not None
    doc.push(UpdatePerson(me.id, {"title": "Chair"}), "Edit")
    again = PendingImport.match(parsed, doc.network)  # now everyone is known
    assert again.resolution.counts.people.new == 0
    doc.close()
