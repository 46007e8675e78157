"""Outlook CSV: the 61-column Outlook.com layout and the classic quoted desktop layout."""

from __future__ import annotations

from pathlib import Path

from relmap.core.i18n import tr
from relmap.core.model import TieKind
from relmap.io.importers.contact_rows import RowResult, read_rows
from relmap.io.importers.drafts import Fields, make_draft, provenance
from relmap.io.importers.table import Row, Table, read_table
from relmap.io.options import ParseOptions
from relmap.io.pipeline.plan import Issue, ParsedFile, TieDraft, name_ref
from relmap.io.values import split_multi

LABEL = "Outlook"
_PHONES = (("Mobile Phone", "mobile"), ("Business Phone", "work"), ("Business Phone 2", "work"),
           ("Primary Phone", ""), ("Home Phone", "home"), ("Home Phone 2", "home"),
           ("Company Main Phone", "work"), ("Other Phone", "other"))
# column -> (kind, directed, the named person is the tie's first end)
_RELATIONS = (("Manager's Name", TieKind.REPORTS_TO, True, False),
              ("Assistant's Name", TieKind.REPORTS_TO, True, True),
              ("Spouse", TieKind.FAMILY, False, False),
              ("Referred By", TieKind.INTRODUCED, True, True))


def is_header(cells: list[str]) -> bool:
    folded = {c.casefold() for c in cells}
    return {"first name", "last name", "e-mail address"} <= folded


def parse(path: Path, options: ParseOptions | None = None) -> ParsedFile:
    """Read an Outlook contacts CSV (either layout; columns are read by name).

    Parameters
    ----------
    path
        The file.
    options
        Progress/cancel hooks and the import date.

    Returns
    -------
    ParsedFile
        One person per row; Categories become spheres; manager, assistant, spouse and
        "referred by" become ties to the people they name.
    """
    options = options or ParseOptions()
    table = read_table(
        path, expected=tr("an Outlook contacts CSV"), header=is_header, search_lines=3
    )
    source = provenance(LABEL, options.today)
    return read_rows(table, label=LABEL, source=source, options=options, path=path, read=_row)


def _row(table: Table, row: Row, source: str, issues: list[Issue]) -> RowResult:
    get = table.get
    fields = Fields(
        given_name=" ".join(filter(None, (get(row, "First Name").strip(),
                                          get(row, "Middle Name").strip()))),
        family_name=get(row, "Last Name"), organisation=get(row, "Company"),
        title=get(row, "Job Title"), notes=get(row, "Notes"), location=_location(table, row),
        url=get(row, "Web Page").strip() or get(row, "Personal Web Page").strip(),
        spheres=split_multi(get(row, "Categories"), ";"),
    )
    for column in ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address"):
        fields.add_emails(get(row, column), "", row.where, issues)
    for column, label in _PHONES:
        fields.add_phones(get(row, column), label)
    draft = make_draft(row.where, row.where, fields, source=source, issues=issues)
    if isinstance(draft, Issue):
        return draft
    ties = []
    for column, kind, directed, named_first in _RELATIONS:
        name = get(row, column).strip()
        if name:
            ends = (name_ref(name), draft.key) if named_first else (draft.key, name_ref(name))
            ties.append(TieDraft(*ends, row.where, kind, directed, source=source))
    return draft, ties


def _location(table: Table, row: Row) -> str:
    for prefix in ("Business", "Home", "Other"):
        parts = [table.get(row, f"{prefix} {part}").strip() for part in ("City",
                                                                         "Country/Region")]
        if any(parts):
            return ", ".join(p for p in parts if p)
    return table.get(row, "Location").strip()
