"""Column mapping for generic CSV: the fields a column can feed, and suggestions from headers."""

from __future__ import annotations

import re
from collections.abc import Mapping

IGNORE = ""
PEOPLE_FIELDS = (
    "name", "given name", "family name", "organisation", "title", "emails", "phones",
    "location", "industry", "url", "notes", "how we met", "internal", "roles", "cadence days",
    "spheres", "trust given", "trust received", "quality", "relevance", "x", "y",
)
TIE_FIELDS = ("from", "to", "kind", "directed", "strength", "since", "notes")
INTERACTION_FIELDS = ("date", "with", "kind", "summary", "quality")
FIELDS_OF = {"people": PEOPLE_FIELDS, "ties": TIE_FIELDS, "interactions": INTERACTION_FIELDS}
MULTI_FIELDS = frozenset({"emails", "phones", "spheres", "notes", "roles"})
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "display name", "contact", "contact name", "person", "label"),
    "given name": ("given name", "first name", "first", "forename", "firstname"),
    "family name": ("family name", "last name", "surname", "last", "lastname"),
    "organisation": ("organisation", "organization", "company", "employer", "org",
                     "company name", "organization name"),
    "title": ("title", "job title", "position", "job", "role title", "occupation"),
    "emails": ("emails", "email", "e mail", "email address", "e mail address", "mail"),
    "phones": ("phones", "phone", "telephone", "mobile", "tel", "phone number", "cell"),
    "location": ("location", "city", "address", "country", "town"),
    "industry": ("industry", "sector"),
    "url": ("url", "website", "web", "web page", "homepage", "profile", "linkedin",
            "profile url", "linkedin url"),
    "notes": ("notes", "note", "comments", "comment", "description", "remarks"),
    "how we met": ("how we met", "met", "how met"),
    "internal": ("internal",),
    "roles": ("roles", "role", "relationship role"),
    "cadence days": ("cadence days", "cadence", "stay in touch", "stay in touch days"),
    "spheres": ("spheres", "sphere", "tags", "tag", "groups", "group", "labels",
                "categories", "category"),
    "trust given": ("trust given",),
    "trust received": ("trust received",),
    "quality": ("quality",),
    "relevance": ("relevance",),
    "x": ("x",),
    "y": ("y",),
    "from": ("from", "source", "person a", "from name"),
    "to": ("to", "target", "person b", "to name"),
    "kind": ("kind", "type", "relationship", "relation", "connection type"),
    "directed": ("directed", "direction"),
    "strength": ("strength", "weight", "tie strength"),
    "since": ("since", "date", "connected on", "start date"),
    "date": ("date", "when", "day", "meeting date", "start date", "start"),
    "with": ("with", "attendees", "participants", "people", "who", "met with", "contacts",
             "guests"),
    "summary": ("summary", "subject", "topic", "about", "title", "description", "notes"),
}
_INTERACTION_SYNONYMS = {"kind": ("kind", "type", "channel", "medium"),
                         "quality": ("quality", "rating", "how it went")}


def fold_header(header: str) -> str:
    """"E-mail Address" -> "e mail address"."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.casefold()).split())


def _lookup(fields: tuple[str, ...]) -> dict[str, str]:
    synonyms = _SYNONYMS | (_INTERACTION_SYNONYMS if fields is INTERACTION_FIELDS else {})
    return {syn: f for f in fields for syn in synonyms.get(f, (f,))}


def suggest_mapping(headers: list[str]) -> tuple[str, dict[str, str]]:
    """Guess what each column holds; ("ties", ...) when there are from and to columns,
    ("interactions", ...) when there are date and with (attendees) columns.

    Parameters
    ----------
    headers
        The header row.

    Returns
    -------
    tuple of str and dict
        "people", "ties" or "interactions", and column -> field (``IGNORE`` for columns not
        understood).
    """
    for kind in ("ties", "interactions"):
        mapping = suggest(headers, kind)
        if mapping_kind(mapping) == kind:
            return kind, mapping
    return "people", suggest_people(headers)


def suggest(headers: list[str], kind: str) -> dict[str, str]:
    """Column -> field of ``kind`` ("people", "ties" or "interactions")."""
    return _suggest(headers, FIELDS_OF[kind])


def suggest_people(headers: list[str]) -> dict[str, str]:
    """Column -> person field (``IGNORE`` for the others), for tables known to hold people."""
    return _suggest(headers, PEOPLE_FIELDS)


def _suggest(headers: list[str], fields: tuple[str, ...]) -> dict[str, str]:
    lookup = _lookup(fields)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for header in headers:
        folded = fold_header(header)
        field = lookup.get(folded) or _loose(folded, fields)
        if field and (field not in used or field in MULTI_FIELDS):
            mapping[header] = field
            used.add(field)
        else:
            mapping[header] = IGNORE
    return mapping


def _loose(folded: str, fields: tuple[str, ...]) -> str:
    """Numbered contact columns like "E-mail 2 - Value" or "Mobile Phone"."""
    if any(w in folded.split() for w in ("type", "label", "display")):
        return IGNORE
    if "emails" in fields and re.search(r"\be ?mail\b", folded):
        return "emails"
    if "phones" in fields and re.search(r"\b(phone|mobile|tel)\b", folded):
        return "phones"
    return IGNORE


def mapping_kind(mapping: Mapping[str, str]) -> str:
    """"ties" when the mapping has from and to columns, "interactions" when it has date and
    with columns, else "people"."""
    fields = set(mapping.values())
    if {"from", "to"} <= fields:
        return "ties"
    return "interactions" if {"date", "with"} <= fields else "people"
