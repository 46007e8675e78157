"""relmap speaks German when asked: every text the window shows goes through the catalogue, the
German catalogue holds every text, and dates and numbers follow the locale."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from string import Formatter
from types import ModuleType

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from relmap.core import i18n
from relmap.core.dates import ago, long_date, short_date
from relmap.core.i18n import named
from relmap.core.words import counted
from relmap.ui.language import SETTING
from relmap.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("speak_probe.py")
# Qt's own words, from Qt's catalogue (qtbase_de), and the menu of pyqtgraph's scene, which the
# map never opens.
QT_WORDS = {"OK", "Cancel", "Close", "Save", "Float", "Yes", "No", "Export", "Export...",
            "Abbrechen", "Schließen", "Speichern", "Lösen", "Ja", "Nein"}
KEYS = re.compile(r"^((Ctrl|Shift|Alt|Meta|Strg|Umschalt)\+)*(.|Del|Entf|F\d+|[+=-])(, .+)?$")


def _translations() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations", REPO / "packaging" /
                                                  "translations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def german() -> Iterator[None]:
    i18n.install("de")
    yield
    i18n.uninstall()


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def test_the_german_catalogue_holds_every_text_translated_with_the_same_placeholders() -> None:
    translations = _translations()
    template = translations.template()
    (po,) = translations.catalogues()
    german = translations.read(po)
    assert len(template) > 1000  # the extraction found the package's texts
    for message in template:
        if not message.id:
            continue
        found = german.get(message.id, context=message.context)
        assert found is not None, f"not in the German catalogue: {message.id!r}"
        assert not found.fuzzy, message.id
        forms = found.string if isinstance(found.string, tuple) else (found.string,)
        assert all(forms), f"not translated: {message.id!r}"
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for form in forms:  # a translation may leave a placeholder out, never make one up
            assert _fields(form) <= _fields(ids[-1]), (message.id, form)


def test_the_compiled_catalogue_is_the_current_one() -> None:
    translations = _translations()
    (po,) = translations.catalogues()
    assert po.with_suffix(".mo").read_bytes() == translations.compiled(translations.read(po))


def test_english_stays_as_it_was_until_a_language_is_installed() -> None:
    assert short_date(date(2026, 3, 12)) == "12 Mar 2026"
    assert counted(1200, "tie") == "1,200 ties" and named("colleague") == "colleague"
    # A share of a big map keeps a decimal below 1 %, instead of reading 0 %.
    shares = [i18n.percent(s) for s in (0, 0.0004, 0.004, 0.17, 1)]
    assert shares == ["0%", "<0.1%", "0.4%", "17%", "100%"]


def test_german_words_dates_and_numbers(german: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert counted(1, "person") == "1 Person" and counted(1200, "tie") == "1.200 Verbindungen"
    assert short_date(date(2026, 3, 12)) == "12.03.2026"
    assert long_date(date(2026, 3, 12)) == "12. März 2026"
    assert named("colleague") == "Kollege" and i18n.tr("Trust given") == "Vertrauen gegeben"
    assert i18n.number(1234.56, 1) == "1.234,6" and i18n.percent(0.004) == "0,4%"
    # An Austrian user keeps their own formats; the words are German all the same.
    monkeypatch.setenv("LC_TIME", "de_AT.UTF-8")
    i18n.install("de")
    assert long_date(date(2026, 1, 12)) == "12. Jänner 2026"


def test_the_system_language_is_followed_unless_one_is_chosen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "de_CH.UTF-8")
    try:
        assert i18n.install("") == "de" and ago(datetime.now()) == "gerade eben"
        assert i18n.install("en") == "en" and i18n.tr("Trust given") == "Trust given"
        monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # not spoken: English
        assert i18n.install("") == "en"
    finally:
        i18n.uninstall()


def _probe(mode: str, demo_db: Path, tmp_path: Path) -> tuple[list[str], list[str]]:
    done = subprocess.run(
        [sys.executable, str(PROBE), mode, str(demo_db), str(tmp_path / "settings.ini")],
        capture_output=True, text=True, timeout=300, cwd=REPO, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.splitlines()[-1])
    return found["texts"], found["data"]


def _untranslated(text: str, data: list[str]) -> bool:
    """Whether ``text`` holds words that did not come through the catalogue (marked ⟦…⟧)."""
    rest = re.sub(r"<[^>]*>", " ", text)  # markup is not words
    while "⟦" in rest:
        rest = re.sub(r"⟦[^⟦⟧]*⟧", " ", rest)
    for word in sorted(data, key=len, reverse=True):
        rest = rest.replace(word, " ")
    return bool(re.search(r"[A-Za-z]{2}", rest))


def test_every_text_the_window_and_its_dialogs_show_goes_through_the_catalogue(
    demo_db: Path, tmp_path: Path
) -> None:
    texts, data = _probe("pseudo", demo_db, tmp_path)
    assert len(texts) > 400  # the menus, the panes and the dialogs were all read
    allowed = QT_WORDS | set(i18n.LANGUAGES.values())
    missed = [t for t in texts
              if t not in allowed and not KEYS.match(t) and _untranslated(t, data)]
    assert missed == []


def test_the_german_window_shows_no_english_text_it_has_a_translation_for(
    demo_db: Path, tmp_path: Path
) -> None:
    texts, data = _probe("de", demo_db, tmp_path)
    i18n.install("de")
    try:
        english = [m.id for m in _translations().template()
                   if isinstance(m.id, str) and len(m.id) > 3 and not m.context]
        stale = {m for m in english if i18n.tr(m) != m} & set(texts) - QT_WORDS - set(data)
    finally:
        i18n.uninstall()
    assert stale == set()
    assert "&Datei" in texts and "Abbrechen" in texts  # relmap's words, and Qt's own


def test_view_language_remembers_the_choice_for_the_next_start(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert isinstance(view, QMenu)
    language = next(a.menu() for a in view.actions() if a.text() == "&Language")
    assert isinstance(language, QMenu)
    choices = {a.text(): a for a in language.actions()}
    assert list(choices) == ["Follow the System", "English", "Deutsch"]
    assert choices["Follow the System"].isChecked()
    asked: list[str] = []

    def answer_later() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, answer_later)
    choices["Deutsch"].trigger()
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert "Deutsch" in asked[0] and window.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # the keys come back
    assert QSettings(window.settings.fileName(), QSettings.Format.IniFormat).value(SETTING) == "de"

