"""A private, throwaway PostgreSQL server for the team-mode tests (real server, unix socket)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found and shutil.which("initdb"):
        found = [shutil.which("initdb")]  # type: ignore[list-item]
    if not found:
        pytest.fail(
            "PostgreSQL server binaries are missing: install the 'postgresql' package "
            "(sh packaging/bootstrap.sh --test does)"
        )
    return Path(found[-1]).parent


def _as_server_user(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; use the postgres account then.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    bin_dir = _pg_bin()
    root = Path(tempfile.mkdtemp(prefix="relmap-pg-"))
    data, sock = root / "data", root / "sock"
    port = _free_port()  # TCP too, for the TLS settings
    sock.mkdir()
    if os.geteuid() == 0:
        uid = pwd.getpwnam("postgres").pw_uid
        for path in (root, sock):
            os.chown(path, uid, -1)

    def run(*cmd: str) -> None:
        subprocess.run(_as_server_user(list(cmd)), check=True, capture_output=True)

    run(str(bin_dir / "initdb"), "-D", str(data), "-U", "relmap", "--auth=trust", "-E", "UTF8")
    run(
        str(bin_dir / "pg_ctl"),
        "-D",
        str(data),
        "-w",
        "-l",
        str(root / "log"),
        "-o",
        f"-k {sock} -c listen_addresses=127.0.0.1 -p {port} -c fsync=off",
        "start",
    )
    try:
        run(str(bin_dir / "createdb"), "-h", str(sock), "-p", str(port), "-U", "relmap",
            "relmap_test")
        yield f"postgresql+psycopg://relmap@/relmap_test?host={sock}&port={port}"
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new, empty map: a SQLite file, then a database on the PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path_factory.mktemp("shared") / "team.db")
    url = str(request.getfixturevalue("postgres_url"))
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return url
