"""vCard 2.1, 3.0 and 4.0 through vobject: one person per card, a bad card skipped alone."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import vobject

from relmap.core.i18n import number, tr
from relmap.io.errors import ImportRefusedError
from relmap.io.importers.drafts import Fields, make_draft, provenance
from relmap.io.importers.vcard_split import Card, Stray, split_cards
from relmap.io.options import ParseOptions
from relmap.io.pipeline.plan import Issue, ParsedFile, PersonDraft
from relmap.io.sources import (
    MAX_FIELD_CHARS,
    decode,
    read_bytes,
    refuse_binary,
    refuse_long_lines,
)
from relmap.io.values import profile_key

LABEL = "vCard"
_SKIP_TYPES = {"INTERNET", "PREF", "X400", "VOICE"}
_VERSION_21 = re.compile(r"^VERSION:\s*2\.1\s*$", re.MULTILINE | re.IGNORECASE)
_PROPERTY = re.compile(r"^([A-Za-z0-9\-.]+)[;:]")


def parse(path: Path, options: ParseOptions | None = None) -> ParsedFile:
    """Read every card of a .vcf file.

    Parameters
    ----------
    path
        The file: several cards, folded lines, quoted-printable and charsets (2.1), Apple
        ``itemN.`` groups with their ``X-ABLabel``.
    options
        Progress/cancel hooks and the import date.

    Returns
    -------
    ParsedFile
        One person per card (FN/N, ORG/TITLE, all emails and phones, CATEGORIES as
        spheres, UID as identity); a card that cannot be read is skipped with its line.
    """
    options = options or ParseOptions()
    data = read_bytes(path)
    refuse_binary(data, name=path.name, expected=tr("a vCard file"))
    refuse_long_lines(data, name=path.name)
    lines = list(io.StringIO(decode(data, name=path.name).text, newline=""))
    total = sum(line.strip().upper() == "BEGIN:VCARD" for line in lines)
    if not total:
        raise ImportRefusedError(
            tr("{name} has no vCard in it (no BEGIN:VCARD line)").format(name=path.name)
        )
    source = provenance(LABEL, options.today)
    stray = Stray()
    people: list[PersonDraft] = []
    issues: list[Issue] = []
    skipped: list[Issue] = []
    photos = 0
    for count, card in enumerate(split_cards(lines, stray), start=1):
        options.monitor.step(count, max(count, total))
        photos += card.dropped
        result = _card(card, source, issues)
        if isinstance(result, Issue):
            skipped.append(result)
        else:
            people.append(result)
    issues += _file_notes(stray, photos)
    return ParsedFile(LABEL, source, tuple(people), (), (), tuple(issues), tuple(skipped))


def _file_notes(stray: Stray, photos: int) -> list[Issue]:
    notes = []
    if stray.count:
        notes.append(
            Issue(
                tr("line {first}").format(first=stray.first),
                tr("{count} line(s) outside any card were ignored").format(count=stray.count),
            )
        )
    if photos:
        notes.append(
            Issue(
                "file",
                tr("{photos} photo(s), logo(s) or key(s) not imported").format(photos=photos),
            )
        )
    return notes


def _card(card: Card, source: str, issues: list[Issue]) -> PersonDraft | Issue:
    where = tr("card at line {line}").format(line=card.line)
    if card.problem:
        return Issue(where, tr("skipped: {problem}").format(problem=card.problem))
    text = card.text
    if len(text) > MAX_FIELD_CHARS:
        return Issue(
            where,
            tr("skipped: the card holds {n} MB of text: the limit is {n2} MB a card").format(
                n=number(len(text) / 2**20, 1), n2=MAX_FIELD_CHARS // 2**20
            ),
        )
    if _VERSION_21.search(text):
        text = _escape_commas(_join_soft_breaks(card.lines))
    try:
        component = vobject.readOne(text, allowQP=True)
        fields, identity = _fields(component, where, issues)
    except Exception as exc:  # vobject raises many kinds; any of them spoils one card only
        return Issue(
            where, tr("skipped: it cannot be read ({_reason})").format(_reason=_reason(exc))
        )
    return make_draft(where, where, fields, source=source, issues=issues, identity=identity)


def _join_soft_breaks(lines: list[str]) -> list[str]:
    """vCard 2.1 quoted-printable values go on over lines ending in '='; join them here, in
    one pass (vobject joins them one at a time, which takes quadratic time)."""
    out: list[str] = []
    parts: list[str] = []
    for line in lines:
        body = line.rstrip("\r\n")
        if not parts:
            head = _PROPERTY.match(line)
            colon = line.find(":", head.end() - 1) if head else -1
            soft = colon >= 0 and "QUOTED-PRINTABLE" in line[:colon].upper()
            if not (soft and body.endswith("=")):
                out.append(line)
                continue
        if body.endswith("="):
            parts.append(body[:-1])
        else:
            out.append("".join(parts) + line)
            parts = []
    if parts:
        out.append("".join(parts) + "\r\n")
    return out


def _escape_commas(lines: list[str]) -> str:
    """vCard 2.1 text has literal commas; vobject reads values the 3.0 way, where an unescaped
    comma separates values (and keeps only the first). Escape them, except in CATEGORIES."""
    out = []
    categories = False
    for line in lines:
        head = _PROPERTY.match(line)
        if head is not None:
            categories = head[1].upper().endswith("CATEGORIES")
            colon = line.find(":", head.end() - 1)
            if not categories and colon >= 0:
                line = line[:colon + 1] + line[colon + 1:].replace(",", "\\,")
        elif not categories:
            line = line.replace(",", "\\,")
        out.append(line)
    return "".join(out)


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def _fields(card: Any, where: str, issues: list[Issue]) -> tuple[Fields, str]:
    labels = {c.group: _text(c.value) for c in card.getChildren()
              if c.name == "X-ABLABEL" and c.group}
    fields = Fields()
    urls: list[str] = []
    identity = ""
    for child in card.getChildren():
        name, value = child.name, child.value
        if name == "FN":
            fields.display_name = _text(value)
        elif name == "N":
            _name(fields, value)
        elif name == "ORG":
            fields.organisation = _text(value[0] if isinstance(value, list) and value else value)
        elif name == "TITLE":
            fields.title = _text(value)
        elif name == "EMAIL":
            fields.add_emails(_text(value), _label(child, labels), where, issues)
        elif name == "TEL":
            fields.add_phones(_text(value).removeprefix("tel:"), _label(child, labels))
        elif name == "ADR" and not fields.location:
            fields.location = _address(value)
        elif name in ("URL", "X-SOCIALPROFILE"):
            urls.append(_text(value))
        elif name == "NOTE":
            fields.notes = _text(value)
        elif name == "CATEGORIES":
            fields.spheres += _categories(value)
        elif name == "UID":
            identity = f"uid:{_text(value)}"
    linkedin = [u for u in urls if profile_key(u).startswith("linkedin.com/")]
    fields.url = (linkedin or urls or [""])[0]
    return fields, identity


def _text(value: object) -> str:
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if v)
    return str(value).strip() if value is not None else ""


def _name(fields: Fields, value: Any) -> None:
    fields.family_name = _text(getattr(value, "family", ""))
    given = [_text(getattr(value, "given", "")), _text(getattr(value, "additional", ""))]
    fields.given_name = " ".join(g for g in given if g)


def _address(value: Any) -> str:
    parts = [_text(getattr(value, "city", "")), _text(getattr(value, "country", ""))]
    return ", ".join(p for p in parts if p)


def _categories(value: object) -> list[str]:
    items = value if isinstance(value, list) else str(value).replace(";", ",").split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def _label(child: Any, labels: dict[str, str]) -> str:
    if child.group and child.group in labels:
        label = labels[child.group]
        return label[4:-4] if label.startswith("_$!<") and label.endswith(">!$_") else label
    given = [*child.params.get("TYPE", []), *child.singletonparams]
    types = [t for tag in given for t in tag.split(",") if t and t.upper() not in _SKIP_TYPES]
    return types[0].lower() if types else ""
