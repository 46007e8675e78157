"""PNG, SVG and PDF files: size and DPI as asked, real content, atomic replacement."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from PySide6.QtGui import QColor, QImage

from relmap.core.errors import KnownError
from relmap.core.network import Network
from relmap.render import writers
from relmap.render.export import export_map
from relmap.render.options import MapOptions, PageSpec, Paper, ThemeName
from relmap.render.writers import MapFormat
from tests.render.filebytes import pdf_streams, png_dpi

TODAY = date(2026, 5, 12)


def _png(net: Network, path: Path, page: PageSpec, **options: Any) -> QImage:
    export_map(net, path, MapFormat.PNG, options=MapOptions(today=TODAY, **options), page=page)
    image = QImage(str(path))
    assert not image.isNull()
    return image


def _colours(image: QImage, step: int = 7) -> set[int]:
    return {image.pixel(x, y) for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)}


@pytest.mark.parametrize(("width", "height", "dpi"), [(1200, 800, 150), (640, 900, 72)])
def test_png_has_the_pixel_size_and_dpi_asked_for(
    gui: object, network: Network, tmp_path: Path, width: int, height: int, dpi: int
) -> None:
    path = tmp_path / "map.png"
    image = _png(network, path, PageSpec.pixels(width, height, dpi=dpi))
    assert (image.width(), image.height()) == (width, height)
    assert png_dpi(path.read_bytes()) == pytest.approx((dpi, dpi), abs=0.05)


@pytest.mark.parametrize(("paper", "landscape", "dpi", "size"), [
    (Paper.A4, False, 100, (827, 1169)), (Paper.A3, True, 72, (1191, 842)),
    (Paper.LETTER, False, 96, (816, 1056)),
])
def test_png_on_paper(
    gui: object, network: Network, tmp_path: Path, paper: Paper, landscape: bool, dpi: int,
    size: tuple[int, int],
) -> None:
    path = tmp_path / "map.png"
    image = _png(network, path, PageSpec.paper(paper, dpi=dpi, landscape=landscape))
    assert (image.width(), image.height()) == size
    assert png_dpi(path.read_bytes()) == pytest.approx((dpi, dpi), abs=0.05)


def test_the_image_is_not_blank(gui: object, network: Network, tmp_path: Path) -> None:
    image = _png(network, tmp_path / "map.png", PageSpec.pixels(1000, 700, dpi=110))
    colours = _colours(image, step=3)
    spheres = {QColor(s.colour).rgb() for s in network.spheres.values()}
    assert len(colours) > 50  # antialiased nodes, ties and text
    assert len(spheres & colours) >= 3  # node fills in sphere colours


def test_transparent_and_dark_backgrounds(gui: object, network: Network, tmp_path: Path) -> None:
    page = PageSpec.pixels(500, 400, dpi=72)
    clear = _png(network, tmp_path / "clear.png", page, transparent=True)
    assert clear.hasAlphaChannel() and clear.pixelColor(2, 2).alpha() == 0
    dark = _png(network, tmp_path / "dark.png", page, theme=ThemeName.DARK)
    light = _png(network, tmp_path / "light.png", page)
    assert dark.pixelColor(2, 2).lightness() < 40 < 230 < light.pixelColor(2, 2).lightness()


def test_svg_is_vector_with_text(gui: object, network: Network, tmp_path: Path) -> None:
    path = tmp_path / "map.svg"
    export_map(network, path, MapFormat.SVG, options=MapOptions(today=TODAY),
               page=PageSpec.paper(Paper.A4, dpi=150, landscape=True))
    root = ElementTree.parse(path).getroot()
    assert root.get("viewBox") == "0 0 1754 1240"
    assert root.get("width", "").startswith("297")  # millimetres
    ns = "{http://www.w3.org/2000/svg}"
    assert len(list(root.iter(f"{ns}text"))) > 20
    assert not list(root.iter(f"{ns}image"))  # nothing rasterised


def test_pdf_is_one_vector_page(gui: object, network: Network, tmp_path: Path) -> None:
    path = tmp_path / "map.pdf"
    export_map(network, path, MapFormat.PDF, options=MapOptions(today=TODAY),
               page=PageSpec.paper(Paper.A3, dpi=300))
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", data)
    assert box and (round(float(box[1])), round(float(box[2]))) == (842, 1191)
    assert not re.search(rb"/Subtype\s*/Image", data)
    content = b"".join(pdf_streams(data))
    assert content.count(b" l\n") + content.count(b" l ") > 100  # ties as line segments


def test_a_failed_render_leaves_the_old_file_intact(
    gui: object, network: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out" / "map.png"
    path.parent.mkdir()
    path.write_bytes(b"the map from last week")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("out of ink")

    for fmt in MapFormat:
        monkeypatch.setitem(writers.WRITERS, fmt, broken)
    with pytest.raises(RuntimeError, match="out of ink"):
        export_map(network, path, MapFormat.PNG, options=MapOptions(), page=PageSpec.pixels(
            300, 200, dpi=72))
    assert path.read_bytes() == b"the map from last week"
    assert [p.name for p in path.parent.iterdir()] == ["map.png"]  # no temp file left


def test_a_half_written_file_never_replaces_the_old_one(
    gui: object, network: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out" / "map.svg"
    path.parent.mkdir()
    path.write_bytes(b"old")
    real = writers.paint_map  # type: ignore[attr-defined]

    def fail_halfway(*args: object, **kwargs: object) -> None:
        real(*args, **kwargs)  # type: ignore[arg-type]
        raise KnownError("disk full")

    monkeypatch.setattr(writers, "paint_map", fail_halfway)
    with pytest.raises(KnownError, match="disk full"):
        export_map(network, path, MapFormat.SVG, options=MapOptions(),
                   page=PageSpec.pixels(300, 200, dpi=72))
    assert path.read_bytes() == b"old"
    assert [p.name for p in path.parent.iterdir()] == ["map.svg"]


def test_writing_into_a_missing_folder_is_a_known_error(
    gui: object, network: Network, tmp_path: Path
) -> None:
    with pytest.raises(KnownError, match="does not exist"):
        export_map(network, tmp_path / "nope" / "map.png", MapFormat.PNG, options=MapOptions(),
                   page=PageSpec.pixels(300, 200, dpi=72))


@pytest.mark.parametrize(("make", "message"), [
    (lambda: PageSpec.pixels(800, 600, dpi=601), "DPI"),
    (lambda: PageSpec.paper(Paper.A4, dpi=71), "DPI"),
    (lambda: PageSpec.pixels(10, 600), "width"),
    (lambda: PageSpec.pixels(30_000, 30_000), "too large"),
])
def test_bad_page_sizes_are_refused(make: object, message: str) -> None:
    with pytest.raises(KnownError, match=message):
        make()  # type: ignore[operator]
