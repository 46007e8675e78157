"""XML is screened with defusedxml before any other parser sees it; .gz files are capped."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from relmap.core.i18n import number, tr
from relmap.io.errors import ImportRefusedError
from relmap.io.sources import MAX_RECORDS, binary_kind, gunzip, read_bytes

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
        raise ImportRefusedError(
            tr("{name} is {kind}, not {expected}").format(
                name=path.name, kind=kind, expected=expected
            )
        )
    return data, screen(data, name=path.name)


def screen(data: bytes, *, name: str) -> Element:
    """Parse ``data`` with defusedxml: entities, external references and bombs are refused."""
    try:
        root: Element = safe_fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise ImportRefusedError(
            tr(
                "{name} declares XML entities or external references, which are refused for safety "
                "({__name__})"
            ).format(name=name, __name__=type(exc).__name__)
        ) from exc
    except ParseError as exc:
        line, column = exc.position
        raise ImportRefusedError(
            tr("{name} is not well-formed XML (line {line}, column {column})").format(
                name=name, line=line, column=column
            )
        ) from exc
    except LookupError as exc:  # an encoding Python does not know
        raise ImportRefusedError(
            tr(
                "{name} declares a text encoding relmap cannot read ({exc}); "
                "save it as UTF-8 and import it again"
            ).format(name=name, exc=exc)
        ) from exc
    return root


def local_name(tag: str) -> str:
    """"{http://graphml.graphdrawing.org/xmlns}node" -> "node"."""
    return tag.rsplit("}", 1)[-1]


def declared_ids(root: Element, tag: str = "node") -> set[str]:
    """The ids of every ``<node>`` element (GraphML and GEXF alike)."""
    return {e.get("id", "") for e in root.iter() if local_name(str(e.tag)) == tag}


def refuse_repeated_ids(root: Element, name: str) -> None:
    """Refuse a file that declares one node id twice: a graph reader keeps only the last of
    them, so a person would be lost without a word."""
    seen: dict[str, int] = {}
    for e in root.iter():
        if local_name(str(e.tag)) == "node":
            key = e.get("id", "")
            seen[key] = seen.get(key, 0) + 1
    repeated = [k for k, n in seen.items() if n > 1]
    if repeated:
        shown = ", ".join(f"'{k}'" for k in repeated[:5])
        more = tr(" and {n} more").format(n=number(len(repeated) - 5)) if len(repeated) > 5 else ""
        raise ImportRefusedError(
            tr(
                "{name} declares the node id {shown}{more} more than once: each node needs its own "
                "id, or a person would be lost; fix the file and import it again"
            ).format(name=name, shown=shown, more=more)
        )
    if len(seen) > MAX_RECORDS:
        raise ImportRefusedError(
            tr("{name} has {n_seen} nodes: the limit is {MAX_RECORDS}").format(
                name=name, n_seen=number(len(seen)), MAX_RECORDS=number(MAX_RECORDS)
            )
        )
