"""The full relmap JSON export read back: every field kept, ids reused when they are free."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from relmap.core.errors import ValidationError
from relmap.core.i18n import tr, tr_later
from relmap.core.ids import PersonId
from relmap.core.model import (
    Assessment,
    AssessmentChange,
    AssessmentField,
    ContactPoint,
    Person,
    Role,
    TieKind,
    check_rating,
)
from relmap.io.errors import ImportRefusedError
from relmap.io.exporters.json_export import FORMAT, VERSION
from relmap.io.options import ParseOptions
from relmap.io.pipeline.log_records import read_records
from relmap.io.pipeline.plan import Issue, ParsedFile, PersonDraft, SphereDraft, TieDraft
from relmap.io.sources import decode, read_bytes, refuse_binary
from relmap.io.values import optional_int

LABEL = "relmap JSON"
_ID = re.compile(r"^[a-z](\d{1,15})$")
_BAD = (ValueError, TypeError, KeyError, AttributeError)
_TEXT = ("display_name", "given_name", "family_name", "organisation", "title", "location",
         "industry", "url", "notes", "how_we_met", "source")

HISTORY_RATING = tr_later("a rating in the history")


def parse(path: Path, options: ParseOptions | None = None) -> ParsedFile:
    """Read a relmap JSON export; importing it into an empty map reproduces the map exactly.

    Parameters
    ----------
    path
        The file written by ``relmap export json``.
    options
        Progress/cancel hooks.

    Returns
    -------
    ParsedFile
        Authoritative drafts (they keep their own provenance, timestamps, positions and
        ratings) that prefer their original ids; the file's owner maps onto the map's.
    """
    options = options or ParseOptions()
    document = _load(path)
    spheres, names = _spheres(document.get("spheres") or [])
    people: list[PersonDraft] = []
    skipped: list[Issue] = []
    items = _list(document, "people")
    issues: list[Issue] = []
    for done, item in enumerate(items, start=1):
        options.monitor.step(done, len(items))
        where = tr("person {value}").format(
            value=item.get("id", done) if isinstance(item, dict) else done
        )
        try:
            draft = _person(item, where, names)
        except (*_BAD, ValidationError) as exc:
            skipped.append(Issue(where, tr("skipped: {exc}").format(exc=exc)))
            continue
        if draft.person.is_me and any(p.person.is_me for p in people):
            draft = replace(draft, person=replace(draft.person, is_me=False))
            issues.append(Issue(where, tr("a map has one owner: imported as a contact")))
        people.append(draft)
    ties, ties_skipped = _ties(_list(document, "ties"))
    log, log_skipped = read_records(document, names)
    history, history_skipped = _history(_list(document, "history"))
    return ParsedFile(LABEL, f"{LABEL}, {document.get('exported', '')}", tuple(people),
                      tuple(ties), tuple(spheres), (*issues, *log_skipped, *history_skipped),
                      tuple(skipped), tuple(ties_skipped), tuple(log), history=tuple(history))


def _load(path: Path) -> dict[str, Any]:
    data = read_bytes(path)
    refuse_binary(data, name=path.name, expected=tr("a relmap JSON export"))
    try:
        document = json.loads(decode(data, name=path.name).text)
    except json.JSONDecodeError as exc:
        raise ImportRefusedError(
            tr("{name} is not JSON (line {lineno}: {msg})").format(
                name=path.name, lineno=exc.lineno, msg=exc.msg
            )
        ) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        hint = (
            tr(" (for a Kumu blueprint choose the kumu format)")
            if isinstance(document, dict) and "elements" in document
            else ""
        )
        raise ImportRefusedError(
            tr("{name} is not a relmap JSON export{hint}").format(name=path.name, hint=hint)
        )
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise ImportRefusedError(
            tr(
                "{name} was written by a newer relmap (format version "
                "{version}); update relmap to import it"
            ).format(name=path.name, version=version)
        )
    return document


def _list(document: dict[str, Any], key: str) -> list[Any]:
    value = document.get(key) or []
    if not isinstance(value, list):
        raise ImportRefusedError(tr('the export\'s "{key}" is not a list').format(key=key))
    return value


def _number(key: str) -> int | None:
    match = _ID.match(key)
    return int(match[1]) if match else None


def _spheres(items: list[Any]) -> tuple[list[SphereDraft], dict[str, str]]:
    drafts, names = [], {}
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip():
            key = str(item.get("id", ""))
            names[key] = item["name"]
            drafts.append(SphereDraft(item["name"], str(item.get("colour") or "") or None,
                                      str(item.get("description") or ""), _number(key),
                                      optional_int(item.get("cadence_days")),
                                      optional_int(item.get("cadence_max_days"))))
    return drafts, names


def _person(item: Any, where: str, spheres: dict[str, str]) -> PersonDraft:
    if not isinstance(item, dict):
        raise ValueError(tr("not an object"))
    key = str(item["id"])
    t = {name: _str(item, name) for name in _TEXT}
    person = Person(
        PersonId(0), t["display_name"], given_name=t["given_name"],
        family_name=t["family_name"], organisation=t["organisation"], title=t["title"],
        location=t["location"], industry=t["industry"], url=t["url"], notes=t["notes"],
        how_we_met=t["how_we_met"], source=t["source"],
        emails=_points(item.get("emails")), phones=_points(item.get("phones")),
        internal=bool(item.get("internal", False)),
        roles=frozenset(Role(r) for r in item.get("roles") or []),
        cadence_days=optional_int(item.get("cadence_days")),
        cadence_max_days=optional_int(item.get("cadence_max_days")),
        snoozed_until=_optional_day(item.get("snoozed_until")),
        x=_optional_float(item.get("x")), y=_optional_float(item.get("y")),
        pinned=bool(item.get("pinned", False)), is_me=bool(item.get("is_me", False)),
        assessment=_assessment(item.get("assessment") or {}),
        created=datetime.fromisoformat(item["created"]),
        updated=datetime.fromisoformat(item["updated"]),
    )
    names = tuple(spheres[s] for s in item.get("spheres") or [] if s in spheres)
    intro = item.get("introduced_by")
    return PersonDraft(key, where, person, names, "", str(intro) if intro else None,
                       authoritative=True, preferred_id=_number(key))


def _assessment(values: dict[str, Any]) -> Assessment:
    def rating(key: str) -> int | None:
        return optional_int(values.get(key))

    def note(key: str) -> str:
        return str(values.get(f"{key}_note") or "")

    return Assessment(
        rating("trust_given"), rating("trust_received"), rating("quality"),
        rating("relevance"), note("trust_given"), note("trust_received"), note("quality"),
        note("relevance"),
    )


def _str(item: dict[str, Any], name: str) -> str:
    value = item.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(tr("{name} is not text").format(name=name))
    return value


def _points(items: Any) -> tuple[ContactPoint, ...]:
    return tuple(ContactPoint(str(i["value"]), str(i.get("label", ""))) for i in items or [])


def _optional_day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


def _optional_time(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _history(items: list[Any]) -> tuple[list[tuple[str, AssessmentChange]], list[Issue]]:
    """The rating history, by person key; a change that cannot be read is left out."""
    found, skipped = [], []
    for i, item in enumerate(items, start=1):
        try:
            change = AssessmentChange(
                PersonId(0), AssessmentField(item["field"]), optional_int(item.get("old")),
                optional_int(item.get("new")), datetime.fromisoformat(item["at"]))
            for rating in (change.old, change.new):
                check_rating(rating, what=HISTORY_RATING)
            found.append((str(item["person"]), change))
        except (*_BAD, ValidationError) as exc:
            skipped.append(
                Issue(tr("rating change {i}").format(i=i), tr("left out: {exc}").format(exc=exc))
            )
    return found, skipped


def _ties(items: list[Any]) -> tuple[list[TieDraft], list[Issue]]:
    ties, skipped = [], []
    for i, item in enumerate(items, start=1):
        where = tr("tie {value}").format(value=item.get('id', i) if isinstance(item, dict) else i)
        try:
            since = item.get("since")
            ties.append(TieDraft(
                str(item["a"]), str(item["b"]), where, TieKind(item.get("kind", "other")),
                bool(item.get("directed", False)), int(item.get("strength", 3)),
                date.fromisoformat(since) if since else None, str(item.get("notes") or ""),
                str(item.get("source") or ""), _number(str(item.get("id", ""))), exact=True,
                created=_optional_time(item.get("created")),
            ))
        except _BAD as exc:
            skipped.append(Issue(where, tr("skipped: {exc}").format(exc=exc)))
    return ties, skipped
