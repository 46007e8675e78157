"""Running ``relmap`` in the test process: exit status, stdout and stderr."""

from __future__ import annotations

import pytest

from relmap.app import main


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exc:  # argparse refuses bad options this way
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    return status, out, err
