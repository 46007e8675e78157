"""The three-way merge of one entity, field by field."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from relmap.core.ids import PersonId, SphereId
from relmap.core.merge import Choice, Clash, ConflictError, Merged, merge, resolve
from relmap.core.model import Assessment, Person
from relmap.core.network import PERSON

BASE = Person(PersonId(1), "Ada Lovelace", title="Analyst", spheres=frozenset({SphereId(1)}),
              updated=datetime(2026, 1, 1))


def test_fields_changed_on_one_side_each_are_kept() -> None:
    mine = replace(BASE, notes="poet's daughter", spheres=BASE.spheres | {SphereId(2)},
                   assessment=Assessment(trust_given=4), updated=datetime(2026, 1, 3))
    theirs = replace(BASE, title="Countess", spheres=frozenset({SphereId(3)}),
                     assessment=Assessment(quality=5), updated=datetime(2026, 1, 2))
    merged = merge(BASE, mine, theirs)
    assert merged.clashes == ()
    value = merged.value
    assert (value.title, value.notes) == ("Countess", "poet's daughter")
    assert value.spheres == {SphereId(2), SphereId(3)}  # my addition, their removal and addition
    assert (value.assessment.trust_given, value.assessment.quality) == (4, 5)
    assert value.updated == datetime(2026, 1, 3)  # the later stamp, never a clash


def test_the_same_field_changed_both_ways_clashes_and_keeps_theirs() -> None:
    mine = replace(BASE, title="Mathematician", assessment=Assessment(quality=2))
    theirs = replace(BASE, title="Countess", assessment=Assessment(quality=5))
    merged = merge(BASE, mine, theirs)
    assert merged.clashes == (Clash("title", "Analyst", "Mathematician", "Countess"),
                              Clash("assessment.quality", None, 2, 5))
    assert merged.value == theirs


def test_the_same_change_on_both_sides_is_no_clash() -> None:
    same = replace(BASE, title="Countess")
    assert merge(BASE, same, same) == Merged(same)


def test_a_deletion_against_a_change_clashes_either_way() -> None:
    changed = replace(BASE, title="Countess")
    assert merge(BASE, changed, None).clashes == (Clash("", BASE, changed, None),)
    assert merge(BASE, None, changed).clashes == (Clash("", BASE, None, changed),)
    assert merge(BASE, None, BASE) == Merged(None)  # deleted here, untouched there


def test_resolve_applies_each_choice_on_top_of_the_merge() -> None:
    key = (PERSON, 1)
    mine = replace(BASE, title="Mathematician", notes="mine", assessment=Assessment(quality=2))
    theirs = replace(BASE, title="Countess", notes="theirs", assessment=Assessment(quality=5))
    merged = merge(BASE, mine, theirs)
    conflict = ConflictError({key: merged.value}, [(key, c) for c in merged.clashes],
                             {key: theirs}, {key: 7}, {})
    chosen = resolve(conflict, {(key, "title"): Choice.MINE, (key, "notes"): Choice.BOTH,
                                (key, "assessment.quality"): Choice.THEIRS})[key]
    assert (chosen.title, chosen.notes, chosen.assessment.quality) == (
        "Mathematician", "theirs\n\nmine", 5)
    assert str(conflict).startswith("someone else also changed the title of Ada Lovelace")
