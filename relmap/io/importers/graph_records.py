"""Nodes and edges of a networkx graph (from GEXF or GraphML) as person and tie drafts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from relmap.core.i18n import tr
from relmap.core.model import Assessment, AssessmentField, Role, TieKind
from relmap.io.importers.column_mapping import IGNORE, PEOPLE_FIELDS, fold_header, suggest_people
from relmap.io.importers.drafts import Fields, make_draft
from relmap.io.pipeline.plan import Issue, PersonDraft, SphereDraft, TieDraft
from relmap.io.values import parse_bool, parse_date, parse_rating, split_multi

GROUP_ATTRIBUTES = ("modularity class", "modularity_class", "community", "group", "cluster",
                    "partition", "sphere")
MAX_COLOUR_GROUPS = 12  # more distinct colours than this is a gradient, not groups
_KINDS = {k.value: k for k in TieKind}
_ROLE_NAMES = frozenset(r.value for r in Role)
_KIND_ATTRIBUTES = ("kind", "type", "relationship", "interaction", "label", "edge label")


def node_mapping(attributes: Iterable[str]) -> dict[str, str]:
    """Which node attribute feeds which person field (the CSV header rules)."""
    partition = {fold_header(g) for g in GROUP_ATTRIBUTES}  # read by group_attribute()
    names = sorted(a for a in set(attributes) - {"viz"} if fold_header(a) not in partition)
    mapping = suggest_people(names)
    return {k: v for k, v in mapping.items() if v in PEOPLE_FIELDS and v != IGNORE}


def node_draft(
    node: str, attrs: Mapping[str, Any], mapping: Mapping[str, str], *, source: str,
    issues: list[Issue],
) -> PersonDraft | Issue:
    """A person from one node's attributes; a node without a label is named by its id."""
    where = tr("node {node}").format(node=node)
    values: dict[str, str] = {}
    for attr, field in mapping.items():
        if attrs.get(attr) not in (None, ""):
            values.setdefault(field, str(attrs[attr]))
    if not any(values.get(f) for f in ("name", "given name", "family name")):
        values["name"] = str(node)
        issues.append(Issue(where, tr("the node has no label; named by its id")))
    fields = Fields(
        display_name=values.get("name", ""), given_name=values.get("given name", ""),
        family_name=values.get("family name", ""), organisation=values.get("organisation", ""),
        title=values.get("title", ""), location=values.get("location", ""),
        industry=values.get("industry", ""), url=values.get("url", ""),
        notes=values.get("notes", ""), how_we_met=values.get("how we met", ""),
        spheres=split_multi(values.get("spheres", ""), "|"),
    )
    fields.add_emails(values.get("emails", ""), "", where, issues)
    fields.add_phones(values.get("phones", "").replace(", ", " ::: "), "")
    fields.roles = {Role(r) for r in split_multi(values.get("roles", ""), ",")
                    if r in _ROLE_NAMES}
    draft = make_draft(str(node), where, fields, source=source, issues=issues)
    if isinstance(draft, Issue):
        return draft
    return replace(draft, person=_extras(draft, values, attrs, where, issues))


def _extras(
    draft: PersonDraft, values: Mapping[str, str], attrs: Mapping[str, Any], where: str,
    issues: list[Issue],
) -> Any:
    changes: dict[str, Any] = {}
    ratings: dict[str, int | None] = {}
    try:
        for which in AssessmentField:
            ratings[which.value] = parse_rating(values.get(which.value.replace("_", " "), ""))
        if "internal" in values:
            changes["internal"] = parse_bool(values["internal"])
        if values.get("cadence days"):
            changes["cadence_days"] = max(1, int(float(values["cadence days"])))
    except ValueError as exc:
        issues.append(Issue(where, tr("{exc}; left out").format(exc=exc)))
    changes["assessment"] = Assessment(**ratings)  # type: ignore[arg-type]
    changes.update(_position(values, attrs))
    return replace(draft.person, **changes)


def _position(values: Mapping[str, str], attrs: Mapping[str, Any]) -> dict[str, float]:
    viz = attrs.get("viz")
    pos = viz.get("position") if isinstance(viz, dict) else None
    try:
        if isinstance(pos, dict) and "x" in pos and "y" in pos:
            return {"x": float(pos["x"]), "y": float(pos["y"])}
        if values.get("x") and values.get("y"):
            return {"x": float(values["x"]), "y": float(values["y"])}
    except (TypeError, ValueError):
        pass
    return {}


def node_colour(attrs: Mapping[str, Any]) -> str | None:
    """The GEXF viz colour of a node as #rrggbb, if it has one."""
    viz = attrs.get("viz")
    colour = viz.get("color") if isinstance(viz, dict) else None
    if not isinstance(colour, dict):
        colour = attrs  # Gephi's GraphML carries r, g, b as plain attributes
    try:
        r, g, b = (max(0, min(255, int(colour[c]))) for c in ("r", "g", "b"))
    except (KeyError, TypeError, ValueError):
        return None
    return f"#{r:02x}{g:02x}{b:02x}"


def group_attribute(attributes: Iterable[str]) -> str | None:
    """The node attribute that partitions the graph (Gephi's "Modularity Class"...)."""
    by_fold = {fold_header(a): a for a in attributes}
    for name in GROUP_ATTRIBUTES:
        if fold_header(name) in by_fold:
            return by_fold[fold_header(name)]
    return None


def group_spheres(
    groups: Mapping[str, str], colours: Mapping[str, str]
) -> tuple[dict[str, str], list[SphereDraft]]:
    """Spheres from a partition (node -> group name), coloured by their commonest colour."""
    votes: dict[str, Counter[str]] = {}
    for node, group in groups.items():
        votes.setdefault(group, Counter())
        if node in colours:
            votes[group][colours[node]] += 1
    drafts = [SphereDraft(g, c.most_common(1)[0][0] if c else None) for g, c in votes.items()]
    return dict(groups), drafts


def colour_groups(colours: Mapping[str, str]) -> tuple[dict[str, str], list[SphereDraft]]:
    """Without a partition attribute, a handful of node colours are taken as groups."""
    counts = Counter(colours.values())
    if not 2 <= len(counts) <= MAX_COLOUR_GROUPS:
        return {}, []
    names = {c: f"Colour group {i}" for i, (c, _) in enumerate(counts.most_common(), start=1)}
    return ({n: names[c] for n, c in colours.items()},
            [SphereDraft(names[c], c) for c in names])


def edge_draft(
    a: str, b: str, attrs: Mapping[str, Any], *, directed: bool, strength: int, source: str,
    where: str,
) -> TieDraft:
    """A tie from one edge: kind from kind/type/label, date from since, notes from notes."""
    by_fold = {fold_header(k): v for k, v in attrs.items()}
    text = next((str(by_fold[k]) for k in _KIND_ATTRIBUTES if by_fold.get(k)), "")
    kind = _KINDS.get(text.casefold(), TieKind.OTHER)
    notes = str(attrs.get("notes") or "")
    if text and text.casefold() not in _KINDS and text.casefold() not in ("directed",
                                                                         "undirected"):
        notes = f"{text}\n{notes}".strip()
    since = None
    try:
        since = parse_date(str(attrs.get("since") or ""))
    except ValueError:
        since = None
    return TieDraft(a, b, where, kind, directed, strength, since, notes, source)
