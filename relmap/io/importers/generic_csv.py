"""Any CSV of people, of ties or of interactions (meetings, calls…), read through a column
mapping (suggested from the headers)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from relmap.core.i18n import tr
from relmap.core.ids import InteractionId
from relmap.core.model import (
    Assessment,
    AssessmentField,
    ContactPoint,
    Interaction,
    InteractionKind,
    Person,
    Role,
    TieKind,
)
from relmap.io.errors import ImportRefusedError
from relmap.io.importers.column_mapping import FIELDS_OF, IGNORE, mapping_kind
from relmap.io.importers.column_mapping import suggest_mapping as suggest_mapping
from relmap.io.importers.drafts import Fields, make_draft, provenance
from relmap.io.importers.table import Row, Table, read_table
from relmap.io.options import ParseOptions
from relmap.io.pipeline.plan import (
    Issue,
    ParsedFile,
    PersonDraft,
    RecordDraft,
    TieDraft,
    name_ref,
)
from relmap.io.values import parse_bool, parse_date, parse_rating

LABEL = "CSV"
PREVIEW_ROWS = 10
_NEUTRALISED = re.compile(r"^'+[=+\-@\t\r]")
_KINDS = {k.value: k for k in TieKind} | {"reports to": TieKind.REPORTS_TO,
                                          "mentor": TieKind.MENTOR_OF, "client of": TieKind.CLIENT}
_CONTACT_KINDS = {k.value: k for k in InteractionKind} | {
    "video call": InteractionKind.VIDEO, "zoom": InteractionKind.VIDEO,
    "teams": InteractionKind.VIDEO, "phone": InteractionKind.CALL,
    "phone call": InteractionKind.CALL, "lunch": InteractionKind.MEAL,
    "dinner": InteractionKind.MEAL, "breakfast": InteractionKind.MEAL,
    "coffee": InteractionKind.MEETING, "in person": InteractionKind.MEETING,
    "conference": InteractionKind.EVENT, "intro": InteractionKind.INTRODUCTION,
    "text": InteractionKind.MESSAGE, "chat": InteractionKind.MESSAGE,
    "e mail": InteractionKind.EMAIL, "mail": InteractionKind.EMAIL,
}


@dataclass(frozen=True)
class CsvPreview:
    """What the mapping step shows: headers, the first rows, the sniffed format, a guess."""

    headers: list[str]
    rows: list[list[str]]
    delimiter: str
    encoding: str
    kind: str
    mapping: dict[str, str]
    issues: list[Issue]


def preview(path: Path, rows: int = PREVIEW_ROWS) -> CsvPreview:
    """Read the header and first ``rows`` rows and suggest a mapping (raises ImportRefusedError)."""
    table = read_table(path)
    kind, mapping = suggest_mapping(table.headers)
    return CsvPreview(table.headers, [r.cells for r in table.rows[:rows]], table.delimiter,
                      table.encoding, kind, mapping, table.issues[:rows])


def unneutralise(text: str) -> str:
    """Undo the apostrophe a spreadsheet-safe export puts before "=", "+", "-", "@"..."""
    return text[1:] if _NEUTRALISED.match(text) else text


def parse(path: Path, options: ParseOptions | None = None) -> ParsedFile:
    """Read a CSV of people or ties with ``options.mapping`` (column -> field).

    Parameters
    ----------
    path
        The file (any delimiter of , ; tab |, any supported encoding).
    options
        The mapping (None: the suggestion), progress/cancel hooks and the import date.

    Returns
    -------
    ParsedFile
        People (people mapping) or ties between people named by name or email (ties
        mapping, with "from" and "to" columns).
    """
    options = options or ParseOptions()
    table = read_table(path)
    mapping = dict(options.mapping) if options.mapping is not None \
        else suggest_mapping(table.headers)[1]
    kind = mapping_kind(mapping)
    _check_mapping(mapping, table, kind)
    if not table.rows:
        raise ImportRefusedError(
            tr("{name} has no rows in it (only a header row)").format(name=path.name)
        )
    return _read(table, mapping, kind, provenance(LABEL, options.today), options)


def _read(
    table: Table, mapping: Mapping[str, str], kind: str, source: str, options: ParseOptions
) -> ParsedFile:
    issues, skipped = list(table.issues), list(table.skipped)
    people: list[PersonDraft] = []
    ties: list[TieDraft] = []
    log: list[RecordDraft] = []
    for done, row in enumerate(table.rows, start=1):
        options.monitor.step(done, len(table.rows))
        values = _values(table, row, mapping)
        try:
            if kind == "interactions":
                log.append(_interaction(values, row))
                continue
            elif kind == "ties":
                ties.append(_tie(values, row, source, issues))
            elif isinstance(result := _person(values, row, source, issues), Issue):
                skipped.append(result)
            else:
                people.append(result)
        except Exception as exc:  # one bad row must not stop the file
            skipped.append(Issue(row.where, tr("skipped: {exc}").format(exc=exc)))
    if kind == "interactions":
        return ParsedFile(LABEL, source, issues=tuple(issues), log=tuple(log),
                          log_skipped=tuple(skipped))
    if kind == "ties":
        return ParsedFile(LABEL, source, (), tuple(ties), (), tuple(issues), (), tuple(skipped))
    return ParsedFile(LABEL, source, tuple(people), (), (), tuple(issues), tuple(skipped))


def _check_mapping(mapping: Mapping[str, str], table: Table, kind: str) -> None:
    allowed = set(FIELDS_OF[kind]) | {IGNORE}
    unknown = sorted(set(mapping) - set(table.headers))
    if unknown:
        raise ImportRefusedError(
            tr("the file has no column called '{unknown}'").format(unknown=unknown[0])
        )
    wrong = sorted(set(mapping.values()) - allowed)
    if wrong:
        raise ImportRefusedError(
            tr("'{wrong}' is not a field of {kind} (choose from {fields})").format(
                wrong=wrong[0], kind=kind, fields=", ".join(sorted(allowed - {IGNORE}))
            )
        )
    needed = {"name", "given name", "family name", "organisation", "emails"}
    if kind == "people" and not needed & set(mapping.values()):
        raise ImportRefusedError(
            tr("map at least one column to name, given name, family name, organisation or emails")
        )


def _interaction(values: dict[str, list[str]], row: Row) -> RecordDraft:
    """One contact: when, with whom (names or emails, several separated by ; , or |), what
    kind (meeting when blank), about what, how it went."""
    on = parse_date(_first(values, "date"))
    if on is None:
        raise ValueError(tr("it has no date"))
    people = [p for cell in values.get("with", []) for p in _split_list(cell)]
    if not people:
        raise ValueError(tr("it names nobody it was with"))
    kind = " ".join(re.sub(r"[^a-z]+", " ", _first(values, "kind").casefold()).split())
    if kind and kind not in _CONTACT_KINDS:
        raise ValueError(
            tr("'{_first}' is not a kind of contact (choose from {join})").format(
                _first=_first(values, "kind"), join=", ".join(k.value for k in InteractionKind)
            )
        )
    record = Interaction(InteractionId(0), on, _CONTACT_KINDS.get(kind, InteractionKind.MEETING),
                         " ".join(values.get("summary", [])).strip(),
                         parse_rating(_first(values, "quality"), what="quality"))
    return RecordDraft(record, row.where, tuple(name_ref(p) for p in people))


def _values(table: Table, row: Row, mapping: Mapping[str, str]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for header, field in mapping.items():
        if field != IGNORE:
            cell = unneutralise(table.get(row, header))
            if cell.strip():
                values.setdefault(field, []).append(cell)
    return values


def _first(values: dict[str, list[str]], field: str) -> str:
    return values.get(field, [""])[0]


def _person(
    values: dict[str, list[str]], row: Row, source: str, issues: list[Issue]
) -> PersonDraft | Issue:
    fields = Fields(
        display_name=_first(values, "name"), given_name=_first(values, "given name"),
        family_name=_first(values, "family name"), organisation=_first(values, "organisation"),
        title=_first(values, "title"), location=_first(values, "location"),
        industry=_first(values, "industry"), url=_first(values, "url"),
        notes="\n".join(values.get("notes", [])), how_we_met=_first(values, "how we met"),
        spheres=[s for cell in values.get("spheres", []) for s in _split_list(cell)],
    )
    for cell in values.get("emails", []):
        fields.add_emails(cell, "", row.where, issues)
    for cell in values.get("phones", []):
        fields.phones += [p for p in _phones(cell)]
    fields.roles = _roles(values, row, issues)
    draft = make_draft(row.where, row.where, fields, source=source, issues=issues)
    if isinstance(draft, Issue):
        return draft
    return replace(draft, person=_extras(draft, values, row, issues))


def _split_list(cell: str) -> list[str]:
    """"a | b", "a; b" or "a, b": the first of these separators found splits the cell."""
    for separator in ("|", ";", ","):
        if separator in cell:
            return [p.strip() for p in cell.split(separator) if p.strip()]
    return [cell.strip()] if cell.strip() else []


def _phones(cell: str) -> list[ContactPoint]:
    return [ContactPoint(p) for p in _split_list(cell.replace(" ::: ", ";"))]


def _roles(values: dict[str, list[str]], row: Row, issues: list[Issue]) -> set[Role]:
    roles: set[Role] = set()
    for cell in values.get("roles", []):
        for word in _split_list(cell):
            try:
                roles.add(Role(word.casefold()))
            except ValueError:
                issues.append(
                    Issue(row.where, tr("'{word}' is not a role; left out").format(word=word))
                )
    return roles


def _extras(
    draft: PersonDraft, values: dict[str, list[str]], row: Row, issues: list[Issue]
) -> Person:
    person = draft.person
    changes: dict[str, object] = {}
    for field, convert in (("internal", parse_bool), ("cadence days", _cadence),
                           ("x", float), ("y", float)):
        if field in values:
            try:
                changes[field.replace(" ", "_")] = convert(_first(values, field))
            except ValueError as exc:
                issues.append(
                    Issue(row.where, tr("{field}: {exc}; left out").format(field=field, exc=exc))
                )
    ratings: dict[str, object] = {}
    for which in AssessmentField:
        text = _first(values, which.value.replace("_", " "))
        try:
            ratings[which.value] = parse_rating(text, what=which.value.replace("_", " "))
        except ValueError as exc:
            issues.append(Issue(row.where, tr("{exc}; left unrated").format(exc=exc)))
    changes["assessment"] = Assessment(**ratings)  # type: ignore[arg-type]
    return replace(person, **changes)  # type: ignore[arg-type]


def _cadence(text: str) -> int:
    days = int(float(text))
    if days <= 0:
        raise ValueError(tr("the cadence must be a positive number of days"))
    return days


def _tie(values: dict[str, list[str]], row: Row, source: str, issues: list[Issue]) -> TieDraft:
    a, b = _first(values, "from").strip(), _first(values, "to").strip()
    if not a or not b:
        raise ValueError(tr("a tie needs both a 'from' and a 'to' person"))
    text = _first(values, "kind").strip()
    kind = _KINDS.get(text.casefold(), TieKind.OTHER)
    notes = "\n".join(values.get("notes", []))
    if text and text.casefold() not in _KINDS:
        notes = f"{text}\n{notes}".strip()
    strength = 3
    try:
        strength = parse_rating(_first(values, "strength"), what="strength") or 3
    except ValueError as exc:
        issues.append(Issue(row.where, tr("{exc}; taken as 3").format(exc=exc)))
    directed = _first(values, "directed").strip().casefold() in {"1", "yes", "true", "directed",
                                                                 "y", "x"}
    since = None
    try:
        since = parse_date(_first(values, "since"))
    except ValueError as exc:
        issues.append(Issue(row.where, tr("{exc}; imported without a date").format(exc=exc)))
    return TieDraft(name_ref(a), name_ref(b), row.where, kind, directed, strength, since,
                    notes, source)
