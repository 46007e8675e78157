"""Kumu's spreadsheet layout: an Elements and a Connections sheet, "(ignore)" sheets skipped."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from relmap.core.i18n import number, tr
from relmap.io.errors import ImportRefusedError
from relmap.io.sources import MAX_COLUMNS, MAX_RECORDS, MAX_UNPACKED_BYTES

Record = tuple[str, dict[str, str]]  # where, column -> text


def read_workbook(path: Path) -> tuple[list[Record], list[Record]]:
    """The rows of the Elements and Connections sheets as (where, {header: text}).

    Parameters
    ----------
    path
        An .xlsx file. Its unpacked size is checked before openpyxl (which parses the XML
        with defusedxml) opens it.

    Returns
    -------
    tuple of lists
        Element rows and connection rows; blank rows are left out.
    """
    _check_zip(path)
    try:
        import openpyxl  # on first use: the window opens without it

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ImportRefusedError(
            tr("{name} is not a workbook openpyxl can read ({exc})").format(name=path.name, exc=exc)
        ) from exc
    try:
        sheets = [s for s in book.worksheets if "(ignore)" not in s.title.casefold()]
        elements = _sheet(sheets, "element")
        if elements is None:
            raise ImportRefusedError(tr("{name} has no Elements sheet").format(name=path.name))
        connections = _sheet(sheets, "connection")
        return (_rows(elements, path.name),
                _rows(connections, path.name) if connections is not None else [])
    finally:
        book.close()


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportRefusedError(
            tr("{name} is not an .xlsx workbook ({exc})").format(name=path.name, exc=exc)
        ) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportRefusedError(
            tr("{name} unpacks to {n} MB: the limit is {n2} MB").format(
                name=path.name, n=number(unpacked / 2**20, 0), n2=MAX_UNPACKED_BYTES // 2**20
            )
        )


def _sheet(sheets: list[Any], prefix: str) -> Any | None:
    return next((s for s in sheets if s.title.strip().casefold().startswith(prefix)), None)


def _rows(sheet: Any, name: str) -> list[Record]:
    """The rows of ``sheet``; the sheet's XML is parsed only now, so damage shows here."""
    try:
        return _read_rows(sheet, name)
    except ImportRefusedError:
        raise
    except Exception as exc:  # openpyxl and the XML parser raise many kinds on damage
        raise ImportRefusedError(
            tr("{name}: the sheet '{title}' is damaged ({__name__}: {exc})").format(
                name=name, title=sheet.title, __name__=type(exc).__name__, exc=exc
            )
        ) from exc


def _read_rows(sheet: Any, name: str) -> list[Record]:
    sheet.reset_dimensions()  # the sheet's own claim of its size is not trusted: cells are
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return []
    names = [_text(h) for h in header[:MAX_COLUMNS + 1]]
    if len(names) > MAX_COLUMNS:
        raise ImportRefusedError(
            tr(
                "{name}: the sheet '{title}' has more than {MAX_COLUMNS} "
                "columns: the limit is {MAX_COLUMNS}"
            ).format(name=name, title=sheet.title, MAX_COLUMNS=number(MAX_COLUMNS))
        )
    records: list[Record] = []
    for row_number, row in enumerate(rows, start=2):
        if row_number > MAX_RECORDS + 1:
            raise ImportRefusedError(
                tr(
                    "{name}: the sheet '{title}' has more than {MAX_RECORDS} "
                    "rows: the limit is {MAX_RECORDS}"
                ).format(name=name, title=sheet.title, MAX_RECORDS=number(MAX_RECORDS))
            )
        if len(row) > MAX_COLUMNS:
            raise ImportRefusedError(
                tr(
                    "{name}: row {row} of the sheet '{title}' has a cell beyond column {columns}: "
                    "the limit is {columns} columns"
                ).format(name=name, row=row_number, title=sheet.title, columns=number(MAX_COLUMNS))
            )
        cells = {n: _text(v) for n, v in zip(names, row, strict=False) if n}
        if any(cells.values()):
            records.append(
                (tr("{title} row {number}").format(title=sheet.title, number=row_number), cells)
            )
    return records


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()
