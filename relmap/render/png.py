"""A fast PNG encoder for rendered maps: Sub-filtered rows, zlib level 1, DPI and title."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_INCHES_PER_METRE = 39.37007874015748


def _chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def _text_chunk(key: str, value: str) -> bytes:
    try:
        return _chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1"))
    except UnicodeEncodeError:  # iTXt: uncompressed UTF-8, no language tag
        return _chunk(b"iTXt", key.encode("latin-1") + b"\0\0\0\0\0" + value.encode("utf-8"))


def _rows(converted: QImage, channels: int) -> np.ndarray:
    """A view of ``converted``'s pixels as ``(height, width * channels)`` bytes; valid only
    while ``converted`` lives."""
    data = np.frombuffer(converted.constBits(), dtype=np.uint8)
    data = data.reshape(converted.height(), converted.bytesPerLine())
    return data[:, : converted.width() * channels]


def encode_png(image: QImage, *, dpi: float, text: dict[str, str]) -> bytes:
    """``image`` as PNG bytes, with its resolution (pHYs) and ``text`` (tEXt/iTXt) chunks.

    Every row uses the Sub filter (a flat-colour map becomes mostly zeros) and zlib level 1:
    as small as Qt's own encoder at its default, in about half the time.

    Parameters
    ----------
    image
        Any QImage; an alpha channel is kept (RGBA), else RGB.
    dpi
        Written as pixels per metre.
    text
        Keyword → text; Latin-1 text goes in tEXt, anything else in UTF-8 iTXt.

    Returns
    -------
    bytes
        A complete PNG file.
    """
    alpha = image.hasAlphaChannel()
    channels = 4 if alpha else 3
    converted = image.convertToFormat(
        QImage.Format.Format_RGBA8888 if alpha else QImage.Format.Format_RGB888)
    pixels = _rows(converted, channels)
    height, width = image.height(), image.width()
    filtered = np.empty((height, pixels.shape[1] + 1), dtype=np.uint8)
    filtered[:, 0] = 1  # Sub: each byte minus the same byte of the pixel to its left
    filtered[:, 1 : channels + 1] = pixels[:, :channels]
    np.subtract(pixels[:, channels:], pixels[:, :-channels], out=filtered[:, channels + 1 :])
    header = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
    dots = round(dpi * _INCHES_PER_METRE)
    phys = struct.pack(">IIB", dots, dots, 1)  # unit 1: per metre
    parts = [_SIGNATURE, _chunk(b"IHDR", header), _chunk(b"pHYs", phys)]
    parts += [_text_chunk(key, value) for key, value in text.items()]
    parts += [_chunk(b"IDAT", zlib.compress(filtered.tobytes(), 1)), _chunk(b"IEND", b"")]
    return b"".join(parts)


def write_png_file(image: QImage, path: Path, *, dpi: float, text: dict[str, str]) -> None:
    """Encode ``image`` and write it to ``path`` (the caller makes the write atomic)."""
    path.write_bytes(encode_png(image, dpi=dpi, text=text))
