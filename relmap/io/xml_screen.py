"""XML is screened with defusedxml before any other parser sees it; .gz files are capped."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from relmap.io.errors import ImportRefusedError
from relmap.io.sources import binary_kind, gunzip, read_bytes

GZIP_MAGIC = b"\x1f\x8b"


def load_xml(path: Path, *, expected: str) -> tuple[bytes, Element]:
    """Read (and if gzipped, unpack with a size cap) an XML file and screen it.

    Parameters
    ----------
    path
        The file (.graphml, .gexf, optionally .gz).
    expected
        What it should be, for messages ("a GraphML file").

    Returns
    -------
    tuple of bytes and Element
        The XML bytes, safe to hand to networkx, and their parsed root.
    """
    data = read_bytes(path)
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, name=path.name)
    kind = binary_kind(data)
    if kind is not None:
        raise ImportRefusedError(f"{path.name} is {kind}, not {expected}")
    return data, screen(data, name=path.name)


def screen(data: bytes, *, name: str) -> Element:
    """Parse ``data`` with defusedxml: entities, external references and bombs are refused."""
    try:
        root: Element = safe_fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise ImportRefusedError(
            f"{name} declares XML entities or external references, which are refused for "
            f"safety ({type(exc).__name__})"
        ) from exc
    except ParseError as exc:
        line, column = exc.position
        raise ImportRefusedError(
            f"{name} is not well-formed XML (line {line}, column {column})"
        ) from exc
    return root


def local_name(tag: str) -> str:
    """"{http://graphml.graphdrawing.org/xmlns}node" -> "node"."""
    return tag.rsplit("}", 1)[-1]


def declared_ids(root: Element, tag: str = "node") -> set[str]:
    """The ids of every ``<node>`` element (GraphML and GEXF alike)."""
    return {e.get("id", "") for e in root.iter() if local_name(str(e.tag)) == tag}
