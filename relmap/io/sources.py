"""Reading an import file safely: size caps, gzip caps, binary sniffing and text decoding."""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from dataclasses import dataclass
from pathlib import Path

from relmap.core.i18n import number, tr
from relmap.io.errors import ImportRefusedError

# Caps on what an import reads (docs/importing.md): past them a file is refused at once.
MAX_FILE_BYTES = 64 * 1024 * 1024  # no contact export comes near this
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # a .gz or an .xlsx may not expand past this
MAX_FIELD_CHARS = 1024 * 1024  # one value (a note, a name) or one line of text
MAX_COLUMNS = 1_000
MAX_RECORDS = 250_000  # people, ties or rows

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", tr("an Excel workbook (.xlsx) or another zip archive")),
    (b"\xd0\xcf\x11\xe0", tr("an old Office file (.xls or .doc)")),
    (b"\x89PNG", tr("a PNG image")),
    (b"\xff\xd8\xff", tr("a JPEG image")),
    (b"GIF8", tr("a GIF image")),
    (b"%PDF", tr("a PDF document")),
    (b"\x1f\x8b", tr("a gzip-compressed file")),
    (b"SQLite format 3\x00", tr("a database file")),
    (b"BZh", tr("a bzip2-compressed file")),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
FALLBACK_ENCODING = "cp1252"


@dataclass(frozen=True, slots=True)
class Text:
    """A decoded text file and the encoding it was read with."""

    text: str
    encoding: str


def read_bytes(path: Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a whole file, refusing missing, unreadable, empty and oversized ones.

    Parameters
    ----------
    path
        The file to read.
    limit
        The largest size accepted, in bytes.

    Returns
    -------
    bytes
        The file's content.
    """
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ImportRefusedError(tr("{name} is a folder, not a file").format(name=path.name))
        if size > limit:
            raise ImportRefusedError(
                tr("{name} is {n} MB: the limit is {n2} MB").format(
                    name=path.name, n=number(size / 2**20, 0), n2=limit // 2**20
                )
            )
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ImportRefusedError(
            tr("cannot read {name}: {value}").format(name=path.name, value=exc.strerror or exc)
        ) from exc
    if not data:
        raise ImportRefusedError(tr("{name} is empty (0 bytes)").format(name=path.name))
    if len(data) > limit:
        raise ImportRefusedError(
            tr("{name} is larger than {n} MB: the limit is {n} MB").format(
                name=path.name, n=limit // 2**20
            )
        )
    return data


def gunzip(data: bytes, *, name: str, limit: int = MAX_UNPACKED_BYTES) -> bytes:
    """Decompress gzip data, refusing anything that expands past ``limit`` bytes."""
    chunks: list[bytes] = []
    total = 0
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            while total <= limit:  # reading on to b"" is what notices a truncated stream
                chunk = stream.read(min(1 << 20, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise ImportRefusedError(
            tr("{name} is a damaged gzip file ({exc})").format(name=name, exc=exc)
        ) from exc
    if total > limit:
        raise ImportRefusedError(
            tr("{name} expands to more than {n} MB when uncompressed: the limit is {n} MB").format(
                name=name, n=limit // 2**20
            )
        )
    if not total:
        raise ImportRefusedError(tr("{name} is empty once uncompressed").format(name=name))
    return b"".join(chunks)


def refuse_long_lines(data: bytes, *, name: str, limit: int = MAX_FIELD_CHARS) -> None:
    """Refuse text with a line longer than ``limit`` bytes, before it is decoded."""
    if len(data) <= limit:
        return
    lengths = list(map(len, data.split(b"\n")))
    longest = max(lengths)
    if longest > limit:
        raise ImportRefusedError(
            tr("{name}: line {n} is {n2} MB long: the limit is {n3} MB a line").format(
                name=name,
                n=number(lengths.index(longest) + 1),
                n2=number(longest / 2**20, 1),
                n3=limit // 2**20,
            )
        )


def binary_kind(data: bytes) -> str | None:
    """Name the kind of binary file ``data`` is (an image, a workbook...), or None for text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def refuse_binary(data: bytes, *, name: str, expected: str) -> None:
    """Refuse ``data`` with a clear message if it is a known binary format, not text."""
    kind = binary_kind(data)
    if kind is not None:
        raise ImportRefusedError(
            tr("{name} is {kind}, not {expected}").format(name=name, kind=kind, expected=expected)
        )


def decode(data: bytes, *, name: str) -> Text:
    """Decode text: a BOM wins, then strict UTF-8, then strict Windows-1252.

    (docs/architecture.md §4)

    Nothing is ever silently replaced: bytes that none of these can read refuse the file.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Text(_strict(data[len(bom):], encoding, name), encoding)
    guessed = _bomless_utf16(data)
    if guessed is not None:
        return Text(_strict(data, guessed, name), guessed)
    try:
        return Text(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return Text(_strict(data, FALLBACK_ENCODING, name), FALLBACK_ENCODING)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        shown = tr("UTF-8 or Windows-1252") if encoding == FALLBACK_ENCODING else encoding
        raise ImportRefusedError(
            tr(
                "{name} is not readable as {shown} text (byte 0x{data:02x} at position {start}); "
                "save it as UTF-8 and import it again"
            ).format(name=name, shown=shown, data=data[exc.start], start=exc.start)
        ) from exc


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL in every other byte of ASCII text."""
    head = data[:400]
    if len(head) < 4 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    odd_nuls = head[1::2].count(0) / (len(head) // 2)
    even_nuls = head[0::2].count(0) / (len(head) // 2)
    if odd_nuls > 0.9 and even_nuls < 0.1:
        return "utf-16-le"
    if even_nuls > 0.9 and odd_nuls < 0.1:
        return "utf-16-be"
    return None

