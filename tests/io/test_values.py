"""Cell values: English dates without the locale, credentials, profile URLs, emails."""

from __future__ import annotations

import _strptime  # type: ignore[import-not-found]
import datetime as dt
from datetime import date

import pytest

from relmap.core.dates import short_date
from relmap.io.values import (
    has_formula,
    normalise_name,
    parse_bool,
    parse_date,
    parse_rating,
    profile_key,
    split_credentials,
    split_emails,
    valid_email,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("12 Mar 2024", date(2024, 3, 12)),
    ("03 Jan 2023", date(2023, 1, 3)),
    ("5 September 2019", date(2019, 9, 5)),
    ("5 Sept 2019", date(2019, 9, 5)),
    ("12-Mar-24", date(2024, 3, 12)),
    ("12-Mar-99", date(1999, 3, 12)),
    ("March 12, 2024", date(2024, 3, 12)),
    ("Dec 1 2020", date(2020, 12, 1)),
    ("2024-03-12", date(2024, 3, 12)),
    ("2024-03-12T10:15:00Z", date(2024, 3, 12)),
    ("20240312", date(2024, 3, 12)),
    ("  ", None),
])
def test_dates_in_english_whatever_the_format(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["12 Mär 2024", "31 Foo 2024", "12/03/2024", "30 Feb 2024"])
def test_dates_that_are_not_read_say_so(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        parse_date(text)


def test_dates_never_go_through_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """strptime('%b') follows the user's locale once Qt is up: never use it.

    (docs/architecture.md §5)
    """
    def refuse(*args: object) -> None:
        raise AssertionError("strptime must not be used")

    monkeypatch.setattr(_strptime, "_strptime", refuse)
    monkeypatch.setattr(_strptime, "_strptime_datetime", refuse)
    with pytest.raises(AssertionError):
        dt.datetime.strptime("1 Jan 2020", "%d %b %Y")  # the trap is armed
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for number, month in enumerate(months, start=1):
        assert parse_date(f"1 {month} 2020") == date(2020, number, 1)
        assert short_date(date(2020, number, 1)) == f"1 {month} 2020"


@pytest.mark.parametrize(("text", "name", "credentials"), [
    ("Doe, MBA", "Doe", "MBA"),
    ("Patel, PhD, PMP", "Patel", "PhD, PMP"),
    ("Lee, Ph.D.", "Lee", "Ph.D."),
    ("Smith, CFA®", "Smith", "CFA®"),
    ("Jones, Jr.", "Jones Jr.", ""),
    ("van der Berg", "van der Berg", ""),
    ("Smith, Jane", "Smith Jane", ""),
])
def test_credentials_are_split_from_names(text: str, name: str, credentials: str) -> None:
    assert split_credentials(text) == (name, credentials)


def test_names_fold_accents_case_punctuation_and_credentials() -> None:
    assert normalise_name("Jürgen  Müller-Lüdenscheidt, PhD") == "jurgen muller ludenscheidt"
    assert normalise_name("CHLOÉ dubois") == normalise_name("Chloe Dubois")
    assert normalise_name("Seán O'Brien") == "sean o brien"


@pytest.mark.parametrize("url", [
    "https://www.linkedin.com/in/JaneDoe/", "http://linkedin.com/in/janedoe",
    "uk.linkedin.com/in/janedoe", "https://www.linkedin.com/in/janedoe?trk=people",
])
def test_profile_urls_of_one_person_agree(url: str) -> None:
    assert profile_key(url) == "linkedin.com/in/janedoe"


def test_other_urls_keep_their_path_case_and_lose_www() -> None:
    assert profile_key("https://www.example.org/People/Ann/") == "example.org/People/Ann"
    assert profile_key("") == ""
    assert profile_key("https://www.linkedin.com/") == "linkedin.com"


def test_email_cells_split_into_good_and_bad() -> None:
    assert split_emails("a@b.co, c@d.co;e@f.co nonsense x,y@z.co") == (
        ["a@b.co", "c@d.co", "e@f.co", "x,y@z.co"], ["nonsense"])
    assert split_emails("") == ([], [])
    assert split_emails("odd,name@x.org") == (["odd,name@x.org"], [])


@pytest.mark.parametrize("address", ["ann@ex\x08ample.org", "\x00ann@example.org",
                                     "ann@example.org\x85x", "a\x7fb@c.de"])
def test_an_address_with_a_control_character_is_not_an_email(address: str) -> None:
    # XML cannot carry it, so an export would silently turn it into another address.
    assert not valid_email(address)
    assert valid_email(address.translate(dict.fromkeys(range(32)) | {0x7f: None, 0x85: None}))


@pytest.mark.parametrize(("text", "formula"), [
    ("=1+1", True), ("+44 20", True), ("-2", True), ("@SUM(A1)", True), ("\tx", True),
    ("\rx", True), ("Ada", False), ("'=x", False), ("", False),
])
def test_formula_starts(text: str, formula: bool) -> None:
    assert has_formula(text) is formula


def test_ratings_and_yes_no() -> None:
    assert parse_rating("4") == 4
    assert parse_rating("4.0") == 4
    assert parse_rating(" ") is None
    for bad in ("0", "6", "3.5", "high"):
        with pytest.raises(ValueError, match="1 to 5"):
            parse_rating(bad)
    assert parse_bool("Yes") is True
    assert parse_bool("") is False
    with pytest.raises(ValueError, match="yes or no"):
        parse_bool("maybe")
