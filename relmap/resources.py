"""Where the bundled assets (icons, styles, demo recipe) are: wheel, editable install or bundle."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path


def resource_dir() -> Path:
    """The folder holding relmap's assets.

    A wheel carries them inside the package (``relmap/resources``); a source checkout or an
    editable install has them in the top-level ``resources/`` folder; a frozen bundle keeps
    them next to its extracted files.
    """
    packaged = Path(str(resources.files("relmap"))) / "resources"
    candidates = [packaged, Path(__file__).resolve().parent.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "resources")
    for candidate in candidates:
        if (candidate / "demo" / "recipe.json").is_file():
            return candidate
    raise FileNotFoundError("relmap's resources are missing from this installation")


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
