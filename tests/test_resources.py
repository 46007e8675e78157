"""Assets load from the source/editable install and from a built wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import relmap
from relmap.core.demo import load_recipe
from relmap.resources import resource_dir, resource_path

REPO = Path(__file__).resolve().parent.parent


def test_source_or_editable_install_finds_the_top_level_folder() -> None:
    assert Path(relmap.__file__).resolve().parent == REPO / "relmap"
    assert resource_dir() == REPO / "resources"
    assert resource_path("icons", "relmap.svg").read_text().startswith("<svg")
    assert load_recipe()["spheres"]


def test_wheel_carries_the_resources(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(REPO),
        ],
        check=True,
    )
    wheel = next((tmp_path / "dist").glob("relmap-*.whl"))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        zf.extractall(site)
    assert "relmap/resources/demo/recipe.json" in names
    assert "relmap/resources/icons/relmap.svg" in names
    metadata = zf_text(wheel, "METADATA")
    assert "Classifier: Intended Audience :: End Users/Desktop" in metadata
    assert "Project-URL: Homepage, " in metadata
    assert "Provides-Extra: bundle" in metadata
    probe = (
        "import relmap, relmap.resources as r, relmap.core.demo as d;"
        "print(r.resource_dir()); print(len(d.load_recipe()['spheres']))"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {probe}"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.split()
    assert Path(out[0]) == site / "relmap" / "resources"
    assert int(out[1]) >= 6


def zf_text(wheel: Path, name: str) -> str:
    """The text of the wheel's ``*.dist-info/<name>``."""
    with zipfile.ZipFile(wheel) as zf:
        (info,) = (n for n in zf.namelist() if n.endswith(f".dist-info/{name}"))
        return zf.read(info).decode()
