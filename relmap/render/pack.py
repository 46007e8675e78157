"""The mentor session pack: the map, then five pages a mentor reads in five minutes, as one
PDF (and, on request, one PNG per page). See docs/mentoring.md."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QImage, QPainter, QTextDocument, QTextOption

from relmap.analysis.then_now import then_and_now
from relmap.analysis.views import decoration_of, view_people
from relmap.core.dates import long_date
from relmap.core.errors import KnownError
from relmap.core.i18n import tr
from relmap.core.model import AssessmentChange, SavedView
from relmap.core.network import Network
from relmap.render.options import MapOptions, PageSpec, Paper, Redaction
from relmap.render.pack_content import PackContent, PackInputs, Section
from relmap.render.painter import paint_map
from relmap.render.plan import Progress, RenderPlan, prepare_map
from relmap.render.redaction import Redactor
from relmap.render.scope import Scope
from relmap.render.writers import atomic_write, blank_image, pdf_writer, save_png

PDF_DPI = 300  # the map page's resolution in the PDF (its text pages are vectors)
PNG_DPI = 150  # the pages written as PNG
_POINTS = 72.0  # text pages are laid out in points, then scaled to the device
_MARGIN = 46.0  # points
_FOOTER = 22.0  # points kept for the footer line
_STYLE = """
h1 { font-size: 21px; font-weight: 700; color: #1f2d3d; margin-bottom: 8px; }
h2 { font-size: 13px; font-weight: 700; color: #1f2d3d; margin-top: 12px; margin-bottom: 3px; }
p { margin-top: 2px; margin-bottom: 4px; }
p.empty { color: #5f6b7a; font-style: italic; }
p.lead { color: #3b4656; margin-bottom: 6px; }
ul { margin-top: 1px; margin-bottom: 4px; -qt-list-indent: 1; }
li { margin-bottom: 2px; }
td.lead { font-weight: 600; color: #1f2d3d; border-bottom: 1px solid #d9dee5; }
td.cell { border-bottom: 1px solid #d9dee5; }
"""


@dataclass(frozen=True, slots=True)
class PackOptions:
    """What goes into a pack. ``since`` None compares with the last session before
    ``today`` (None: today's date); ``view`` None draws the whole map."""

    paper: Paper = Paper.A4
    redaction: Redaction = Redaction.NONE
    view: SavedView | None = None
    since: date | None = None
    today: date | None = None
    png: bool = False


@dataclass(frozen=True, slots=True)
class PackResult:
    pages: int
    titles: tuple[str, ...]  # the map's title, then each section's
    png: tuple[Path, ...] = field(default=())


def pack_inputs(
    network: Network, history: Iterable[AssessmentChange], *, since: date | None, today: date
) -> PackInputs:
    """The sessions and the then-and-now the pack reads."""
    sessions = sorted(network.sessions.values(), key=lambda s: s.on)
    last = next((s for s in reversed(sessions) if s.on < today), None)
    since = since or (last.on if last else None)
    if since is not None and since > today:
        raise KnownError(
            tr("--since {isoformat} is after today").format(isoformat=since.isoformat())
        )
    return PackInputs(
        today=today, since=since,
        then_now=None if since is None else then_and_now(network, history, since, today=today),
        session=next((s for s in sessions if s.on >= today), None), last=last)


def write_pack(
    network: Network, history: Iterable[AssessmentChange], target: str | os.PathLike[str],
    options: PackOptions, *, progress: Progress | None = None,
) -> PackResult:
    """Write the pack to ``target`` (a PDF, replaced atomically) and, with ``options.png``,
    ``NAME-1.png``, ``NAME-2.png``... beside it.

    Raises
    ------
    KnownError
        The folder is missing or not writable, ``since`` is after today...
    """
    report = progress or (lambda _f, _s: None)
    today = options.today or date.today()
    redactor = Redactor(network, options.redaction)
    redactor.hide(s.mentor for s in network.sessions.values())
    report(0.05, tr("Reading the network"))
    inputs = pack_inputs(network, history, since=options.since, today=today)
    sections = PackContent(network, inputs, redactor).sections()
    report(0.4, tr("Drawing the map"))
    map_options = _map_options(network, options, today)
    plan = prepare_map(network, map_options, PageSpec.paper(options.paper, dpi=PDF_DPI))
    text = _text_document(sections, _points(plan.page))
    pages = 1 + text.pageCount()
    footer = tr("Mentor session pack  ·  {title}  ·  {long_date}").format(
        title=plan.title, long_date=long_date(today)
    )
    report(0.7, tr("Writing the PDF"))

    def produce(temp: Path) -> None:
        _write_pdf(temp, plan, text, footer)

    atomic_write(target, produce)
    written: list[Path] = []
    if options.png:
        report(0.85, tr("Writing the pages as PNG"))
        small = prepare_map(network, map_options, PageSpec.paper(options.paper, dpi=PNG_DPI))
        for number in range(1, pages + 1):
            image = _page_image(number, small, text, footer, pages)
            path = Path(target).with_name(f"{Path(target).stem}-{number}.png")

            def encode(temp: Path, image: QImage = image) -> None:
                save_png(image, temp, title=plan.title)

            atomic_write(path, encode)
            written.append(path)
    report(1.0, tr("Done"))
    return PackResult(pages, (plan.title, *(s.title for s in sections)), tuple(written))


def _map_options(network: Network, options: PackOptions, today: date) -> MapOptions:
    view = options.view
    if view is None:
        return MapOptions(redaction=options.redaction, today=today)
    return MapOptions(
        redaction=options.redaction, today=today, decoration=decoration_of(view),
        scope=Scope.of_view(view_people(network, view, today=today), view.name))


def _text_document(sections: list[Section], size: QSizeF) -> QTextDocument:
    """The text pages laid out on a page of ``size`` points, one section per page at least."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    font = QFont()
    font.setPixelSize(10)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(_STYLE)
    wrap = QTextOption()
    wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(wrap)
    doc.setPageSize(QSizeF(size.width() - 2 * _MARGIN,
                           size.height() - 2 * _MARGIN - _FOOTER))
    breaks = ['<h1>'] + ['<h1 style="page-break-before: always">'] * (len(sections) - 1)
    doc.setHtml("".join(f"{h1}{escape(s.title)}</h1>{s.html}"
                        for h1, s in zip(breaks, sections, strict=True)))
    return doc


def _paint_text_page(painter: QPainter, doc: QTextDocument, index: int, scale: float) -> None:
    """Page ``index`` (0 = the first text page) of ``doc`` at ``scale`` device px a point."""
    page = doc.pageSize()
    painter.save()
    painter.scale(scale, scale)
    painter.translate(_MARGIN, _MARGIN - index * page.height())
    doc.drawContents(painter, QRectF(0, index * page.height(), page.width(), page.height()))
    painter.restore()


def _paint_footer(painter: QPainter, paper: QSizeF, scale: float, text: str) -> None:
    painter.save()
    painter.scale(scale, scale)
    font = QFont()
    font.setPixelSize(7)
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.darkGray)
    box = QRectF(_MARGIN, paper.height() - _MARGIN - _FOOTER / 2, paper.width() - 2 * _MARGIN,
                 _FOOTER)
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    painter.restore()


def _points(page: PageSpec) -> QSizeF:
    """The size of ``page`` in points."""
    return QSizeF(page.width_mm / 25.4 * _POINTS, page.height_mm / 25.4 * _POINTS)


def _write_pdf(temp: Path, plan: RenderPlan, text: QTextDocument, footer: str) -> None:
    writer = pdf_writer(temp, plan.page, plan.title)
    painter = QPainter()
    if not painter.begin(writer):
        raise KnownError(tr("could not start drawing the file"))
    try:
        painter.save()
        painter.scale(writer.width() / plan.page.width_px, writer.height() / plan.page.height_px)
        paint_map(painter, plan)
        painter.restore()
        scale = writer.width() / _points(plan.page).width()
        pages = text.pageCount() + 1
        for index in range(text.pageCount()):
            writer.newPage()
            _paint_text_page(painter, text, index, scale)
            _paint_footer(
                painter,
                _points(plan.page),
                scale,
                tr("{footer}  ·  page {n} of {pages}").format(
                    footer=footer, n=index + 2, pages=pages
                ),
            )
    finally:
        painter.end()


def _page_image(
    number: int, plan: RenderPlan, text: QTextDocument, footer: str, pages: int
) -> QImage:
    """Page ``number`` (1 = the map) as an image at ``plan``'s resolution."""
    image = blank_image(plan.page)
    painter = QPainter(image)
    try:
        if number == 1:
            paint_map(painter, plan)
        else:
            scale = plan.page.width_px / _points(plan.page).width()
            _paint_text_page(painter, text, number - 2, scale)
            _paint_footer(
                painter,
                _points(plan.page),
                scale,
                tr("{footer}  ·  page {number} of {pages}").format(
                    footer=footer, number=number, pages=pages
                ),
            )
    finally:
        painter.end()
    return image
