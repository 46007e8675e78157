"""Data exports by format name; the ``relmap export`` command and the GUI call ``write``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from relmap.core.i18n import tr
from relmap.core.model import AssessmentChange
from relmap.core.network import Network
from relmap.io.atomic import check_target, write_atomic
from relmap.io.errors import ExportFailedError
from relmap.io.exporters.csv_export import people_csv, ties_csv, ties_path
from relmap.io.exporters.graph_export import to_gexf, to_graphml
from relmap.io.exporters.json_export import to_json
from relmap.io.exporters.kumu_export import to_kumu
from relmap.io.exporters.vcard_export import to_vcards

DATA_FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv", "vcard", "json", "kumu")

_WRITERS: dict[str, Callable[[Network], bytes]] = {
    "graphml": to_graphml, "gexf": to_gexf, "vcard": to_vcards, "json": to_json,
    "kumu": to_kumu,
}


def write(fmt: str, network: Network, path: Path,
          history: Sequence[AssessmentChange] = ()) -> None:
    """Write ``network`` to ``path`` as ``fmt``, atomically.

    Parameters
    ----------
    fmt
        One of ``DATA_FORMATS``.
    network
        The map to export.
    history
        The rating history (``Repository.history()``), kept by the JSON export only.
    path
        The target file. For "csv" it names the people file and the ties go next to it as
        ``<stem>-ties.csv`` (``people.csv`` -> ``people-ties.csv``); each file is written
        atomically. GraphML and GEXF remove characters XML cannot carry (control characters
        other than tab and newline) and write CR as LF; vCard writes CR as LF too.

    Raises
    ------
    ExportFailedError
        (a KnownError) for an unknown format, a folder that does not exist, a path that is a
        folder, or a write that fails (disk full, no permission).
    """
    if fmt not in DATA_FORMATS:
        raise ExportFailedError(
            tr("'{fmt}' is not a data export format (choose one of {join})").format(
                fmt=fmt, join=", ".join(DATA_FORMATS)
            )
        )
    path = Path(path)
    check_target(path)
    if fmt == "csv":
        ties = ties_path(path)
        check_target(ties)
        write_atomic(path, people_csv(network))
        write_atomic(ties, ties_csv(network))
        return
    write_atomic(path, to_json(network, history) if fmt == "json" else _WRITERS[fmt](network))
