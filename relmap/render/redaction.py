"""Redaction for sharing: what a person, a sphere and free text are called in an export."""

from __future__ import annotations

import re
from collections.abc import Iterable
from string import ascii_uppercase

from relmap.core.i18n import named, tr
from relmap.core.ids import SphereId
from relmap.core.model import Person, Role
from relmap.core.network import Network
from relmap.core.words import capital
from relmap.render.options import Redaction

_ROLE_ORDER = {role: i for i, role in enumerate(Role)}
_MIN_TERM = 3  # shorter fragments ("Al", "Co") are not searched for inside free text


def initials(name: str) -> str:
    """``"Ada Lovelace"`` → ``"A.L."``; one word gives one initial, none gives ``"?"``."""
    words = [w for w in re.split(r"[\s\-]+", name) if any(ch.isalnum() for ch in w)]
    if not words:
        return "?"
    picked = words if len(words) == 1 else [words[0], words[-1]]
    return "".join(next(ch for ch in w if ch.isalnum()).upper() + "." for w in picked)


def private_terms(person: Person) -> list[str]:
    """Every identifying text of a person that a redacted export must not contain."""
    terms = [
        person.display_name, f"{person.given_name} {person.family_name}".strip(),
        person.organisation, person.url, person.notes, person.how_we_met,
        *(e.value for e in person.emails), *(p.value for p in person.phones),
    ]
    return [t.strip() for t in terms if len(t.strip()) >= _MIN_TERM]


class Redactor:
    """Names people, spheres and titles for one export in one redaction mode.

    With ``Redaction.NONE`` people keep their display names. Otherwise a person becomes their
    initials or "Role, Sphere"; a sphere whose name contains a person's name, organisation or
    other private text becomes "Organisation A", "Organisation B"...; and free text (a title)
    has every private term replaced.
    """

    def __init__(self, network: Network, mode: Redaction) -> None:
        self.network = network
        self.mode = mode
        self._spheres = {s.id: s.name for s in network.spheres.values()}
        self._terms: list[str] = []
        self._names: re.Pattern[str] | None = None
        self._labels: dict[str, str] = {}
        if self.redacting:
            unique = {t.casefold() for p in network.people.values() for t in private_terms(p)}
            self._terms = sorted(unique, key=len, reverse=True)
            self._rename_private_spheres()

    @property
    def redacting(self) -> bool:
        return self.mode is not Redaction.NONE

    def person(self, person: Person) -> str:
        """The label of ``person`` on the map."""
        if self.mode is Redaction.NONE:
            return person.display_name
        if self.mode is Redaction.INITIALS:
            full = f"{person.given_name} {person.family_name}".strip()
            return initials(full or person.display_name)
        if person.is_me:
            return tr("Me")
        return self._role_label(person)

    def sphere(self, sphere: SphereId) -> str:
        return self._spheres.get(sphere, "")

    def group(self, name: str, index: int) -> str:
        """The name of the ``index``-th group people are coloured by (an organisation, a
        location…): "Group A", "Group B"… if it holds private text."""
        if not self._contains_private(name):
            return name
        return tr("Group {letter}").format(
            letter=ascii_uppercase[index] if index < len(ascii_uppercase) else index + 1)

    def owner_title(self) -> str:
        """The default title: "<my name>'s network" in the redaction mode's terms."""
        me = self.network.me
        if me is None or self.mode is Redaction.ROLES or me.display_name in ("Me", tr("Me")):
            return tr("My network")  # not "Me's network": the owner of a new map is unnamed
        name = self.person(me)
        return (
            tr("{name}' network").format(name=name)
            if name.endswith("s")
            else tr("{name}'s network").format(name=name)
        )

    def text(self, value: str) -> str:
        """``value`` with every private term (names, organisations, emails...) cut out."""
        for term in self._terms:  # longest first, so a full name goes before a part of it
            if term in value.casefold():
                value = re.sub(re.escape(term), "…", value, flags=re.IGNORECASE)
        return re.sub(r"\s{2,}", " ", value).strip()

    def words(self, value: str) -> str:
        """Analysis words ("ask Ada Lovelace, who trusts you…") with each person's name as
        this export names them, then every other private term cut out."""
        if not self.redacting:
            return value
        if self._names is None:
            people = sorted(self.network.people.values(), key=lambda p: -len(p.display_name))
            self._labels = {p.display_name.casefold(): self.person(p) for p in people
                            if len(p.display_name.strip()) >= _MIN_TERM}
            alternatives = "|".join(re.escape(n) for n in self._labels)
            self._names = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)",
                                     flags=re.IGNORECASE) if self._labels else None
        if self._names is not None:
            value = self._names.sub(lambda m: self._labels[m[0].casefold()], value)
        return self.text(value)

    def hide(self, terms: Iterable[str]) -> None:
        """Treat ``terms`` (a mentor's name...) as private text too."""
        extra = {t.strip().casefold() for t in terms if len(t.strip()) >= _MIN_TERM}
        if self.redacting:
            self._terms = sorted(set(self._terms) | extra, key=len, reverse=True)

    def _contains_private(self, value: str) -> bool:
        folded = value.casefold()
        return any(term in folded for term in self._terms)

    def _role_label(self, person: Person) -> str:
        parts = []
        if person.roles:
            role = min(person.roles, key=lambda r: _ROLE_ORDER[r])
            parts.append(capital(named(role)))
        known = [s for s in sorted(person.spheres) if s in self._spheres]
        if known:
            parts.append(self._spheres[known[0]])
        return ", ".join(parts) or tr("Contact")

    def _rename_private_spheres(self) -> None:
        letters = iter(ascii_uppercase)
        for sid in sorted(self._spheres):
            if self._contains_private(self._spheres[sid]):
                self._spheres[sid] = tr("Organisation {next}").format(next=next(letters, str(sid)))
