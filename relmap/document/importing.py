"""The import sequence, written once for the command line and the Import dialog: read the
file, match it against the map, take the user's decisions, back the map up, apply."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from relmap.core.bulk import bulk_objects
from relmap.core.edits import Edit
from relmap.core.i18n import tr
from relmap.core.network import Network
from relmap.io.pipeline.matching import ImportPlan, build_plan
from relmap.io.pipeline.plan import Decision, Issue, ParsedFile
from relmap.io.pipeline.resolve import Resolution, resolve
from relmap.store.repository import Repository


@dataclass
class PendingImport:
    """A file read and matched against a map, waiting for the duplicate decisions.

    Build one with :meth:`match`; :meth:`decide` updates the edit and the counts, matching
    again first if the map changed since.
    """

    parsed: ParsedFile
    plan: ImportPlan
    resolution: Resolution
    revision: int  # of the network it was matched against

    @classmethod
    def match(cls, parsed: ParsedFile, network: Network) -> PendingImport:
        """Match ``parsed`` against ``network``, with the suggested decisions."""
        plan = build_plan(parsed, network)
        return cls(parsed, plan, resolve(plan, network), network.revision)

    def decide(self, network: Network, decisions: Mapping[str, Decision] | None = None) -> None:
        """Resolve with ``decisions`` (None: the suggested ones) against ``network`` as it is."""
        if network.revision != self.revision:
            self.plan, self.revision = build_plan(self.parsed, network), network.revision
        self.resolution = resolve(self.plan, network, decisions)

    @property
    def issues(self) -> list[Issue]:
        """The warnings of the file and of the resolution, in that order."""
        return [*self.parsed.issues, *self.resolution.issues]

    @property
    def outcome(self) -> str:
        """What storing the import does, in one line."""
        return tr("{format} imported: {splitlines}").format(
            format=self.parsed.format, splitlines=self.resolution.counts.summary().splitlines()[0]
        )


def store_import(repository: Repository, apply: Callable[[Edit], object], edit: Edit) -> None:
    """Back the map up (verified), then ``apply(edit)`` as one transaction.

    ``apply`` is the repository's own apply on the command line and the Document's push in
    the app, where the import becomes one undo step.
    """
    repository.backup()
    with bulk_objects():
        apply(edit)
