"""GraphML and GEXF export through networkx: attributes Gephi can size, colour and filter by."""

from __future__ import annotations

import io
import logging
import re
from typing import Any

from relmap.core.model import AssessmentField, Person, Tie
from relmap.core.network import Network

log = logging.getLogger("relmap.io")

# XML 1.0 cannot carry these characters at all; they are removed (with a warning).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
NO_SPHERE, ME_FILL = "#a4abb3", "#20242a"  # the map's colours (relmap.style)
NODE_RADIUS, ME_RADIUS = 8.0, 16.0
_EDGE_ID = re.compile(rb'<edge [^>]*?id="(t\d+)"')


def xml_text(text: str) -> str:
    """What of ``text`` survives an XML export: CR and CRLF become LF (XML parsers do that
    anyway), characters XML 1.0 forbids are removed."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def to_graphml(network: Network) -> bytes:
    """The network as GraphML: people as nodes ("p12"), ties as edges, every field an
    attribute; x, y, size and r, g, b as Gephi's GraphML importer expects. Edges are
    undirected unless the tie is (``directed="true"`` on that edge)."""
    import networkx as nx  # on first use: the window opens without it

    graph = _graph(network, gephi_flat=True)
    out = io.BytesIO()
    nx.write_graphml_xml(graph, out)
    directed = {f"t{t.id}".encode() for t in network.ties.values() if t.directed}
    return _EDGE_ID.sub(lambda m: m[0] + (b' directed="true"' if m[1] in directed else b""),
                        out.getvalue())


def to_gexf(network: Network) -> bytes:
    """The network as GEXF 1.2 with ``viz`` position, colour and size per node."""
    import networkx as nx

    graph = _graph(network, gephi_flat=False)
    out = io.BytesIO()
    nx.write_gexf(graph, out, version="1.2draft")
    return out.getvalue().replace(b' name=""', b"", 1)  # the GEXF schema has no graph name


def _graph(network: Network, *, gephi_flat: bool) -> Any:
    import networkx as nx

    graph = nx.MultiGraph()  # each tie says its own direction: GEXF "type", GraphML "directed"
    cleaned: list[str] = []
    for p in sorted(network.people.values(), key=lambda p: p.id):
        attrs = _clean(_node(p, network), cleaned)
        colour, size = _colour(p, network), _size(p)
        if gephi_flat:
            attrs.update(size=size, **_rgb(colour))
        else:
            attrs.pop("x", None)
            attrs.pop("y", None)
            attrs["viz"] = _viz(p, colour, size)
        graph.add_node(f"p{p.id}", **attrs)
    for t in sorted(network.ties.values(), key=lambda t: t.id):
        attrs = _clean(_edge(t), cleaned)
        if gephi_flat:
            del attrs["id"]  # GraphML: the edge's id is its key, written once
        elif t.directed:
            attrs["type"] = "directed"
        graph.add_edge(f"p{t.a}", f"p{t.b}", key=f"t{t.id}", **attrs)
    if cleaned:
        log.warning("XML cannot hold some control characters; removed from %d value(s)",
                    len(cleaned))
    return graph


def _node(p: Person, network: Network) -> dict[str, Any]:
    spheres = [network.spheres[s].name for s in sorted(p.spheres) if s in network.spheres]
    attrs: dict[str, Any] = {
        "label": p.display_name, "given_name": p.given_name, "family_name": p.family_name,
        "organisation": p.organisation, "title": p.title,
        "emails": ", ".join(e.value for e in p.emails),
        "phones": ", ".join(c.value for c in p.phones), "location": p.location,
        "industry": p.industry, "url": p.url, "notes": p.notes, "how_we_met": p.how_we_met,
        "roles": ", ".join(sorted(r.value for r in p.roles)), "spheres": " | ".join(spheres),
        "source": p.source, "internal": p.internal, "is_me": p.is_me,
        "cadence_days": p.cadence_days, "x": p.x, "y": p.y,
    }
    for which in AssessmentField:
        attrs[which.value] = p.assessment.rating(which)
    return attrs


def _edge(t: Tie) -> dict[str, Any]:
    return {
        "id": f"t{t.id}", "kind": t.kind.value, "directed": t.directed,
        "strength": t.strength, "weight": float(t.strength),
        "since": t.since.isoformat() if t.since else "", "notes": t.notes, "source": t.source,
    }


def _clean(attrs: dict[str, Any], cleaned: list[str]) -> dict[str, Any]:
    """Drop empty values (GraphML/GEXF have no null) and make text XML-safe."""
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if value is None or value == "":
            continue
        if isinstance(value, str):
            safe = xml_text(value)
            if _NOT_XML.search(value.replace("\r", "")):
                cleaned.append(key)
            value = safe
        out[key] = value
    return out


def _colour(p: Person, network: Network) -> str:
    if p.is_me:
        return ME_FILL
    colours = [network.spheres[s].colour for s in sorted(p.spheres) if s in network.spheres]
    return colours[0] if colours else NO_SPHERE


def _size(p: Person) -> float:
    if p.is_me:
        return ME_RADIUS
    quality = p.assessment.quality
    return NODE_RADIUS * (0.8 if quality is None else 0.7 + 0.25 * quality)


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def _viz(p: Person, colour: str, size: float) -> dict[str, Any]:
    viz: dict[str, Any] = {"color": {**_rgb(colour), "a": 1.0}, "size": size}
    if p.x is not None and p.y is not None:
        viz["position"] = {"x": p.x, "y": p.y, "z": 0.0}
    return viz
