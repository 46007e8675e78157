"""What the contact CSV importers share: numbered columns, multi-values, the row loop."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from relmap.core.i18n import tr
from relmap.io.errors import ImportRefusedError
from relmap.io.importers.table import Row, Table
from relmap.io.options import ParseOptions
from relmap.io.pipeline.plan import Issue, ParsedFile, PersonDraft, TieDraft

MULTI = " ::: "  # Google joins several values of one cell with this
RowResult = tuple[PersonDraft, list[TieDraft]] | Issue
RowReader = Callable[[Table, Row, str, list[Issue]], RowResult]


def numbered(table: Table, pattern: str) -> Iterator[int]:
    """1, 2, 3... while a column ``pattern.format(n)`` exists ("E-mail {} - Value")."""
    n = 1
    while table.has(pattern.format(n)):
        yield n
        n += 1


def clean_label(label: str) -> str:
    """Google marks the primary value with "* " and Apple wraps labels in _$!<...>!$_."""
    label = label.strip().removeprefix("*").strip()
    if label.startswith("_$!<") and label.endswith(">!$_"):
        label = label[4:-4]
    return label


def read_rows(
    table: Table, *, label: str, source: str, options: ParseOptions, path: Path,
    read: RowReader,
) -> ParsedFile:
    """Run ``read`` on every row, catching anything one row throws, with progress and cancel."""
    if not table.rows:
        raise ImportRefusedError(
            tr("{name} has no contacts in it (only a header row)").format(name=path.name)
        )
    issues, skipped = list(table.issues), list(table.skipped)
    people: list[PersonDraft] = []
    ties: list[TieDraft] = []
    total = len(table.rows)
    for done, row in enumerate(table.rows, start=1):
        options.monitor.step(done, total)
        try:
            result = read(table, row, source, issues)
        except Exception as exc:  # one bad row must not stop the file
            result = Issue(row.where, tr("skipped: {exc}").format(exc=exc))
        if isinstance(result, Issue):
            skipped.append(result)
        else:
            people.append(result[0])
            ties += result[1]
    return ParsedFile(label, source, tuple(people), tuple(ties), (), tuple(issues),
                      tuple(skipped))
