"""``relmap export``: exit codes and one-line messages, map and data formats, headless."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from PySide6.QtGui import QColor, QImage

from relmap import style
from tests.cli_support import run_cli


def test_png_with_size_and_dpi(
    gui: object, demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "map.png"
    status, stdout, err = run_cli(
        capsys,
        "export",
        "png",
        str(out),
        "--db",
        str(demo_db),
        "--width",
        "800",
        "--height",
        "500",
        "--dpi",
        "120",
        "--redact",
        "initials",
        "--theme",
        "dark",
    )
    assert (status, err) == (0, "")
    assert "800×500" in stdout
    image = QImage(str(out))
    assert (image.width(), image.height()) == (800, 500)
    assert round(image.dotsPerMeterX() * 0.0254) == 120


@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_vector_formats_on_paper(
    gui: object, demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / f"map.{fmt}"
    status, _, err = run_cli(
        capsys,
        "export",
        fmt.upper(),
        str(out),
        "--db",
        str(demo_db),
        "--paper",
        "a4",
        "--landscape",
        "--dpi",
        "72",
        "--sphere",
        "fintech",
        "--no-legend",
        "--title",
        "For Thursday",
    )
    assert (status, err) == (0, "")
    assert b"For Thursday" in out.read_bytes() or fmt == "pdf"
    assert out.stat().st_size > 1000


def test_the_map_is_decorated_as_asked(
    gui: object, demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain, decorated = tmp_path / "plain.png", tmp_path / "decorated.png"
    size = ("--width", "600", "--height", "400", "--db", str(demo_db))
    assert run_cli(capsys, "export", "png", str(plain), *size)[0] == 0
    status, _, err = run_cli(capsys, "export", "png", str(decorated), *size, "--colour-by",
                          "trust-given", "--outline-by", "relevance", "--size-by", "none")
    assert (status, err) == (0, "")
    images = [QImage(str(p)) for p in (plain, decorated)]
    colours = [{image.pixelColor(x, y).name() for x in range(0, 600, 3) for y in range(0, 400, 3)}
               for image in images]
    assert "#5ec962" in colours[1] - colours[0]  # the rating ramp, not the sphere colours
    by_city = tmp_path / "by-city.svg"
    status, _, err = run_cli(capsys, "export", "svg", str(by_city), "--width", "1600",
                             "--height", "1000", "--db", str(demo_db), "--colour-by", "location")
    assert (status, err) == (0, "")
    svg = by_city.read_text(encoding="utf-8")
    assert "COLOUR: LOCATION" in svg.upper() and style.SPHERE_PALETTE[0] in svg
    status, _, err = run_cli(capsys, "export", "svg", str(by_city), "--width", "1600",
                             "--height", "1000", "--db", str(demo_db), "--no-ties-to-me")
    assert (status, err) == (0, "")
    assert "Ties to me not drawn" in by_city.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["png", "{tmp}/missing/map.png"], "the folder {tmp}/missing does not exist"),
        (["png", "{tmp}/map.png", "--sphere", "Moon"], "unknown sphere 'Moon'"),
        (["png", "{tmp}/map.png", "--focus", "Zzyzx"], "nobody on the map is called 'Zzyzx'"),
        (["png", "{tmp}/map.png", "--width", "800"], "give both --width and --height"),
        (["png", "{tmp}/map.png", "--paper", "A4", "--dpi", "1200"], "DPI must be from 72 to 600"),
        (["csv", "{tmp}/map.csv", "--theme", "dark"], "only apply to png, svg and pdf"),
        (["json", "{tmp}/map.json", "--colour-by", "quality"], "--colour-by only apply to png"),
        (["csv", "{tmp}/map.csv", "--no-ties-to-me"], "--no-ties-to-me only apply to png"),
    ],
)
def test_a_bad_request_is_one_line_on_stderr(
    gui: object,
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    args = [a.format(tmp=tmp_path) for a in argv]
    status, stdout, err = run_cli(capsys, "export", *args, "--db", str(demo_db))
    assert status == 1
    assert err.startswith("relmap export: ") and err.count("\n") == 1
    assert message.format(tmp=tmp_path) in err
    assert stdout == ""
    assert not (tmp_path / "map.png").exists()


def test_a_missing_database_is_not_created(
    gui: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run_cli(
        capsys, "export", "png", str(tmp_path / "m.png"), "--db", str(tmp_path / "none.db")
    )
    assert status == 1 and "no database at" in err and err.count("\n") == 1
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "png", "OUT", "--bogus"],
        ["export", "tiff", "OUT"],
        ["export", "png", "OUT", "--redact", "everything"],
    ],
)
def test_an_unknown_option_or_format_exits_2(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    args = [str(tmp_path / "m.png") if a == "OUT" else a for a in argv]
    status, _, err = run_cli(capsys, *args, "--db", str(demo_db))
    assert status == 2
    bad = argv[-1] if argv[-1] != "OUT" else argv[1]
    assert bad in err.strip().splitlines()[-1]
    assert not (tmp_path / "m.png").exists()


def test_data_formats_go_to_the_data_exporter(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt, name in (("graphml", "m.graphml"), ("json", "m.json"), ("vcard", "m.vcf")):
        status, _, err = run_cli(capsys, "export", fmt, str(tmp_path / name), "--db", str(demo_db))
        assert (status, err) == (0, "")
    graph = nx.read_graphml(tmp_path / "m.graphml")
    assert graph.number_of_nodes() == 61
    assert (tmp_path / "m.vcf").read_text("utf-8").count("BEGIN:VCARD") == 61
    assert len(json.loads((tmp_path / "m.json").read_text("utf-8"))["people"]) == 61


def test_runs_headless_without_a_display(demo_db: Path, tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    out = tmp_path / "map.png"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "relmap",
            "export",
            "png",
            str(out),
            "--db",
            str(demo_db),
            "--width",
            "400",
            "--height",
            "300",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"\x89PNG")


def test_the_rings_of_an_ego_layout_on_the_command_line(
    gui: object, demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def export(name: str, *more: str) -> tuple[int, str]:
        status, _, err = run_cli(capsys, "export", "png", str(tmp_path / name), "--db",
                                 str(demo_db), "--width", "600", "--height", "400", *more)
        return status, err

    status, err = export("refused.png", "--rings")  # the demo map is laid out whole
    assert status == 1 and "not in an ego layout" in err
    assert not (tmp_path / "refused.png").exists()
    assert run_cli(capsys, "layout", "--ego", "--db", str(demo_db))[0] == 0
    assert export("plain.png") == (0, "")
    assert export("rings.png", "--rings") == (0, "")
    plain, rings = QImage(str(tmp_path / "plain.png")), QImage(str(tmp_path / "rings.png"))
    # the zones shade the page around me, which is white without them
    darker = sum(QColor(rings.pixel(x, y)).lightness() < QColor(plain.pixel(x, y)).lightness()
                 for x in range(0, 600, 5) for y in range(0, 400, 5))
    assert darker > 500
