"""The command line: one program is the desktop app and a scriptable tool
(docs/architecture.md §9)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from relmap import __version__
from relmap.commands import all_commands
from relmap.commands.common import add_db_argument
from relmap.core.errors import KnownError


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line on stderr (exit status 2), not a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="relmap", description="Map your professional network. "
                     "'relmap MAP' opens the map file MAP, as --db MAP does.")
    parser.add_argument("--version", action="version", version=f"relmap {__version__}")
    add_db_argument(parser)
    parser.set_defaults(db=None)
    parser.add_argument(
        "--demo", action="store_true",
        help="open the app, or run the command, on the demo map (created on first use)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in all_commands():
        module.add_arguments(sub.add_parser(module.NAME, help=module.HELP, description=module.HELP))
    return parser


def run_command(args: argparse.Namespace) -> int:
    """Run a subcommand; a KnownError becomes a one-line reason and exit status 1."""
    module = next(m for m in all_commands() if args.command == m.NAME)
    try:
        if args.demo:
            _use_demo(args)
        status: int = module.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's final flush
    except KnownError as exc:
        print(f"relmap {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        _silence_stdout()
        return 1
    return status


def _use_demo(args: argparse.Namespace) -> None:
    """Point the command at the demo map (writing it on first use), as ``relmap --demo`` does."""
    from relmap.document.demo import demo_db_path, write_demo

    if args.command == "demo":
        raise KnownError("--demo runs a command on the demo map; 'relmap demo --db DB' writes "
                         "a new one")
    if getattr(args, "db", None):
        raise KnownError("give either --demo or --db, not both")
    path = demo_db_path()
    if not path.exists():
        write_demo(path)
    args.db = str(path)


def _silence_stdout() -> None:
    """Send what is left in stdout to the null device: the reader (``| head``) has gone.

    Python's documented idiom for SIGPIPE: without it, the flush at exit raises again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line ``argv`` (the program's own if None); ``relmap MAP``, a map file
    alone, opens it as ``relmap --db MAP`` does: a file manager opens a map so (the desktop
    entry's ``relmap %f``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 1 and not argv[0].startswith("-") and os.path.isfile(argv[0]):
        argv = ["--db", argv[0]]
    return build_parser().parse_args(argv)
