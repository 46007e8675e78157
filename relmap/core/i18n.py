"""The language relmap speaks: visible text goes through ``tr()`` (or ``ntr()`` where a count
decides the form), and dates and numbers through ``date_text()`` and ``number()``.

Nothing is translated until ``install()`` runs: the command line speaks English whatever the
locale, so that scripts read the same words everywhere, and the window calls ``install()``
before it builds anything. Catalogues are gettext files in ``resources/locale``
(``packaging/translations.py`` extracts, updates and compiles them).
"""

from __future__ import annotations

import gettext
import os
from datetime import date
from typing import TYPE_CHECKING

from relmap.resources import resource_path

if TYPE_CHECKING:  # Babel is imported when a language is installed: commands start faster
    from babel import Locale

DOMAIN = "relmap"
VALUE = "value"  # the catalogue's context of the fixed values named() translates
# The languages a user can choose, in their own words; "" follows the system.
LANGUAGES = {"en": "English", "de": "Deutsch"}

_catalogue: gettext.NullTranslations = gettext.NullTranslations()
_locale: Locale | None = None  # None: English words and formats, as on the command line
_language = "en"


def tr(text: str) -> str:
    """``text`` in the installed language."""
    return _catalogue.gettext(text)


def tr_later(text: str) -> str:
    """``text`` as it is, marked for the catalogue: it is translated with ``tr()`` where it is
    shown (a word checked thousands of times while a map loads, shown only in an error)."""
    return text


def ntr(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` that goes with ``n``, in the installed language."""
    return _catalogue.ngettext(singular, plural, n)


def named(value: str) -> str:
    """A fixed value (a tie's kind, a role, a stay-in-touch status…) in the installed
    language, kept apart from the window's words (context "value"), since "sphere" or "tie"
    are both; packaging/translations.py puts the values of the enums the window names in the
    catalogue."""
    return _catalogue.pgettext(VALUE, value)


def in_sentence(text: str) -> str:
    """``text`` (a name such as "Trust given") as it reads inside a sentence: in lower case,
    unless the language capitalises its nouns, as German does."""
    return text if _language == "de" else text.lower()


def number(value: float, digits: int = 0) -> str:
    """``value`` with the locale's separators: ``1,234`` or ``1.234``; ``digits`` decimals."""
    if _locale is None:
        return f"{value:,.{digits}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, pattern, locale=_locale)


def percent(share: float) -> str:
    """``share`` (0..1) as a percentage with the locale's separators: whole percents, and one
    decimal below 1 %, so that 0.4 % of a big map does not read 0 % ("<0.1 %" below that)."""
    if 0 < share < 0.001:
        return "<" + number(0.1, 1) + "%"
    return number(100 * share, 1 if 0 < share < 0.01 else 0) + "%"


def date_text(day: date, *, long: bool = False) -> str | None:
    """``day`` as the installed locale writes it, or None for relmap's own English form."""
    if _locale is None:
        return None
    from babel.dates import format_date

    return format_date(day, "long" if long else "medium", locale=_locale)


def system_language() -> str:
    """The first of the user's languages (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) relmap speaks."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for entry in os.environ.get(variable, "").split(":"):
            code = entry.split(".")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
    return "en"


def install(language: str = "") -> str:
    """Speak ``language`` (a key of LANGUAGES; "" for the system's) from now on, with dates and
    numbers in the user's locale where it is of that language. Returns the language used."""
    global _catalogue, _locale, _language
    language = language if language in LANGUAGES else system_language()
    _language = language
    _catalogue = gettext.translation(
        DOMAIN, resource_path("locale"), [language], fallback=True
    )
    _locale = _user_locale(language)
    return language


def uninstall() -> None:
    """Back to untranslated English, as the command line speaks."""
    global _catalogue, _locale, _language
    _catalogue, _locale, _language = gettext.NullTranslations(), None, "en"


def current_locale() -> str | None:
    """The installed locale's identifier (``de_DE``), or None if nothing is installed."""
    return None if _locale is None else str(_locale)


def _user_locale(language: str) -> Locale:
    """The locale of the user's formats (LC_TIME, LC_ALL, LANG) if it is of ``language``
    (an Austrian or Swiss user keeps their formats in German), else that language's own."""
    from babel import Locale, UnknownLocaleError

    for variable in ("LC_ALL", "LC_TIME", "LANG"):
        name = os.environ.get(variable, "").split(".")[0]
        if name and name not in ("C", "POSIX"):
            try:
                found = Locale.parse(name)
            except (ValueError, UnknownLocaleError):
                continue
            if found.language == language:
                return found
    return Locale.parse({"en": "en_GB", "de": "de_DE"}[language])
