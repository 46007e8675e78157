"""Edits of the relationship log: goals, interactions (meetings, calls...) and exchanges."""

from __future__ import annotations

from dataclasses import dataclass

from relmap.core.edit_base import Batch, Edit
from relmap.core.errors import ValidationError
from relmap.core.model import Exchange, Interaction, Record, record_kind
from relmap.core.network import ChangeSet, Network, RecordKey


def record_key(record: Record) -> RecordKey:
    return (record_kind(record), int(record.id))


def _check(record: Record, network: Network) -> None:
    if isinstance(record, Interaction) and not record.participants <= network.people.keys():
        raise ValidationError("an interaction names someone who is not on the map")
    if isinstance(record, Exchange) and record.person not in network.people:
        raise ValidationError("an exchange names someone who is not on the map")


@dataclass(frozen=True)
class PutRecords:
    """Add records, or replace the ones with the same id."""

    records: tuple[Record, ...]

    def apply(self, network: Network) -> ChangeSet:
        keys = [record_key(r) for r in self.records]
        if len(set(keys)) != len(keys):
            raise ValidationError("a record appears twice in one edit")
        for record in self.records:
            _check(record, network)
        for (kind, _), record in zip(keys, self.records, strict=True):
            network.records(kind)[record.id] = record
        return ChangeSet(records=frozenset(keys))

    def inverse(self, network: Network) -> Edit:
        old = [network.records(k).get(i) for k, i in map(record_key, self.records)]
        new = tuple(record_key(r) for r, o in zip(self.records, old, strict=True) if o is None)
        return Batch((DeleteRecords(new), PutRecords(tuple(o for o in old if o is not None))))


@dataclass(frozen=True)
class DeleteRecords:
    keys: tuple[RecordKey, ...]

    def apply(self, network: Network) -> ChangeSet:
        for kind, rid in self.keys:
            if rid not in network.records(kind):
                raise ValidationError(f"no {kind} with id {rid}")
        for kind, rid in self.keys:
            del network.records(kind)[rid]
        return ChangeSet(records=frozenset(self.keys))

    def inverse(self, network: Network) -> Edit:
        return PutRecords(tuple(network.records(kind)[rid] for kind, rid in self.keys))
