"""The ties to me on a five-step scale, for colouring them: what goes each way between us
(give and take), or whose trust is greater (trust asymmetry)."""

from __future__ import annotations

from datetime import date

from relmap.analysis.upkeep import BALANCE_LEVELS, balance_level, balances
from relmap.core.i18n import tr
from relmap.core.ids import PersonId, TieId
from relmap.core.model import Person
from relmap.core.network import Network
from relmap.style import TieColour

TRUST_LEVELS = (
    tr("They trust me more"),
    tr("They trust me a little more"),
    tr("Trust is even"),
    tr("I trust them a little more"),
    tr("I trust them more"),
)
LEVEL_WORDS = {TieColour.RECIPROCITY: BALANCE_LEVELS, TieColour.TRUST: TRUST_LEVELS}


def trust_level(person: Person) -> int | None:
    """0 ("they trust me more") … 4 ("I trust them more"); None unless rated both ways."""
    a = person.assessment
    if a.trust_given is None or a.trust_received is None:
        return None
    return max(-2, min(2, a.trust_given - a.trust_received)) + 2


def tie_levels(network: Network, which: TieColour, *, today: date) -> dict[TieId, int]:
    """The level (0–4 of ``LEVEL_WORDS[which]``) of each tie to me that has one."""
    me = network.me
    if me is None:
        return {}
    if which is TieColour.RECIPROCITY:
        owed = balances(network, today=today)
        level = {pid: balance_level(b) for pid, b in owed.items()}
    else:
        level = {pid: rated for pid, p in network.people.items()
                 if (rated := trust_level(p)) is not None}
    found: dict[TieId, int] = {}
    for t in network.ties_of(me.id):
        other: PersonId = t.b if t.a == me.id else t.a
        if other in level:
            found[t.id] = level[other]
    return found
