"""The edit protocol and the building blocks every edit module shares."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from relmap.core.errors import ValidationError
from relmap.core.network import ChangeSet, Network


class Edit(Protocol):
    def apply(self, network: Network) -> ChangeSet: ...

    def inverse(self, network: Network) -> Edit: ...


def need(mapping: Mapping[Any, object], key: object, what: str) -> None:
    if key not in mapping:
        raise ValidationError(f"no {what} with id {key}")


def check_fields(changes: Mapping[str, object], allowed: frozenset[str], what: str) -> None:
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"cannot set {', '.join(sorted(unknown))} of a {what}")


@dataclass(frozen=True)
class Batch:
    """Several edits applied in order as one; all or nothing."""

    edits: tuple[Edit, ...]

    def apply(self, network: Network) -> ChangeSet:
        done: list[Edit] = []
        changes = ChangeSet()
        try:
            for edit in self.edits:
                undo = edit.inverse(network)
                changes |= network.apply(edit)
                done.append(undo)
        except Exception:
            for undo in reversed(done):
                network.apply(undo)
            raise
        return changes

    def inverse(self, network: Network) -> Edit:
        scratch = network.copy()
        inverses: list[Edit] = []
        for edit in self.edits:
            inverses.append(edit.inverse(scratch))
            scratch.apply(edit)
        return Batch(tuple(reversed(inverses)))
