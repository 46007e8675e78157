"""Kumu's spreadsheet layout: an Elements and a Connections sheet, "(ignore)" sheets skipped."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl

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
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ImportRefusedError(f"{path.name} is not a workbook openpyxl can read ({exc})") \
            from exc
    try:
        sheets = [s for s in book.worksheets if "(ignore)" not in s.title.casefold()]
        elements = _sheet(sheets, "element")
        if elements is None:
            raise ImportRefusedError(f"{path.name} has no Elements sheet")
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
        raise ImportRefusedError(f"{path.name} is not an .xlsx workbook ({exc})") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportRefusedError(f"{path.name} unpacks to {unpacked / 2**20:,.0f} MB: the "
                                 f"limit is {MAX_UNPACKED_BYTES // 2**20} MB")


def _sheet(sheets: list[Any], prefix: str) -> Any | None:
    return next((s for s in sheets if s.title.strip().casefold().startswith(prefix)), None)


def _rows(sheet: Any, name: str) -> list[Record]:
    """The rows of ``sheet``; the sheet's XML is parsed only now, so damage shows here."""
    try:
        return _read_rows(sheet, name)
    except ImportRefusedError:
        raise
    except Exception as exc:  # openpyxl and the XML parser raise many kinds on damage
        raise ImportRefusedError(f"{name}: the sheet '{sheet.title}' is damaged "
                                 f"({type(exc).__name__}: {exc})") from exc


def _read_rows(sheet: Any, name: str) -> list[Record]:
    sheet.reset_dimensions()  # the sheet's own claim of its size is not trusted: cells are
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return []
    names = [_text(h) for h in header[:MAX_COLUMNS + 1]]
    if len(names) > MAX_COLUMNS:
        raise ImportRefusedError(f"{name}: the sheet '{sheet.title}' has more than "
                                 f"{MAX_COLUMNS:,} columns: the limit is {MAX_COLUMNS:,}")
    records: list[Record] = []
    for number, row in enumerate(rows, start=2):
        if number > MAX_RECORDS + 1:
            raise ImportRefusedError(f"{name}: the sheet '{sheet.title}' has more than "
                                     f"{MAX_RECORDS:,} rows: the limit is {MAX_RECORDS:,}")
        if len(row) > MAX_COLUMNS:
            raise ImportRefusedError(f"{name}: row {number} of the sheet '{sheet.title}' has a "
                                     f"cell beyond column {MAX_COLUMNS:,}: the limit is "
                                     f"{MAX_COLUMNS:,} columns")
        cells = {n: _text(v) for n, v in zip(names, row, strict=False) if n}
        if any(cells.values()):
            records.append((f"{sheet.title} row {number}", cells))
    return records


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()
