"""Subcommands of the ``relmap`` command line; each module has NAME, HELP, add_arguments, run."""

from __future__ import annotations

import argparse
from types import ModuleType
from typing import Protocol


class Command(Protocol):
    NAME: str
    HELP: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def all_commands() -> list[ModuleType]:
    # Building the parser imports every command module, so each imports at its top only what
    # add_arguments needs; the store, layout, Qt and the importers are imported inside run.
    from relmap.commands import (
        backup,
        check,
        demo,
        drifting,
        export,
        goals,
        import_,
        layout,
        log,
        pack,
        paths,
        restore,
        screenshot,
        stats,
        team,
    )

    return [demo, import_, export, layout, stats, paths, goals, log, drifting, pack, backup,
            restore, check, screenshot, team]
