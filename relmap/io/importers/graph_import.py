"""GEXF (Gephi) and GraphML (yEd, Cytoscape, Gephi) files, screened, then read by networkx."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from relmap.core.i18n import tr
from relmap.io.errors import ImportRefusedError
from relmap.io.importers.drafts import provenance
from relmap.io.importers.graph_records import (
    colour_groups,
    edge_draft,
    group_attribute,
    group_spheres,
    node_colour,
    node_draft,
    node_mapping,
)
from relmap.io.options import ParseOptions
from relmap.io.pipeline.plan import Issue, ParsedFile, PersonDraft, SphereDraft, TieDraft
from relmap.io.pipeline.spheres import MAX_SPHERE_NAME
from relmap.io.xml_screen import declared_ids, load_xml, refuse_repeated_ids


def _own_directions(root: Any, data: bytes, attribute: str, directed: str
                    ) -> tuple[dict[str, bool], bytes]:
    """Each edge's own direction, by edge id, and the file without it.

    An edge may state its direction in a graph of the other kind (GraphML ``directed="true"``,
    GEXF ``type="directed"``, as relmap, yEd and Gephi write them); networkx refuses such a
    graph, so the direction is read here and taken out of the text it parses.
    """
    own = {str(e.get("id")): e.get(attribute) == directed for e in root.iter()
           if str(e.tag).endswith("edge") and e.get(attribute) is not None}
    if not own:
        return own, data
    pattern = re.compile(rb'(<(?:\w+:)?edge\b[^>]*?)\s+' + attribute.encode() + rb'="[^"]*"')
    return own, pattern.sub(rb"\1", data)

def parse_gexf(path: Path, options: ParseOptions | None = None) -> ParsedFile:
    """Read a GEXF file (1.1, 1.2 or 1.3, optionally gzipped).

    Parameters
    ----------
    path
        The file; it is screened with defusedxml before networkx reads it.
    options
        Progress/cancel hooks and the import date.

    Returns
    -------
    ParsedFile
        A person per node (attributes by name, ``viz`` position), a tie per edge (weight as
        strength 1–5); a partition attribute or a handful of ``viz`` colours become spheres.
    """
    options = options or ParseOptions()
    data, root = load_xml(path, expected=tr("a GEXF file"))
    refuse_repeated_ids(root, path.name)
    own, data = _own_directions(root, data, "type", "directed")
    import networkx as nx  # on first use: the window opens without it
    try:
        graph = nx.read_gexf(io.BytesIO(data))
    except (nx.NetworkXError, ValueError, KeyError, TypeError) as exc:
        raise ImportRefusedError(
            tr("{name} is not a GEXF file networkx can read ({exc})").format(
                name=path.name, exc=exc
            )
        ) from exc
    return _records(graph, declared_ids(root), "Gephi GEXF", options, own)


def parse_graphml(path: Path, options: ParseOptions | None = None) -> ParsedFile:
    """Read a GraphML file (optionally gzipped), as Gephi, yEd or Cytoscape write it.

    Parameters
    ----------
    path
        The file; it is screened with defusedxml before networkx reads it.
    options
        Progress/cancel hooks and the import date.

    Returns
    -------
    ParsedFile
        A person per node and a tie per edge, as for GEXF; an edge to a node the file never
        declares is skipped with a warning.
    """
    options = options or ParseOptions()
    data, root = load_xml(path, expected=tr("a GraphML file"))
    refuse_repeated_ids(root, path.name)
    own, data = _own_directions(root, data, "directed", "true")
    import networkx as nx
    try:
        graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    except (nx.NetworkXError, ValueError, KeyError, TypeError) as exc:
        raise ImportRefusedError(
            tr("{name} is not a GraphML file networkx can read ({exc})").format(
                name=path.name, exc=exc
            )
        ) from exc
    return _records(graph, declared_ids(root), "GraphML", options, own)


def _records(graph: Any, declared: set[str], label: str, options: ParseOptions,
             own: Mapping[str, bool] | None = None) -> ParsedFile:
    if not declared:
        raise ImportRefusedError(tr("the {label} file has no nodes in it").format(label=label))
    source = provenance(label, options.today)
    nodes = [n for n in graph.nodes if str(n) in declared]
    people, skipped, issues = _people(graph, nodes, source, options)
    spheres = _spheres(graph, nodes, people)
    ties, ties_skipped = _ties(graph, declared, source, {p.key for p in people}, options,
                               own or {})
    return ParsedFile(label, source, tuple(people), tuple(ties), tuple(spheres),
                      tuple(issues), tuple(skipped), tuple(ties_skipped))


def _people(
    graph: Any, nodes: list[Any], source: str, options: ParseOptions
) -> tuple[list[PersonDraft], list[Issue], list[Issue]]:
    mapping = node_mapping(a for n in nodes for a in graph.nodes[n])
    people: list[PersonDraft] = []
    skipped: list[Issue] = []
    issues: list[Issue] = []
    for done, node in enumerate(nodes, start=1):
        options.monitor.step(done, len(nodes))
        try:
            result = node_draft(str(node), graph.nodes[node], mapping, source=source,
                                issues=issues)
        except Exception as exc:  # one bad node must not stop the file
            result = Issue(
                tr("node {node}").format(node=node), tr("skipped: {exc}").format(exc=exc)
            )
        if isinstance(result, Issue):
            skipped.append(result)
            continue
        owner = _directed(graph.nodes[node].get("is_me"), False)  # a relmap export's "me"
        if owner and not any(p.person.is_me for p in people):
            result = replace(result, person=replace(result.person, is_me=True))
        people.append(result)
    return people, skipped, issues


def _spheres(graph: Any, nodes: list[Any], people: list[PersonDraft]) -> list[SphereDraft]:
    """A partition attribute, else a handful of node colours, groups people into spheres."""
    colours = {str(n): c for n in nodes if (c := node_colour(graph.nodes[n])) is not None}
    group = group_attribute(a for n in nodes for a in graph.nodes[n])
    if group is not None:
        title = group.replace("_", " ").strip()
        groups = {str(n): _group_name(title, value) for n in nodes
                  if (value := graph.nodes[n].get(group)) is not None and str(value).strip()}
        member_of, drafts = group_spheres(groups, colours)
    elif any(p.spheres for p in people):
        return []  # the file names its spheres (a relmap export): colours are decoration
    else:
        member_of, drafts = colour_groups(colours)
    for i, person in enumerate(people):
        if person.key in member_of:
            people[i] = _join(person, member_of[person.key])
    return drafts


def _group_name(title: str, value: object) -> str:
    text = str(value).strip()
    name = f"{title} {text}" if isinstance(value, int | float) or text.isdigit() else text
    return name[:MAX_SPHERE_NAME]


def _join(person: PersonDraft, sphere: str) -> PersonDraft:
    return replace(person, spheres=(*person.spheres, sphere))


def _ties(
    graph: Any, declared: set[str], source: str, kept: set[str], options: ParseOptions,
    own: Mapping[str, bool],
) -> tuple[list[TieDraft], list[Issue]]:
    edges = list(graph.edges(data=True))
    scale = strength_scale([attrs.get("weight") for _, _, attrs in edges])
    ties: list[TieDraft] = []
    skipped: list[Issue] = []
    for i, (a, b, attrs) in enumerate(edges, start=1):
        where = tr("edge {get} ({a} - {b})").format(get=attrs.get('id', i), a=a, b=b)
        missing = next((str(n) for n in (a, b) if str(n) not in declared), None)
        if missing is not None:
            skipped.append(
                Issue(
                    where, tr("skipped: node '{missing}' is not declared").format(missing=missing)
                )
            )
            continue
        try:
            strength = _strength(attrs, scale)
            directed = _directed(attrs.get("directed", own.get(str(attrs.get("id")))),
                                 graph.is_directed())
            ties.append(edge_draft(str(a), str(b), attrs, directed=directed,
                                   strength=strength, source=source, where=where))
        except Exception as exc:  # one bad edge must not stop the file
            skipped.append(Issue(where, tr("skipped: {exc}").format(exc=exc)))
    options.monitor.check()
    return ties, skipped


def _directed(value: object, default: bool) -> bool:
    """A per-edge "directed" attribute (relmap's own exports) beats the graph's default."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.casefold() in ("true", "false"):
        return value.casefold() == "true"
    return default


def strength_scale(weights: list[object]) -> tuple[float, float] | None:
    """The weight range to spread over strengths 1–5; None when weights are already 1–5."""
    numbers = [float(w) for w in weights if isinstance(w, int | float) and math.isfinite(w)]
    if not numbers or all(n == int(n) and 1 <= n <= 5 for n in numbers):
        return None
    return min(numbers), max(numbers)


def _strength(attrs: dict[str, Any], scale: tuple[float, float] | None) -> int:
    own = attrs.get("strength")
    if isinstance(own, int | float) and 1 <= own <= 5:
        return round(own)
    weight = attrs.get("weight")
    if not isinstance(weight, int | float) or not math.isfinite(weight):
        return 3
    if scale is None:
        return int(weight)
    low, high = scale
    if high == low:
        return 3
    return 1 + round(4 * (weight - low) / (high - low))
