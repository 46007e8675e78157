"""Kumu maps: the JSON blueprint (or project export) and the Elements/Connections workbook."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from relmap.core.i18n import tr
from relmap.core.model import Role, TieKind
from relmap.io.errors import ImportRefusedError
from relmap.io.importers.column_mapping import IGNORE, suggest_people
from relmap.io.importers.drafts import Fields, make_draft, provenance
from relmap.io.importers.kumu_xlsx import Record, read_workbook
from relmap.io.options import ParseOptions
from relmap.io.pipeline.plan import Issue, ParsedFile, PersonDraft, TieDraft, name_ref
from relmap.io.sources import decode, read_bytes
from relmap.io.values import parse_rating, split_multi

LABEL = "Kumu"
_OWN = {"label", "type", "element type", "tags", "description", "id", "_id", "image"}
_KINDS = {k.value: k for k in TieKind}
_ROLES = {r.value: r for r in Role}


def parse(path: Path, options: ParseOptions | None = None) -> ParsedFile:
    """Read a Kumu JSON blueprint or a Kumu workbook (.xlsx), told apart by their content.

    Parameters
    ----------
    path
        The file. Multi-value cells are split on "|"; sheets named "(ignore)" are skipped.
    options
        Progress/cancel hooks and the import date.

    Returns
    -------
    ParsedFile
        A person per element (tags and type as spheres, a type that is a role as a role),
        a tie per connection (type as kind, direction, strength).
    """
    options = options or ParseOptions()
    data = read_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        elements, connections = read_workbook(path)
    else:
        elements, connections = _blueprint(data, path.name)
    if not elements:
        raise ImportRefusedError(tr("{name} has no elements in it").format(name=path.name))
    source = provenance(LABEL, options.today)
    people, skipped, issues = _people(elements, source, options)
    ties, ties_skipped = _ties(connections, people, source)
    return ParsedFile(LABEL, source, tuple(people), tuple(ties), (), tuple(issues),
                      tuple(skipped), tuple(ties_skipped))


def _blueprint(data: bytes, name: str) -> tuple[list[Record], list[Record]]:
    try:
        blueprint = json.loads(decode(data, name=name).text)
    except json.JSONDecodeError as exc:
        raise ImportRefusedError(
            tr("{name} is not JSON (line {lineno}: {msg})").format(
                name=name, lineno=exc.lineno, msg=exc.msg
            )
        ) from exc
    if not isinstance(blueprint, dict) or not isinstance(blueprint.get("elements"), list):
        raise ImportRefusedError(
            tr('{name} is not a Kumu blueprint: it has no "elements" list').format(name=name)
        )
    connections = blueprint.get("connections") or []
    if not isinstance(connections, list):
        raise ImportRefusedError(tr('{name}: "connections" is not a list').format(name=name))
    return (_records(blueprint["elements"], "element"),
            _records(connections, "connection"))


def _records(items: list[Any], what: str) -> list[Record]:
    records: list[Record] = []
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            records.append((f"{what} {i}", {}))
            continue
        nested = item.get("attributes")
        flat = {**{k: v for k, v in item.items() if k != "attributes"},
                **(nested if isinstance(nested, dict) else {})}
        records.append((f"{what} {i}", {str(k).casefold(): _text(v) for k, v in flat.items()}))
    return records


def _text(value: object) -> str:
    if isinstance(value, list):
        return " | ".join(_text(v) for v in value if v not in (None, ""))
    if value is None:
        return ""
    return str(value).strip()


def _people(
    elements: list[Record], source: str, options: ParseOptions
) -> tuple[list[PersonDraft], list[Issue], list[Issue]]:
    extra = [k for _, row in elements for k in row if k.casefold() not in _OWN]
    mapping = {k: v for k, v in suggest_people(sorted(set(extra))).items() if v != IGNORE}
    people: list[PersonDraft] = []
    skipped: list[Issue] = []
    issues: list[Issue] = []
    for done, (where, row) in enumerate(elements, start=1):
        options.monitor.step(done, len(elements))
        try:
            result = _element(where, _fold(row), mapping, source, issues)
        except Exception as exc:  # one bad element must not stop the file
            result = Issue(where, tr("skipped: {exc}").format(exc=exc))
        if isinstance(result, Issue):
            skipped.append(result)
        else:
            people.append(result)
    return people, skipped, issues


def _fold(row: Mapping[str, str]) -> dict[str, str]:
    return {k.casefold(): v for k, v in row.items()}


def _element(
    where: str, row: dict[str, str], mapping: Mapping[str, str], source: str,
    issues: list[Issue],
) -> PersonDraft | Issue:
    values = {field: row[col.casefold()] for col, field in mapping.items()
              if row.get(col.casefold())}
    kind = row.get("type") or row.get("element type") or ""
    fields = Fields(
        display_name=row.get("label", ""), organisation=values.get("organisation", ""),
        title=values.get("title", ""), location=values.get("location", ""),
        industry=values.get("industry", ""), url=values.get("url", ""),
        notes=row.get("description", "") or values.get("notes", ""),
        spheres=split_multi(row.get("tags", ""), "|"),
    )
    fields.add_emails(values.get("emails", "").replace("|", " "), "", where, issues)
    fields.add_phones(values.get("phones", "").replace("|", " ::: "), "")
    for k in split_multi(kind, "|"):
        if k.casefold() in _ROLES:
            fields.roles.add(_ROLES[k.casefold()])
        elif k.casefold() not in ("person", "people", "individual"):
            fields.spheres.append(k)
    key = row.get("id") or row.get("_id") or where
    return make_draft(key, where, fields, source=source, issues=issues)


def _ties(
    connections: list[Record], people: list[PersonDraft], source: str
) -> tuple[list[TieDraft], list[Issue]]:
    keys = {p.key for p in people}
    labels = Counter(p.person.display_name.casefold() for p in people)
    by_label = {p.person.display_name.casefold(): p.key for p in people
                if labels[p.person.display_name.casefold()] == 1}
    ties: list[TieDraft] = []
    skipped: list[Issue] = []
    for where, raw in connections:
        row = _fold(raw)
        a, b = row.get("from", ""), row.get("to", "")
        if not a or not b:
            skipped.append(Issue(where, tr("skipped: a connection needs 'from' and 'to'")))
            continue
        ends = [e if e in keys else by_label.get(e.casefold(), name_ref(e)) for e in (a, b)]
        ties.append(_connection(where, row, ends[0], ends[1], source))
    return ties, skipped


def _connection(where: str, row: dict[str, str], a: str, b: str, source: str) -> TieDraft:
    text = row.get("type") or row.get("connection type") or ""
    kind = _KINDS.get(text.casefold(), TieKind.OTHER)
    notes = row.get("description", "")
    if text and text.casefold() not in _KINDS:
        notes = f"{text}\n{notes}".strip()
    try:
        strength = parse_rating(row.get("strength", "") or row.get("weight", "")) or 3
    except ValueError:
        strength = 3
    directed = row.get("direction", "").casefold() == "directed"
    return TieDraft(a, b, where, kind, directed, strength, notes=notes, source=source)
