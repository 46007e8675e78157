"""The import formats by name, and the one safe way to parse a file: refuse, never crash."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from fnmatch import fnmatch
from pathlib import Path
from typing import TypeVar

from relmap.core.bulk import bulk_objects
from relmap.core.errors import KnownError
from relmap.core.i18n import number, tr
from relmap.io.errors import ImportRefusedError
from relmap.io.importers import (
    generic_csv,
    google,
    graph_import,
    json_import,
    kumu,
    linkedin,
    outlook,
    vcard_import,
)
from relmap.io.importers.table import has_header
from relmap.io.options import ParseOptions
from relmap.io.pipeline.plan import Issue, ParsedFile, PersonDraft, TieDraft
from relmap.io.sources import MAX_FIELD_CHARS, MAX_RECORDS

log = logging.getLogger("relmap.io")
R = TypeVar("R", PersonDraft, TieDraft)

Parser = Callable[[Path, ParseOptions], ParsedFile]


@dataclass(frozen=True)
class ImportFormat:
    """One importable format: its command-line name, what the user sees, file patterns."""

    name: str
    label: str
    patterns: tuple[str, ...]
    parser: Parser


IMPORT_FORMATS: dict[str, ImportFormat] = {
    f.name: f
    for f in (
        ImportFormat("linkedin", tr("LinkedIn Connections.csv"), ("*.csv",), linkedin.parse),
        ImportFormat("google", tr("Google Contacts CSV"), ("*.csv",), google.parse),
        ImportFormat("outlook", tr("Outlook CSV"), ("*.csv",), outlook.parse),
        ImportFormat("vcard", "vCard", ("*.vcf", "*.vcard"), vcard_import.parse),
        ImportFormat(
            "csv", tr("CSV with column mapping"), ("*.csv", "*.tsv", "*.txt"), generic_csv.parse
        ),
        ImportFormat("kumu", tr("Kumu JSON or XLSX"), ("*.json", "*.xlsx"), kumu.parse),
        ImportFormat("gexf", tr("GEXF (Gephi)"), ("*.gexf", "*.gexf.gz"), graph_import.parse_gexf),
        ImportFormat(
            "graphml",
            tr("GraphML (yEd, Cytoscape, Gephi)"),
            ("*.graphml", "*.graphml.gz", "*.xml"),
            graph_import.parse_graphml,
        ),
        ImportFormat("json", tr("relmap JSON"), ("*.json",), json_import.parse),
    )
}


# The CSV exports told by their header row, the most particular first: an Outlook header
# also has LinkedIn's first and last name and company.
_BY_HEADER = (("google", google.is_header), ("outlook", outlook.is_header),
              ("linkedin", linkedin.is_header))
HEADED_CSV = tuple(fmt for fmt, _ in _BY_HEADER)
_PEEK_BYTES = 64 * 1024  # as much of a file as telling its format reads
_RELMAP_JSON = re.compile(rb'^\s*\{\s*"format"\s*:\s*"relmap"')


def guess_format(path: Path) -> str | None:
    """The import format ``path`` looks like: told by its name (a vCard, GEXF or GraphML
    file) and, for a CSV or JSON file, by how it starts; None for a name no format reads,
    or a file that cannot be read."""
    name = path.name.casefold()
    named = [f.name for f in IMPORT_FORMATS.values()
             if any(fnmatch(name, pattern) for pattern in f.patterns)]
    if len(named) <= 1:
        return named[0] if named else None
    try:
        with path.open("rb") as file:
            start = file.read(_PEEK_BYTES)
    except OSError:
        return None
    if "json" in named:
        return "json" if _RELMAP_JSON.match(start) else "kumu"
    if len(start) == _PEEK_BYTES:  # a line cut short would not decode
        start = start[:start.rfind(b"\n") + 1]
    return next((fmt for fmt, test in _BY_HEADER if has_header(start, test)), "csv")


def parse_file(fmt: str, path: Path, options: ParseOptions | None = None) -> ParsedFile:
    """Parse ``path`` as format ``fmt``; the only error it raises is ImportRefusedError.

    Parameters
    ----------
    fmt
        A key of ``IMPORT_FORMATS`` ("linkedin", "google", ...).
    path
        The file to read.
    options
        Progress/cancel hooks and format choices.

    Returns
    -------
    ParsedFile
        Drafts and per-record issues; ``records`` = imported + skipped.
    """
    if fmt not in IMPORT_FORMATS:
        known = ", ".join(IMPORT_FORMATS)
        raise ImportRefusedError(
            tr("'{fmt}' is not an import format (choose one of {known})").format(
                fmt=fmt, known=known
            )
        )
    options = options or ParseOptions()
    try:
        with bulk_objects():
            return _distinct_keys(_capped(IMPORT_FORMATS[fmt].parser(path, options), path))
    except ImportRefusedError:
        raise
    except KnownError as exc:
        raise ImportRefusedError(str(exc)) from exc
    except RecursionError as exc:
        raise ImportRefusedError(
            tr("{name} is nested too deeply to read").format(name=path.name)
        ) from exc
    except MemoryError as exc:
        raise ImportRefusedError(
            tr("{name} is too large to read in memory").format(name=path.name)
        ) from exc
    except Exception as exc:  # a bug or a library's surprise: refuse in one line
        log.info("cannot import %s as %s", path, fmt, exc_info=True)
        raise ImportRefusedError(
            tr("{name} could not be read as {label} ({__name__}: {exc})").format(
                name=path.name,
                label=IMPORT_FORMATS[fmt].label,
                __name__=type(exc).__name__,
                exc=exc,
            )
        ) from exc


def _capped(parsed: ParsedFile, path: Path) -> ParsedFile:
    """Refuse a file of too many records; skip a record with a value past the field cap."""
    if parsed.records > MAX_RECORDS or parsed.tie_records > MAX_RECORDS:
        raise ImportRefusedError(
            tr("{name} describes {max} people or ties: the limit is {MAX_RECORDS}").format(
                name=path.name,
                max=number(max(parsed.records, parsed.tie_records)),
                MAX_RECORDS=number(MAX_RECORDS),
            )
        )
    people, skipped = _partition(parsed.people, lambda d: _too_long(
        d.person.notes, d.person.how_we_met, d.person.url))
    ties, ties_skipped = _partition(parsed.ties, lambda t: _too_long(t.notes))
    if not (skipped or ties_skipped):
        return parsed
    return replace(parsed, people=tuple(people), ties=tuple(ties),
                   skipped=(*parsed.skipped, *skipped),
                   ties_skipped=(*parsed.ties_skipped, *ties_skipped))


def _partition(records: Iterable[R], why: Callable[[R], str | None]) -> tuple[list[R], list[Issue]]:
    """The records kept, and an issue for each one ``why`` gives a reason to skip."""
    kept: list[R] = []
    skipped: list[Issue] = []
    for record in records:
        if (reason := why(record)) is None:
            kept.append(record)
        else:
            skipped.append(Issue(record.where, tr("skipped: {reason}").format(reason=reason)))
    return kept, skipped


def _too_long(*values: str) -> str | None:
    longest = max(map(len, values))
    if longest <= MAX_FIELD_CHARS:
        return None
    return tr("a value of {n} MB: the limit is {n2} MB a value").format(
        n=number(longest / 2**20, 1), n2=MAX_FIELD_CHARS // 2**20
    )


def _distinct_keys(parsed: ParsedFile) -> ParsedFile:
    """Two records of one file with the same id are two people: the later one gets a key of
    its own (ties naming the id go to the first), with a warning, so counts add up."""
    first: dict[str, str] = {}
    people: list[PersonDraft] = []
    issues: list[Issue] = []
    for draft in parsed.people:
        if draft.key in first:
            issues.append(
                Issue(
                    draft.where,
                    tr(
                        "the id '{key}' was used before, by {first}; both are imported, and "
                        "ties naming it go to the first"
                    ).format(key=draft.key, first=first[draft.key]),
                )
            )
            draft = replace(draft, key=f"{draft.key} ({draft.where})")
        first.setdefault(draft.key, draft.where)
        people.append(draft)
    if not issues:
        return parsed
    return replace(parsed, people=tuple(people), issues=(*parsed.issues, *issues))
