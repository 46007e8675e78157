"""The window's language: the user's choice under View → Language, or the system's, installed
before any window is built (relmap.core.i18n), with Qt's own words (standard buttons, file
dialogs) and its date and number formats in the same language."""

from __future__ import annotations

import sys
from functools import partial

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QProcess, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from relmap.core.i18n import LANGUAGES, current_locale, install, tr
from relmap.ui import modal

SETTING = "view/language"  # a key of LANGUAGES, or "" to follow the system


def install_language(app: QCoreApplication, settings: QSettings) -> str:
    """Speak the chosen language from now on; returns it. Call before importing the window's
    modules: their tables of words are made when they are imported."""
    language = install(str(settings.value(SETTING, "")))
    QLocale.setDefault(QLocale(current_locale() or "en_GB"))
    translator = QTranslator(app)  # Qt's own words: OK, Cancel, the file dialogs
    qt_words = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", qt_words):
        app.installTranslator(translator)
    return language


def language_menu(window: QWidget, settings: QSettings, parent: QMenu) -> QMenu:
    """View → Language: the system's, or one relmap speaks; takes effect at the next start."""
    menu = QMenu(tr("&Language"), parent)
    group = QActionGroup(window)
    current = str(settings.value(SETTING, ""))
    for key, name in {"": tr("Follow the System"), **LANGUAGES}.items():
        action = QAction(name, group, checkable=True)
        action.setChecked(key == current)
        action.triggered.connect(partial(_choose, window, settings, key))
        menu.addAction(action)
    return menu


def _choose(window: QWidget, settings: QSettings, language: str) -> None:
    if language == str(settings.value(SETTING, "")):
        return
    settings.setValue(SETTING, language)
    settings.sync()
    restart = modal.ask(
        window,
        tr("Language"),
        tr(
            "relmap speaks {language} from its next start. Restart it now? Your map is "
            "stored as it is."
        ).format(language=LANGUAGES.get(language, tr("the system's language"))),
    )
    if restart and window.close():
        frozen = getattr(sys, "frozen", False)
        QProcess.startDetached(sys.executable, sys.argv[1:] if frozen else sys.orig_argv[1:])
        QApplication.quit()
