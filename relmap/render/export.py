"""Exports a map to a PNG, SVG or PDF file: the one entry point for the CLI and the GUI."""

from __future__ import annotations

import os
from pathlib import Path

from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.network import Network
from relmap.render.options import MapOptions, PageSpec
from relmap.render.plan import Progress, RenderPlan, prepare_map
from relmap.render.writers import WRITERS, MapFormat, atomic_write


def export_map(
    network: Network,
    target: str | os.PathLike[str],
    fmt: MapFormat,
    *,
    options: MapOptions,
    page: PageSpec,
    progress: Progress | None = None,
) -> RenderPlan:
    """Render ``network`` into ``target`` as ``fmt``; the file is replaced atomically.

    Parameters
    ----------
    network
        The whole map; ``options.scope`` picks the part to draw.
    target
        The file to write; its folder must exist. An existing file is kept intact if
        anything fails.
    fmt
        PNG, SVG or PDF.
    options, page
        What to draw and on what page.
    progress
        Called with a fraction and a stage name; raising from it cancels the export.

    Returns
    -------
    RenderPlan
        What was drawn (people, labels, legend), for a summary or a test.

    Raises
    ------
    KnownError
        The folder is missing or not writable, the disk is full, the page is too large...
    """
    plan = prepare_map(network, options, page, progress=progress)
    write = WRITERS[MapFormat(fmt)]

    def produce(temp: Path) -> None:
        write(plan, temp, progress=progress)

    atomic_write(target, produce)
    if progress:
        progress(1.0, tr("Done"))
    return plan


class ExportCancelledError(KnownError):
    """The user cancelled an export; the target file was left as it was."""
