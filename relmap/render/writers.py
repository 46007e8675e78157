"""Writes a prepared map as PNG, SVG or PDF, atomically: a temp file, fsync, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.render.options import PageSpec
from relmap.render.painter import paint_map
from relmap.render.plan import Progress, RenderPlan
from relmap.render.png import write_png_file

_INCHES_PER_METRE = 39.37007874015748


class MapFormat(StrEnum):
    PNG = "png"
    SVG = "svg"
    PDF = "pdf"


def atomic_write(target: str | os.PathLike[str], produce: Callable[[Path], None]) -> None:
    """Call ``produce(temp_path)``, then move the result over ``target`` in one step.

    The temp file sits in the target's folder (so the rename is atomic), is fsynced before
    the rename, and is removed if ``produce`` fails: an existing ``target`` is then left
    exactly as it was.
    """
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise KnownError(
            tr("cannot write {path}: the folder {folder} does not exist").format(
                path=path, folder=folder
            )
        )
    if path.is_dir():
        raise KnownError(tr("cannot write {path}: it is a folder").format(path=path))
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise KnownError(
            tr("cannot write {path}: {value}").format(path=path, value=exc.strerror or exc)
        ) from exc
    os.close(handle)
    temp = Path(temp_name)
    try:
        produce(temp)
        with temp.open("rb+") as written:
            os.fsync(written.fileno())
        # A map names people: private (0600) like the database, unless replacing a file
        # whose mode the user chose.
        temp.chmod(path.stat().st_mode & 0o777 if path.exists() else 0o600)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise KnownError(
            tr("cannot write {path}: {value}").format(path=path, value=exc.strerror or exc)
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can fsync a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def blank_image(page: PageSpec, *, transparent: bool = False) -> QImage:
    """A white (or transparent) image of ``page`` pixels that knows its DPI."""
    fmt = QImage.Format.Format_ARGB32_Premultiplied if transparent else QImage.Format.Format_RGB32
    image = QImage(page.width_px, page.height_px, fmt)
    if image.isNull():
        raise KnownError(
            tr("not enough memory for a {width_px}×{height_px} image").format(
                width_px=page.width_px, height_px=page.height_px
            )
        )
    image.fill(Qt.GlobalColor.transparent if transparent else Qt.GlobalColor.white)
    dots = round(page.dpi * _INCHES_PER_METRE)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    return image


def render_image(plan: RenderPlan, *, progress: Progress | None = None) -> QImage:
    """The map as an image of ``plan.page`` pixels, with its DPI and title set."""
    image = blank_image(plan.page, transparent=plan.options.transparent)
    image.setText("Title", plan.title)
    image.setText("Software", "relmap")
    painter = QPainter(image)
    try:
        paint_map(painter, plan, progress=progress)
    finally:
        painter.end()
    return image


def write_png(plan: RenderPlan, temp: Path, *, progress: Progress | None = None) -> None:
    image = render_image(plan, progress=progress)
    if progress:
        progress(0.9, tr("Writing the file"))
    save_png(image, temp, title=plan.title)


def save_png(image: QImage, temp: Path, *, title: str = "") -> None:
    """Encode ``image`` as PNG into ``temp``, with its DPI, ``title`` and the software."""
    dpi = image.dotsPerMeterX() / _INCHES_PER_METRE
    text = {"Title": title, "Software": "relmap"} if title else {"Software": "relmap"}
    try:
        write_png_file(image, temp, dpi=dpi, text=text)
    except MemoryError as exc:
        raise KnownError(tr("not enough memory to encode the PNG")) from exc


def write_svg(plan: RenderPlan, temp: Path, *, progress: Progress | None = None) -> None:
    page = plan.page
    generator = QSvgGenerator()
    generator.setFileName(str(temp))
    generator.setSize(QSize(page.width_px, page.height_px))
    generator.setViewBox(QRectF(0, 0, page.width_px, page.height_px))
    generator.setResolution(round(page.dpi))
    generator.setTitle(plan.title)
    generator.setDescription(tr("Made with relmap"))
    _paint_on(generator, plan, progress, text_as_paths=plan.options.redaction.value != "none")


def pdf_writer(temp: Path, page: PageSpec, title: str) -> QPdfWriter:
    """A PDF of ``page``'s size and resolution, without margins, titled ``title``."""
    writer = QPdfWriter(str(temp))
    writer.setResolution(round(page.dpi))
    writer.setPageSize(QPageSize(QSizeF(page.width_mm, page.height_mm),
                                 QPageSize.Unit.Millimeter, "relmap"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(title)
    writer.setCreator("relmap")
    return writer


def write_pdf(plan: RenderPlan, temp: Path, *, progress: Progress | None = None) -> None:
    _paint_on(pdf_writer(temp, plan.page, plan.title), plan, progress, text_as_paths=False)


def _paint_on(
    device: QSvgGenerator | QPdfWriter, plan: RenderPlan, progress: Progress | None, *,
    text_as_paths: bool,
) -> None:
    painter = QPainter()
    if not painter.begin(device):
        raise KnownError(tr("could not start drawing the file"))
    try:
        # The device may round its size; draw the planned page scaled to fill it exactly.
        painter.scale(device.width() / plan.page.width_px, device.height() / plan.page.height_px)
        paint_map(painter, plan, text_as_paths=text_as_paths, progress=progress)
    finally:
        painter.end()


WRITERS: dict[MapFormat, Callable[..., None]] = {
    MapFormat.PNG: write_png, MapFormat.SVG: write_svg, MapFormat.PDF: write_pdf,
}
