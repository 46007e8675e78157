"""Writing a file atomically: a temp file in the same folder, fsync, then os.replace."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from relmap.core.i18n import tr
from relmap.io.errors import ExportFailedError


def check_target(path: Path) -> None:
    """Refuse a target that is a folder or whose folder does not exist."""
    if path.is_dir():
        raise ExportFailedError(tr("{path} is a folder; give a file name").format(path=path))
    if not path.parent.is_dir():
        raise ExportFailedError(tr("the folder {parent} does not exist").format(parent=path.parent))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The temp file is created private (0600), like the database; exports hold private notes.

    Parameters
    ----------
    path
        The target file; its folder must exist.
    data
        The complete content.
    """
    check_target(path)
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportFailedError(
            tr("cannot write in {parent}: {strerror}").format(
                parent=path.parent, strerror=exc.strerror
            )
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise ExportFailedError(
            tr("cannot write {path}: {value}").format(path=path, value=exc.strerror or exc)
        ) from exc
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
