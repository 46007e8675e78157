"""Redaction: initials and roles replace names, and no private text reaches any export file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from relmap.core.network import Network
from relmap.render.export import export_map
from relmap.render.options import MapOptions, PageSpec, Redaction
from relmap.render.redaction import Redactor, initials
from relmap.render.writers import MapFormat
from tests.render.conftest import private_strings
from tests.render.filebytes import contains_text

PAGE = PageSpec.pixels(900, 640, dpi=96)


def _export(net: Network, path: Path, fmt: MapFormat, mode: Redaction, title: str | None = None
            ) -> bytes:
    options = MapOptions(redaction=mode, title=title, today=date(2026, 5, 12))
    export_map(net, path, fmt, options=options, page=PAGE)
    return path.read_bytes()


def test_initials_of_names() -> None:
    assert initials("Ada Lovelace") == "A.L."
    assert initials("Jean-Luc van der Berg") == "J.B."
    assert initials("Cher") == "C."
    assert initials("  ") == "?"


def test_roles_mode_names_a_role_and_a_sphere(network: Network) -> None:
    redactor = Redactor(network, Redaction.ROLES)
    person = next(p for p in network.people.values() if p.roles and p.spheres and not p.is_me)
    label = redactor.person(person)
    role = next(iter(person.roles)).value.capitalize()
    assert label.startswith(role + ", ")
    assert person.display_name not in label
    assert redactor.person(network.me) == "Me"  # type: ignore[arg-type]


def test_a_sphere_named_after_an_organisation_is_renamed(network: Network) -> None:
    redactor = Redactor(network, Redaction.INITIALS)
    orgs = {p.organisation.casefold() for p in network.people.values()}
    names = {redactor.sphere(s) for s in network.spheres}
    assert not {n.casefold() for n in names} & orgs
    assert any(n.startswith("Organisation ") for n in names)  # "Northwind Labs" is both


@pytest.mark.parametrize("fmt", list(MapFormat))
@pytest.mark.parametrize("mode", [Redaction.INITIALS, Redaction.ROLES])
def test_a_redacted_file_holds_no_private_text(
    gui: object, network: Network, tmp_path: Path, fmt: MapFormat, mode: Redaction
) -> None:
    me = network.me
    assert me is not None
    title = f"Pipeline review with {me.display_name}"  # a name typed into the title, too
    data = _export(network, tmp_path / f"map.{fmt.value}", fmt, mode, title=title)
    leaked = [s for s in private_strings(network) if contains_text(data, s)]
    assert leaked == []


@pytest.mark.parametrize("fmt", list(MapFormat))
def test_the_search_finds_names_in_an_unredacted_file(
    gui: object, network: Network, tmp_path: Path, fmt: MapFormat
) -> None:
    # The control for the test above: the same search does see names when they are there.
    me = network.me
    assert me is not None
    data = _export(network, tmp_path / f"map.{fmt.value}", fmt, Redaction.NONE)
    assert contains_text(data, me.display_name)


def test_private_notes_appear_in_no_export(gui: object, network: Network, tmp_path: Path) -> None:
    data = _export(network, tmp_path / "map.svg", MapFormat.SVG, Redaction.NONE)
    notes = [p.notes for p in network.people.values() if p.notes]
    assert notes and not [n for n in notes if contains_text(data, n)]
    assert any(contains_text(data, p.display_name) for p in network.people.values())
