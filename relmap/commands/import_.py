"""``relmap import``: bring people and ties in from a file, as one transaction."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from relmap.commands.common import add_db_argument, open_store, print_json
from relmap.core.errors import KnownError

if TYPE_CHECKING:
    from relmap.document.importing import PendingImport
    from relmap.io.pipeline.matching import ImportPlan
    from relmap.io.pipeline.plan import Counts, Decision, Issue

# The keys of relmap.io.formats.IMPORT_FORMATS, written out so that building the parser does not
# import every importer; tests/test_cli_startup.py keeps the two lists equal.
IMPORT_FORMAT_NAMES = (
    "linkedin", "google", "outlook", "vcard", "csv", "kumu", "gexf", "graphml", "json",
)

NAME = "import"
HELP = "import people and ties from a file (" + ", ".join(IMPORT_FORMAT_NAMES) + ")"
SHOWN_WARNINGS = 20
# --duplicates choices and the Decision member each stands for
_DECISIONS = {"merge": "MERGE", "keep-both": "KEEP_BOTH", "skip": "SKIP"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", metavar="FORMAT", nargs="?",
                        help=" | ".join(IMPORT_FORMAT_NAMES) + " (told from the file if left out)")
    parser.add_argument("file", metavar="FILE", type=Path, help="the file to import")
    add_db_argument(parser)
    parser.add_argument("--dry-run", action="store_true",
                        help="read and match the file, print the counts, change nothing")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument("--duplicates", choices=("suggested", *_DECISIONS), default="suggested",
                        help="what to do with people who look like someone already known "
                        "(default: merge strong matches, keep both otherwise)")
    parser.add_argument("--company-spheres", action="store_true",
                        help="linkedin: make each company a sphere")
    parser.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                        help="csv: map a column to a field (repeat; unmapped columns are "
                        "ignored; without --map the mapping is suggested from the headers)")


def run(args: argparse.Namespace) -> int:
    from relmap.document.importing import PendingImport, store_import
    from relmap.io.formats import guess_format, parse_file
    from relmap.io.options import ParseOptions

    options = ParseOptions(company_spheres=args.company_spheres, mapping=_mapping(args.map))
    fmt = args.format.casefold() if args.format else guess_format(args.file)
    if fmt is None:
        raise KnownError(f"cannot tell the format of {args.file}: name it before the file "
                         f"({', '.join(IMPORT_FORMAT_NAMES)})")
    parsed = parse_file(fmt, args.file, options)
    repository, network = open_store(args, create=True)  # into a new map, too
    with repository:
        pending = PendingImport.match(parsed, network)
        pending.decide(network, _decisions(pending.plan, args.duplicates))
        applied = not args.dry_run and not pending.resolution.empty
        if applied:
            edit = pending.resolution.edit
            summary = f"Import {Path(args.file).name}"
            store_import(repository,
                         lambda e: repository.apply(e, network, summary=summary), edit)
    if args.json:
        print_json(_report(args, fmt, pending, applied))
    else:
        _print_text(parsed.format, pending.resolution.counts, pending.issues,
                    dry_run=args.dry_run)
    return 0


def _mapping(pairs: list[str]) -> dict[str, str] | None:
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep:
            raise KnownError(f"--map takes COLUMN=FIELD, not '{pair}'")
        mapping[column.strip()] = field.strip()
    return mapping


def _decisions(plan: ImportPlan, choice: str) -> dict[str, Decision]:
    from relmap.io.pipeline.plan import Decision

    if choice == "suggested":
        return plan.default_decisions()
    decision = Decision[_DECISIONS[choice]]
    return {d.draft: decision for d in plan.duplicates}


def _report(args: argparse.Namespace, fmt: str, pending: PendingImport, applied: bool
            ) -> dict[str, object]:
    return {
        "format": fmt, "file": str(args.file), "dry_run": args.dry_run,
        "applied": applied, **pending.resolution.counts.as_dict(),
        "duplicates": [{"record": d.draft, "name": d.name, "matches": d.target_name,
                        "reason": d.why, "default": d.default.value}
                       for d in pending.plan.duplicates],
        "warnings": [{"where": i.where, "message": i.message} for i in pending.issues],
    }


def _print_text(label: str, counts: Counts, issues: list[Issue], *, dry_run: bool) -> None:
    from relmap.io.pipeline.plan import in_file_order

    print(f"{label}: {counts.summary()}")
    for issue in in_file_order((*counts.skipped, *issues))[:SHOWN_WARNINGS]:
        print(f"  {issue}")
    hidden = len(counts.skipped) + len(issues) - SHOWN_WARNINGS
    if hidden > 0:
        print(f"  ... and {hidden} more (use --json to see them all)")
    if dry_run:
        print("dry run: nothing was changed")
