"""The mentor session pack: six pages with real content, redaction in every byte, the CLI."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from relmap.analysis.then_now import last_session_day
from relmap.core.demo import LEFT_SINCE
from relmap.core.ids import SessionId, TieId
from relmap.core.model import Assessment, MentorSession, NextStep, Tie
from relmap.core.network import Network
from relmap.render.options import PageSpec, Paper, Redaction
from relmap.render.pack import (
    PackOptions,
    _points,
    _text_document,
    pack_inputs,
    write_pack,
)
from relmap.render.pack_content import PackContent
from relmap.render.redaction import Redactor
from relmap.store.repository import Repository
from tests.cli_support import run_cli
from tests.render.conftest import private_strings
from tests.render.filebytes import contains_text, pdf_streams

TODAY = date.today()  # the demo database's log and sessions end today


@pytest.fixture
def history(demo_db: Path) -> list:  # type: ignore[type-arg]
    with Repository(demo_db) as repository:
        return repository.history()


def _sections(network: Network, history: list, mode: Redaction = Redaction.NONE):  # type: ignore[no-untyped-def,type-arg]
    inputs = pack_inputs(network, history, since=None, today=TODAY)
    return PackContent(network, inputs, Redactor(network, mode)).sections()


def test_the_pack_of_the_demo_has_six_pages_of_real_content(
    gui: object, network: Network, history: list, tmp_path: Path  # type: ignore[type-arg]
) -> None:
    out = tmp_path / "pack.pdf"
    result = write_pack(network, history, out, PackOptions(today=TODAY, png=True))
    assert result.pages == 6
    assert result.titles[1:] == ("The state of my network", "Goals and gaps",
                                 "Keeping it alive", "Then and now", "Notes and next steps")
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", data)) == 6
    assert [p.name for p in result.png] == [f"pack-{n}.png" for n in range(1, 7)]
    for page in result.png:
        image = QImage(str(page))
        assert (image.width(), image.height()) == (1240, 1754)  # A4 at 150 dpi
    for section in _sections(network, history):
        filled = section.html.count("<li>") + section.html.count("<td")
        assert filled >= 3, section.title  # lists and tables, not only "nothing to say"


def test_every_section_of_the_demo_names_what_it_found(
    network: Network, history: list  # type: ignore[type-arg]
) -> None:
    state, goals, upkeep, change, notes = (s.html for s in _sections(network, history))
    assert "Most influential" in state and "Bridges between groups" in state
    for goal in network.goals.values():
        assert goal.title in goals
    assert "Press &amp; Media: nobody on your map yet" in goals
    assert "Warm introductions" in goals
    assert "Drifting" in upkeep and "Give first" in upkeep
    since = last_session_day(network, today=TODAY)
    assert since == TODAY - timedelta(days=42)
    assert "Done: </b>Ask two founders" in change and "Open: </b>Find a way" in change
    assert "Who left the map" in change and LEFT_SINCE in change and "Ties that ended" in change
    assert "Who should I ask for the investor introduction" in notes
    assert "Grace Whitfield" in notes


def test_an_empty_section_says_why(gui: object, network: Network) -> None:
    bare = Network(people={p.id: p for p in network.people.values() if p.is_me})
    sections = _sections(bare, [])
    for section in sections:
        assert 'class="empty"' in section.html, section.title
    assert "nobody on it but me" in sections[0].html
    assert "no earlier session" in sections[3].html.lower()


def test_where_nobody_stands_out_the_pack_says_so(gui: object, network: Network) -> None:
    me = network.me
    assert me is not None
    others = {p.id: replace(p, assessment=Assessment()) for p in network.people.values()
              if not p.is_me}
    alike = Network(people={me.id: me} | others,
                    ties={TieId(i + 1): Tie(TieId(i + 1), me.id, pid)  # tied to me alone
                          for i, pid in enumerate(others)})
    state = _sections(alike, [])[0].html
    influential = state[state.index("Most influential"):state.index("Bridges between")]
    assert "Nobody stands out yet" in influential
    assert not any(p.display_name in influential for p in others.values())


@pytest.mark.parametrize("mode", [Redaction.INITIALS, Redaction.ROLES])
def test_a_redacted_pack_holds_no_private_text(
    gui: object, network: Network, history: list, tmp_path: Path, mode: Redaction  # type: ignore[type-arg]
) -> None:
    # A question that names someone on the map, and a mentor who is not on it.
    someone = next(p for p in network.people.values() if not p.is_me)
    upcoming = next(s for s in network.sessions.values() if s.on >= TODAY)
    network.sessions[upcoming.id] = replace(
        upcoming, questions=f"How do I approach {someone.display_name} at "
                            f"{someone.organisation}?")
    out = tmp_path / "pack.pdf"
    result = write_pack(network, history, out,
                        PackOptions(redaction=mode, today=TODAY, png=True))
    secrets = [*private_strings(network), "Grace Whitfield", "Whitfield",
               "Spent most of the hour", LEFT_SINCE]
    for path in (out, *result.png):
        data = path.read_bytes()
        assert pdf_streams(data) or path.suffix == ".png"
        leaked = [s for s in secrets if contains_text(data, s)]
        assert not leaked, (path.name, leaked[:5])
    html = "".join(s.html for s in _sections(network, history, mode))
    assert not [s for s in secrets if s.casefold() in html.casefold()]
    assert "How do I approach" in html  # the question stays, the name and employer go


@pytest.mark.parametrize("paper", list(Paper))
def test_every_page_fits_its_paper(
    gui: object, network: Network, history: list, paper: Paper  # type: ignore[type-arg]
) -> None:
    sections = _sections(network, history)
    long = "x" * 400  # a word longer than the page is broken, not clipped
    sections[-1] = replace(sections[-1], html=sections[-1].html + f"<p>{long}</p>")
    doc = _text_document(sections, _points(PageSpec.paper(paper, dpi=72)))
    assert doc.idealWidth() <= doc.pageSize().width() + 0.5
    assert doc.pageCount() >= len(sections)
    from relmap.render.options import MapOptions
    from relmap.render.plan import prepare_map

    plan = prepare_map(network, MapOptions(today=TODAY), PageSpec.paper(paper, dpi=150))
    right = plan.header.rect.right()
    assert all(box.right() <= right + 0.5 for box in plan.header.figure_boxes)


def test_follow_ups_count_as_followed_up_once_done(
    network: Network, history: list  # type: ignore[type-arg]
) -> None:
    network.sessions.clear()
    network.sessions[SessionId(5)] = MentorSession(
        SessionId(5), TODAY - timedelta(days=10), "Sam",
        next_steps=(NextStep("Call the bank", True), NextStep("Write the memo")))
    change = _sections(network, history)[3].html
    assert "10 days" not in change
    assert "Done: </b>Call the bank" in change and "Open: </b>Write the memo" in change



def test_the_pack_command(
    gui: object, demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "session.pdf"
    status, said, err = run_cli(capsys, "pack", str(out), "--db", str(demo_db),
                                "--since", (TODAY - timedelta(days=90)).isoformat(),
                                "--paper", "letter", "--redact", "initials")
    assert (status, err) == (0, "")
    assert said.strip() == f"wrote a 6-page mentor session pack to {out}"
    assert out.read_bytes().startswith(b"%PDF")
    later = (TODAY + timedelta(days=2)).isoformat()
    for argv, message in (
        (("--since", later), "is after today"),
        (("--view", "No such view"), "No such view"),
        (("--db", str(tmp_path / "missing.db")), "no database at"),
    ):
        args = ["pack", str(out)] + (["--db", str(demo_db)] if "--db" not in argv else [])
        status, said, err = run_cli(capsys, *args, *argv)
        assert status != 0 and message in err and err.count("\n") == 1, err
    assert not (tmp_path / "missing.db").exists()
