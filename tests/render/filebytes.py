"""Helpers that look inside exported files: PNG chunks, PDF streams, every text encoding."""

from __future__ import annotations

import re
import struct
import zlib


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, payload) of every chunk of a PNG file."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        chunks.append((data[at + 4:at + 8], data[at + 8:at + 8 + length]))
        at += 12 + length
    return chunks


def png_dpi(data: bytes) -> tuple[float, float]:
    (payload,) = [p for t, p in png_chunks(data) if t == b"pHYs"]
    x, y, unit = struct.unpack(">IIB", payload)
    assert unit == 1  # metres
    return x * 0.0254, y * 0.0254


def pdf_streams(data: bytes) -> list[bytes]:
    """Every stream of a PDF, inflated where it is zlib-compressed."""
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, flags=re.DOTALL):
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            out.append(raw)
    return out


def searchable(data: bytes) -> bytes:
    """The file plus its inflated streams/chunks, lower-cased, to search for text.

    A PNG's compressed pixels (IDAT) are left out: they hold no text, and over hundreds of
    kilobytes a four-letter name turns up in them by chance."""
    parts = [data]
    if data.startswith(b"%PDF"):
        parts += pdf_streams(data)
    if data.startswith(b"\x89PNG"):
        parts = [payload for kind, payload in png_chunks(data) if kind != b"IDAT"]
        for kind, payload in png_chunks(data):
            if kind in (b"zTXt", b"iTXt"):
                parts.append(payload)
                key_end = payload.index(b"\0")
                compressed = payload[key_end + 2:] if kind == b"zTXt" else b""
                if compressed:
                    parts.append(zlib.decompress(compressed))
    return b"\n".join(parts).lower()


def contains_text(data: bytes, text: str) -> bool:
    """True if ``text`` is in the file as UTF-8, UTF-16 (raw or hex) or an XML entity form."""
    haystack = searchable(data)
    needles = [
        text.encode("utf-8"), text.encode("utf-16-be"), text.encode("utf-16-be").hex().encode(),
        text.replace("&", "&amp;").replace("'", "&apos;").encode("utf-8"),
        text.replace("'", "&#39;").encode("utf-8"),
    ]
    return any(n.lower() in haystack for n in needles)
