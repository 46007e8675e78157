"""The PNG encoder: lossless for opaque and transparent images, DPI and text chunks."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from relmap.render.png import encode_png
from tests.render.filebytes import png_chunks, png_dpi


def _noise(width: int, height: int, fmt: QImage.Format, seed: int) -> QImage:
    rng = np.random.default_rng(seed)
    image = QImage(width, height, fmt)
    for y in range(height):
        for x in range(width):
            r, g, b, a = (int(v) for v in rng.integers(0, 256, 4))
            colour = image.pixelColor(x, y)
            colour.setRgb(r, g, b, a if image.hasAlphaChannel() else 255)
            image.setPixelColor(x, y, colour)
    return image


@pytest.mark.parametrize("fmt", [QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32])
def test_decodes_to_the_same_pixels(gui: object, fmt: QImage.Format) -> None:
    image = _noise(37, 23, fmt, seed=5)  # odd width: rows carry padding in RGB888
    data = encode_png(image, dpi=300, text={"Title": "Zoë's network", "Software": "relmap"})
    back = QImage.fromData(data)
    assert not back.isNull() and back.size() == image.size()
    assert back.hasAlphaChannel() == image.hasAlphaChannel()
    for y in range(image.height()):
        for x in range(image.width()):
            assert back.pixelColor(x, y) == image.pixelColor(x, y), (x, y)
    assert png_dpi(data) == pytest.approx((300, 300), abs=0.01)
    assert back.text("Title") == "Zoë's network"


def test_text_outside_latin1_goes_into_an_itxt_chunk(gui: object) -> None:
    image = _noise(4, 4, QImage.Format.Format_RGB32, seed=1)
    data = encode_png(image, dpi=96, text={"Title": "王伟的网络"})
    kinds = [kind for kind, _ in png_chunks(data)]
    assert kinds[:3] == [b"IHDR", b"pHYs", b"iTXt"] and kinds[-1] == b"IEND"
    assert QImage.fromData(data).text("Title") == "王伟的网络"
