"""vCard 3.0 export through vobject: one card per person, spheres as CATEGORIES."""

from __future__ import annotations

from typing import Any

import vobject

from relmap.core.model import Person
from relmap.core.network import Network


def to_vcards(network: Network) -> bytes:
    """Every person as a vCard 3.0, UTF-8, CRLF line ends.

    vCard text cannot hold a carriage return: vobject writes CR and CRLF inside values as
    line breaks, so they come back as "\\n".
    """
    cards = [_card(p, network) for p in sorted(network.people.values(), key=lambda p: p.id)]
    return "".join(cards).encode("utf-8")


def _card(person: Person, network: Network) -> str:
    card = vobject.vCard()
    card.add("fn").value = person.display_name
    card.add("n").value = vobject.vcard.Name(family=person.family_name,
                                             given=person.given_name)
    card.add("uid").value = f"relmap-person-{person.id}"
    _optional(card, "org", [person.organisation] if person.organisation else None)
    _optional(card, "title", person.title)
    for email in person.emails:
        line = card.add("email")
        line.value = email.value
        line.type_param = email.label or "INTERNET"
    for phone in person.phones:
        line = card.add("tel")
        line.value = phone.value
        if phone.label:
            line.type_param = phone.label
    if person.location:
        card.add("adr").value = vobject.vcard.Address(city=person.location)
    _optional(card, "url", person.url)
    _optional(card, "note", person.notes)
    spheres = [network.spheres[s].name for s in sorted(person.spheres) if s in network.spheres]
    _optional(card, "categories", spheres or None)
    text: str = card.serialize()
    return text


def _optional(card: Any, name: str, value: object) -> None:
    if value:
        card.add(name).value = value
