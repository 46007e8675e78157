"""vCard 3.0 export through vobject: one card per person, spheres as CATEGORIES."""

from __future__ import annotations

from typing import Any

import vobject

from relmap.core.model import Person
from relmap.core.network import Network

# Labels as address books write them ("Mobile", "Work Fax"…) to the vCard 3.0 TYPE values;
# a label vCard has no type for is left off rather than written as an unknown type.
_PHONE_TYPES = {
    "mobile": "CELL", "cell": "CELL", "cellular": "CELL", "iphone": "CELL", "home": "HOME",
    "work": "WORK", "business": "WORK", "office": "WORK", "main": "VOICE", "voice": "VOICE",
    "fax": "FAX", "work fax": "FAX", "home fax": "FAX", "business fax": "FAX",
    "pager": "PAGER", "car": "CAR", "video": "VIDEO", "text": "MSG",
}
_EMAIL_TYPES = {"home": "HOME", "personal": "HOME", "work": "WORK", "business": "WORK"}


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
        line.type_param = _EMAIL_TYPES.get(email.label.strip().casefold(), "INTERNET")
    for phone in person.phones:
        line = card.add("tel")
        line.value = phone.value
        kind = _PHONE_TYPES.get(phone.label.strip().casefold())
        if kind:
            line.type_param = kind
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
