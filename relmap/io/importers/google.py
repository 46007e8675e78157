"""Google Contacts CSV, the current and the legacy layout: labels become spheres."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from relmap.core.i18n import tr
from relmap.core.model import TieKind
from relmap.io.importers.contact_rows import MULTI, RowResult, clean_label, numbered, read_rows
from relmap.io.importers.drafts import Fields, make_draft, provenance
from relmap.io.importers.table import Row, Table, read_table
from relmap.io.options import ParseOptions
from relmap.io.pipeline.plan import Issue, ParsedFile, TieDraft, name_ref
from relmap.io.values import profile_key, split_multi

LABEL = "Google Contacts"
_FAMILY = {"spouse", "partner", "domestic partner", "child", "son", "daughter", "mother",
           "father", "parent", "brother", "sister", "sibling", "relative"}
# relation label -> (kind, directed, the named person is the tie's first end)
_RELATIONS: dict[str, tuple[TieKind, bool, bool]] = {
    "manager": (TieKind.REPORTS_TO, True, False),
    "assistant": (TieKind.REPORTS_TO, True, True),
    "friend": (TieKind.FRIEND, False, False),
    "referred by": (TieKind.INTRODUCED, True, True),
    **{label: (TieKind.FAMILY, False, False) for label in _FAMILY},
}


def is_header(cells: list[str]) -> bool:
    return bool(cells) and cells[0] in ("First Name", "Name") and (
        "Labels" in cells or "Group Membership" in cells or "E-mail 1 - Value" in cells
    )


def parse(path: Path, options: ParseOptions | None = None) -> ParsedFile:
    """Read a Google Contacts export ("Google CSV"), current or legacy layout.

    Parameters
    ----------
    path
        The file. The layout is told by the first column: "First Name" (current) or "Name"
        (legacy, before 2023); columns are then read by name.
    options
        Progress/cancel hooks and the import date.

    Returns
    -------
    ParsedFile
        One person per row; labels (not system ones like "* myContacts") become spheres,
        "Relation N" columns become ties to the people they name.
    """
    options = options or ParseOptions()
    table = read_table(
        path, expected=tr("a Google Contacts CSV"), header=is_header, search_lines=3
    )
    legacy = table.headers[0] == "Name"
    source = provenance(LABEL, options.today)
    return read_rows(table, label=LABEL, source=source, options=options, path=path,
                     read=partial(_row, legacy=legacy))


def _row(
    table: Table, row: Row, source: str, issues: list[Issue], *, legacy: bool
) -> RowResult:
    get = table.get
    kind = "Type" if legacy else "Label"
    org = "Organization 1 - " if legacy else "Organization "
    fields = Fields(
        display_name=get(row, "Name") if legacy else "",
        given_name=" ".join(filter(None, (get(row, "Given Name" if legacy else "First Name"),
                                          get(row, "Additional Name" if legacy
                                              else "Middle Name")))),
        family_name=get(row, "Family Name" if legacy else "Last Name"),
        organisation=get(row, f"{org}Name"), title=get(row, f"{org}Title"),
        notes=get(row, "Notes"), location=_location(table, row, kind),
        spheres=_labels(get(row, "Group Membership" if legacy else "Labels")),
    )
    for n in numbered(table, "E-mail {} - Value"):
        label = clean_label(get(row, f"E-mail {n} - {kind}"))
        for value in split_multi(get(row, f"E-mail {n} - Value"), MULTI):
            fields.add_emails(value, label, row.where, issues)
    for n in numbered(table, "Phone {} - Value"):
        label = clean_label(get(row, f"Phone {n} - {kind}"))
        fields.add_phones(get(row, f"Phone {n} - Value"), label)
    fields.url = _website(table, row)
    draft = make_draft(row.where, row.where, fields, source=source, issues=issues)
    if isinstance(draft, Issue):
        return draft
    return draft, _relations(table, row, draft.key, kind, source)


def _labels(cell: str) -> list[str]:
    """User labels; system ones ("* myContacts", "* starred", "System Group: ...") dropped."""
    return [label for label in split_multi(cell, MULTI)
            if not label.startswith("*") and not label.startswith("System Group")]


def _location(table: Table, row: Row, kind: str) -> str:
    city = table.get(row, "Address 1 - City").strip()
    country = table.get(row, "Address 1 - Country").strip()
    if city or country:
        return ", ".join(p for p in (city, country) if p)
    formatted = table.get(row, "Address 1 - Formatted").split(MULTI)[0]
    return ", ".join(line.strip() for line in formatted.splitlines() if line.strip())


def _website(table: Table, row: Row) -> str:
    sites = [s for n in numbered(table, "Website {} - Value")
             for s in split_multi(table.get(row, f"Website {n} - Value"), MULTI)]
    linkedin = [s for s in sites if profile_key(s).startswith("linkedin.com/")]
    return (linkedin or sites or [""])[0]


def _relations(table: Table, row: Row, key: str, kind: str, source: str) -> list[TieDraft]:
    ties = []
    for n in numbered(table, "Relation {} - Value"):
        label = clean_label(table.get(row, f"Relation {n} - {kind}"))
        tie_kind, directed, named_first = _RELATIONS.get(
            label.casefold(), (TieKind.OTHER, False, False)
        )
        notes = "" if label.casefold() in _RELATIONS else label
        for name in split_multi(table.get(row, f"Relation {n} - Value"), MULTI):
            a, b = (name_ref(name), key) if named_first else (key, name_ref(name))
            ties.append(TieDraft(a, b, row.where, tie_kind, directed, notes=notes,
                                 source=source))
    return ties
