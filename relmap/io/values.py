"""Cell values: English dates without the locale, names, credentials, emails, URLs, ratings."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import unquote, urlsplit

from relmap.core.errors import ValidationError
from relmap.core.i18n import tr
from relmap.core.model import check_email

_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[\s\-/.]+([A-Za-z]{3,9})\.?[\s\-/.,]+(\d{2}|\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_KNOWN_CREDENTIALS = frozenset({"esq", "esq.", "phd", "ph.d.", "ph.d", "dphil", "mba", "cpa"})
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_NOT_WORD = re.compile(r"[^\w]+")
_LINKEDIN = re.compile(r"^(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com(/[^?#]*)?(?:[?#].*)?$",
                       re.IGNORECASE)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@lru_cache(maxsize=1 << 14)  # a big export has a few thousand distinct days
def parse_date(text: str) -> date | None:
    """Read "12 Mar 2024", "12-Mar-24", "March 12, 2024" or "2024-03-12", never by locale.

    Returns None for a blank cell; raises ValueError for anything else it cannot read.
    """
    text = text.strip()
    if not text:
        return None
    if m := _ISO.match(text) or _COMPACT.match(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_MONTH_YEAR.match(text):
        return date(_year(m[3]), _month(m[2]), int(m[1]))
    if m := _MONTH_DAY_YEAR.match(text):
        return date(int(m[3]), _month(m[1]), int(m[2]))
    raise ValueError(tr("'{text}' is not a date like 12 Mar 2024").format(text=text))




def _month(name: str) -> int:
    try:
        return _MONTHS[name.lower()]
    except KeyError:
        raise ValueError(tr("'{name}' is not an English month").format(name=name)) from None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


@lru_cache(maxsize=1 << 16)  # given names and families repeat across thousands of rows
def split_credentials(text: str) -> tuple[str, str]:
    """Split "Doe, MBA, PMP" into ("Doe", "MBA, PMP"); a suffix like "Jr." stays in the name."""
    if "," not in text:
        return text.strip(), ""
    parts = [p.strip() for p in text.split(",")]
    name, creds = [parts[0]], []
    for part in parts[1:]:
        if not part:
            continue
        if part.lower() in _SUFFIXES:
            name.append(part)
        elif is_credential(part):
            creds.append(part)
        else:
            name.append(part)
    return " ".join(p for p in name if p), ", ".join(creds)


def is_credential(part: str) -> bool:
    """"MBA", "PhD", "CFA®", "Esq." are credentials; "Jane" or "Van Der Berg" are names."""
    token = part.strip("®™ ")
    if token.lower() in _KNOWN_CREDENTIALS:
        return True
    if " " in token or not 2 <= len(token) <= 12:
        return False
    return sum(c.isupper() for c in token) >= 2 and all(c.isalpha() or c in ".-" for c in token)


@lru_cache(maxsize=1 << 16)  # organisations repeat across thousands of records
def normalise_name(text: str) -> str:
    """Fold a name for matching: no accents, case, credentials or punctuation."""
    base, _ = split_credentials(text)
    if not base.isascii():
        base = unicodedata.normalize("NFKD", base)
        base = "".join(c for c in base if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", base.casefold()).split())


# legal forms an organisation's name may carry or leave out
_LEGAL = frozenset({"ab", "ag", "as", "asa", "bv", "co", "company", "corp", "corporation",
                    "gmbh", "inc", "incorporated", "kg", "limited", "llc", "llp", "lp", "ltd",
                    "nv", "oy", "oyj", "plc", "pty", "sa", "sarl", "sas", "se", "spa", "srl",
                    "the"})


def organisation_key(organisation: str) -> str:
    """An organisation folded, without its legal form: "Ericsson AB" and "ericsson" agree."""
    return " ".join(w for w in normalise_name(organisation).split() if w not in _LEGAL)


def profile_key(url: str) -> str:
    """The identity of a profile URL: host without www/country, path without the slash."""
    text = url.strip()
    if not text:
        return ""
    if fast := _LINKEDIN.match(text):  # nearly every URL an import sees
        return "linkedin.com" + unquote(fast[1] or "").rstrip("/").lower()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return url.strip().lower()
    host = host.removeprefix("www.")
    path = unquote(parts.path).rstrip("/")
    if host.endswith("linkedin.com"):
        host, path = "linkedin.com", path.lower()
    return f"{host}{path}"


def valid_email(text: str) -> bool:
    """True if the model accepts ``text`` as an email address."""
    try:
        check_email(text)
    except ValidationError:
        return False
    return True


def split_emails(text: str) -> tuple[list[str], list[str]]:
    """Split a cell of emails ("a@x.org, b@y.org" or "a@x.org;b@y.org") into (good, bad).

    Addresses cannot hold whitespace, so whitespace separates them; a separator comma or
    semicolon right before the whitespace is dropped. Pieces that are still not addresses
    are split on commas and semicolons as a last resort.
    """
    text = text.strip()
    if not text:
        return [], []
    if valid_email(text):
        return [text], []
    tokens = text.split()
    pieces = [t[:-1] if t[-1] in ",;" and len(t) > 1 else t for t in tokens[:-1]]
    pieces.append(tokens[-1])
    good: list[str] = []
    bad: list[str] = []
    for piece in pieces:
        candidates = [piece] if valid_email(piece) else re.split(r"[,;]", piece)
        for candidate in candidates:
            if valid_email(candidate):
                good.append(candidate)
            elif candidate.strip(",; "):
                bad.append(candidate)
    return good, bad


def join_emails(emails: list[str]) -> str:
    """The inverse of ``split_emails`` for valid addresses."""
    return ", ".join(emails)


def has_formula(text: str) -> bool:
    """True if a spreadsheet would run ``text`` as a formula."""
    return text.startswith(FORMULA_START)


def parse_rating(text: str, *, what: str = "rating") -> int | None:
    """Read a 1–5 rating ("4", "4.0"); blank is unrated. Raises ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(
            tr("{what} '{text}' is not a number from 1 to 5").format(what=what, text=text)
        ) from None
    if value != int(value) or not 1 <= value <= 5:
        raise ValueError(
            tr("{what} '{text}' is not a whole number from 1 to 5").format(what=what, text=text)
        )
    return int(value)


def parse_bool(text: str) -> bool:
    """Read yes/no, true/false, 1/0, x; blank is False. Raises ValueError otherwise."""
    value = text.strip().lower()
    if value in {"", "0", "no", "n", "false", "f", "external"}:
        return False
    if value in {"1", "yes", "y", "true", "t", "x", "internal"}:
        return True
    raise ValueError(tr("'{text}' is not yes or no").format(text=text))


def split_multi(text: str, separator: str) -> list[str]:
    """Split a multi-value cell and drop blank pieces."""
    return [piece.strip() for piece in text.split(separator) if piece.strip()]


def optional_int(value: Any) -> int | None:
    """A whole number from a JSON value, or None for null (raises for anything else)."""
    return None if value is None else int(value)
