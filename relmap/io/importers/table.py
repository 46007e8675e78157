"""CSV files as tables: header found by name, delimiter sniffed, damaged rows skipped alone."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from relmap.core.i18n import number, tr
from relmap.io.errors import ImportRefusedError
from relmap.io.pipeline.plan import Issue
from relmap.io.sources import (
    MAX_COLUMNS,
    MAX_FIELD_CHARS,
    MAX_RECORDS,
    decode,
    read_bytes,
    refuse_binary,
    refuse_long_lines,
)

DELIMITERS = (",", ";", "\t", "|")
MAX_LINES = 4 * MAX_RECORDS  # a row may hold a note of several lines
HeaderTest = Callable[[list[str]], bool]


@dataclass(frozen=True, slots=True)
class Row:
    """One record: the line it starts on (1-based), its cells padded to the header, and
    ``where`` it is for messages ("line 12")."""

    line: int
    cells: list[str]
    where: str = ""


@dataclass
class Table:
    """A CSV file read into rows; ``skipped`` holds rows that could not be read at all."""

    headers: list[str]
    delimiter: str
    encoding: str
    header_line: int
    rows: list[Row] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    skipped: list[Issue] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index = {h.strip().casefold(): i for i, h in reversed(list(enumerate(self.headers)))}
        self._asked: dict[str, int | None] = {}  # names as callers spell them: no casefold

    def has(self, name: str) -> bool:
        return self.column(name) is not None

    def column(self, name: str) -> int | None:
        try:
            return self._asked[name]
        except KeyError:
            i = self._asked[name] = self._index.get(name.casefold())
            return i

    def get(self, row: Row, name: str) -> str:
        """The cell of ``row`` under header ``name`` (any case), or "" if there is none."""
        i = self.column(name)
        return row.cells[i] if i is not None else ""


def read_table(
    path: Path, *, expected: str = tr("a CSV file"), header: HeaderTest | None = None,
    search_lines: int = 20,
) -> Table:
    """Read a CSV file whatever its encoding and delimiter.

    Parameters
    ----------
    path
        The file.
    expected
        What the file should be, for messages ("a LinkedIn Connections.csv").
    header
        Tells the header row by its cells; the first ``search_lines`` lines are searched
        (LinkedIn puts notes above it). Without it the first non-blank line is the header.
    search_lines
        How far to look for the header.

    Returns
    -------
    Table
        Headers (a repeated name gets " (2)"), rows with line numbers, per-row issues.
    """
    data = read_bytes(path)
    refuse_binary(data, name=path.name, expected=expected)
    refuse_long_lines(data, name=path.name)
    text = decode(data, name=path.name)
    lines = list(io.StringIO(text.text, newline=""))
    if len(lines) > MAX_LINES:
        raise ImportRefusedError(
            tr("{name} has {n_lines} lines: the limit is {MAX_LINES} ({MAX_RECORDS} rows)").format(
                name=path.name,
                n_lines=number(len(lines)),
                MAX_LINES=number(MAX_LINES),
                MAX_RECORDS=number(MAX_RECORDS),
            )
        )
    start, delimiter, names = _find_header(lines, header, search_lines, path.name, expected)
    if len(names) > MAX_COLUMNS:
        raise ImportRefusedError(
            tr("{name} has {n_names} columns: the limit is {MAX_COLUMNS}").format(
                name=path.name, n_names=number(len(names)), MAX_COLUMNS=number(MAX_COLUMNS)
            )
        )
    table = Table(_unique(names, start + 1), delimiter, text.encoding, start + 1)
    table.issues += _repeat_issues(names, start + 1)
    nul = "\x00" in text.text  # most files have none: no need to look in every cell
    for first, cells in _records(lines, start + 1, delimiter, table.skipped):
        if "".join(cells).strip():  # not a blank record
            table.rows.append(_fit(first + 1, cells, len(names), table.issues, nul))
    return table


def has_header(data: bytes, test: HeaderTest, search_lines: int = 20) -> bool:
    """Whether one of the first ``search_lines`` lines of ``data``, the start of a file, is a
    header row ``test`` accepts (False for bytes that are not text)."""
    try:
        lines = list(io.StringIO(decode(data, name="").text, newline=""))
        _find_header(lines, test, search_lines, "", "")
    except ImportRefusedError:
        return False
    return True


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line: the candidate that occurs most outside quotes."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _find_header(
    lines: list[str], test: HeaderTest | None, search: int, name: str, expected: str
) -> tuple[int, str, list[str]]:
    for i, line in enumerate(lines[:search]):
        if not line.strip():
            continue
        delimiter = sniff_delimiter(line)
        try:
            cells = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            continue
        cells = [c.replace("\x00", "").strip() for c in cells]
        if test is None or test(cells):
            return i, delimiter, cells
    if not any(line.strip() for line in lines):
        raise ImportRefusedError(tr("{name} has no text in it").format(name=name))
    raise ImportRefusedError(
        tr("{name} does not look like {expected}: its header row is missing").format(
            name=name, expected=expected
        )
    )


def _unique(names: list[str], line: int) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n.casefold()] = seen.get(n.casefold(), 0) + 1
        out.append(n if seen[n.casefold()] == 1 else f"{n} ({seen[n.casefold()]})")
    return out


def _repeat_issues(names: list[str], line: int) -> list[Issue]:
    folded = [n.casefold() for n in names]
    repeated = sorted({n for n in names if n and folded.count(n.casefold()) > 1})
    return [
        Issue(
            tr("line {line}").format(line=line),
            tr(
                "the column '{n}' appears more than once; the first is used, the others "
                "are numbered"
            ).format(n=n),
        )
        for n in repeated
    ]


def _records(
    lines: list[str], start: int, delimiter: str, skipped: list[Issue]
) -> Iterator[tuple[int, list[str]]]:
    """Records with the 0-based line they start on; an unreadable one is skipped alone."""
    csv.field_size_limit(MAX_FIELD_CHARS)
    i = start
    while i < len(lines):
        rest = iter(lines)
        next(islice(rest, i, i), None)  # skip to line i (in C: restarts are rare anyway)
        reader = csv.reader(rest, delimiter=delimiter, strict=True)
        consumed = 0
        try:
            for cells in reader:
                first, consumed = i + consumed, reader.line_num
                yield first, cells
            return
        except csv.Error as exc:
            bad = i + consumed
            why = (
                tr("a value is longer than {n} MB, the limit").format(n=MAX_FIELD_CHARS // 2**20)
                if "field limit" in str(exc)
                else tr("it cannot be read ({exc}); probably an unbalanced quote").format(exc=exc)
            )
            skipped.append(
                Issue(tr("line {n}").format(n=bad + 1), tr("row skipped: {why}").format(why=why))
            )
            i = bad + 1


def _fit(line: int, cells: list[str], width: int, issues: list[Issue], nul: bool) -> Row:
    where = tr("line {line}").format(line=line)
    if nul and any("\x00" in c for c in cells):
        cells = [c.replace("\x00", "") for c in cells]
        issues.append(Issue(where, tr("NUL characters removed")))
    if len(cells) < width:
        issues.append(
            Issue(
                where,
                tr(
                    "the row has {n_cells} cells, the header {width}; the "
                    "missing ones are taken as empty"
                ).format(n_cells=len(cells), width=width),
            )
        )
        cells = cells + [""] * (width - len(cells))
    elif len(cells) > width:
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            issues.append(
                Issue(
                    where,
                    tr(
                        "the row has {n_cells} cells, the header {width}; "
                        "the extra ones are ignored"
                    ).format(n_cells=len(cells), width=width),
                )
            )
        cells = cells[:width]
    return Row(line, cells, where)
