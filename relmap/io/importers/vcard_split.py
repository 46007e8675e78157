"""Cutting a vCard file into cards, so that one broken card is skipped and the rest read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from relmap.core.i18n import tr

MAX_DEPTH = 4  # AGENT may hold a card; deeper nesting is refused card by card
# Pictures, sounds and keys: relmap keeps none of them, and they are most of a file's size.
BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_NAME = re.compile(r"^(?:[A-Za-z0-9\-]+\.)?([A-Za-z0-9\-]+)")


@dataclass
class Card:
    """The lines of one card, the line it starts on, and what is wrong with it (if anything)."""

    line: int
    lines: list[str] = field(default_factory=list)
    problem: str = ""
    dropped: int = 0  # binary properties left out
    depth: int = 1
    properties: int = 0

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass
class Stray:
    """Lines outside any card (ignored), counted for one warning."""

    count: int = 0
    first: int = 0

    def add(self, line: int) -> None:
        self.count += 1
        self.first = self.first or line


def split_cards(lines: list[str], stray: Stray) -> Iterator[Card]:
    """Yield every card of ``lines``; damaged ones carry a ``problem`` and are not parsed.

    A BEGIN:VCARD inside a card nests only right after an AGENT property or before any
    property; otherwise the open card lacks its END:VCARD and is reported as such.
    """
    card: Card | None = None
    prev, skipping = "", False
    for n, raw in enumerate(lines, start=1):
        folded = raw[:1] in (" ", "\t")
        if skipping and (folded or not raw.strip()):
            continue
        skipping = False
        word = raw.strip().upper() if not folded else ""
        if word == "BEGIN:VCARD":
            if card is not None and not (prev == "AGENT" or card.properties == 0):
                card.problem = tr("it has no END:VCARD")
                yield card
                card = None
            card = _begin(card, n, raw)
        elif word == "END:VCARD":
            card, done = _end(card, n, raw, stray)
            if done is not None:
                yield done
        elif card is None:
            if raw.strip():
                stray.add(n)
        else:
            prev, skipping = _property(card, raw, folded, prev)
    if card is not None:
        card.problem = card.problem or tr("it has no END:VCARD")
        yield card


def _begin(card: Card | None, n: int, raw: str) -> Card:
    if card is None:
        return Card(n, [raw])
    card.depth += 1
    if card.depth > MAX_DEPTH:
        card.problem = tr("it nests cards more than {MAX_DEPTH} levels deep").format(
            MAX_DEPTH=MAX_DEPTH
        )
        card.lines.clear()  # nothing of it will be read: keep memory flat
    elif not card.problem:
        card.lines.append(raw)
    return card


def _end(card: Card | None, n: int, raw: str, stray: Stray) -> tuple[Card | None, Card | None]:
    """The card still open after this END:VCARD, and the card it completes."""
    if card is None:
        stray.add(n)
        return None, None
    card.depth -= 1
    if not card.problem:
        card.lines.append(raw)
    return (None, card) if card.depth == 0 else (card, None)


def _property(card: Card, raw: str, folded: bool, prev: str) -> tuple[str, bool]:
    if folded:
        if not card.problem:
            card.lines.append(raw)
        return prev, False
    match = _NAME.match(raw)
    name = match[1].upper() if match else ""
    if name in BINARY:
        card.dropped += 1
        return name, True
    card.properties += 1
    if not card.problem:
        card.lines.append(raw)
    return name, False
