"""Options every importer takes: progress and cancel hooks, the date, format choices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from relmap.io.progress import Monitor


@dataclass(frozen=True)
class ParseOptions:
    """How to read a file.

    ``today`` dates the provenance ("LinkedIn, 12 Mar 2024"); ``company_spheres`` makes each
    LinkedIn company a sphere; ``mapping`` maps the columns of a generic CSV to fields
    (``relmap.io.importers.generic_csv.PEOPLE_FIELDS`` or ``TIE_FIELDS``; None means the
    suggestion).
    """

    monitor: Monitor = field(default_factory=Monitor)
    today: date | None = None
    company_spheres: bool = False
    mapping: Mapping[str, str] | None = None
