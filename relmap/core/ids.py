"""Typed integer ids of the domain entities."""

from __future__ import annotations

from typing import NewType

PersonId = NewType("PersonId", int)
TieId = NewType("TieId", int)
SphereId = NewType("SphereId", int)
GoalId = NewType("GoalId", int)
InteractionId = NewType("InteractionId", int)
ExchangeId = NewType("ExchangeId", int)
ViewId = NewType("ViewId", int)
SessionId = NewType("SessionId", int)
RemovalId = NewType("RemovalId", int)
