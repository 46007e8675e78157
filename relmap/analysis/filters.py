"""Filters: conditions on any field or measure of a person, stacked (all must hold). The filter
bar, saved views and the export's scope all read them from here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

import numpy as np

from relmap.analysis.upkeep import standings
from relmap.core.i18n import named, tr
from relmap.core.ids import PersonId
from relmap.core.model import AssessmentField, Person, Role, TieKind
from relmap.core.network import Network
from relmap.core.words import capital
from relmap.style import Measure


class Field(StrEnum):
    SPHERE = "sphere"
    ROLE = "role"
    NETWORK = "network"  # internal or external
    TRUST_GIVEN = "trust given"
    TRUST_RECEIVED = "trust received"
    QUALITY = "quality"
    RELEVANCE = "relevance"
    TIE_KIND = "tie to me"
    TIE_STRENGTH = "strength of tie to me"
    STATUS = "stay in touch"
    INFLUENCE = "influence"
    BROKERAGE = "brokerage"
    REACH = "two-step reach"
    TIES = "ties"
    TEXT = "text"


RATINGS = {Field.TRUST_GIVEN: AssessmentField.TRUST_GIVEN,
           Field.TRUST_RECEIVED: AssessmentField.TRUST_RECEIVED,
           Field.QUALITY: AssessmentField.QUALITY, Field.RELEVANCE: AssessmentField.RELEVANCE}
# Fields read as numbers (a range), with the scale they are shown on; the others are lists.
RANGES: Mapping[Field, tuple[float, float]] = {
    **dict.fromkeys(RATINGS, (1, 5)), Field.TIE_STRENGTH: (1, 5), Field.INFLUENCE: (0, 100),
    Field.BROKERAGE: (0, 100), Field.REACH: (0, 100), Field.TIES: (0, 10_000),
}
STATUSES = ("ok", "due", "overdue", "snoozed", "none")


@dataclass(frozen=True, slots=True)
class Condition:
    """``values``: any of these (lists, and the text of a search); ``low``/``high``: a range."""

    field: Field
    values: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None

    def words(self, network: Network) -> str:
        """"Sphere: Fintech or Investors", "Quality 4 to 5", "Influence 40 or more"."""
        name = capital(named(self.field))
        if self.field in RANGES:
            low, high = (_number(v) for v in (self.low, self.high))
            if self.low is not None and self.high is not None:
                return tr("{name} {low} to {high}").format(name=name, low=low, high=high)
            return (
                tr("{name} {low} or more").format(name=name, low=low)
                if self.low is not None
                else tr("{name} up to {high}").format(name=name, high=high)
            )
        spheres = {str(s.id): s.name for s in network.spheres.values()}
        shown = [spheres.get(v, v) if self.field is Field.SPHERE else v for v in self.values]
        if self.field is Field.TEXT:
            return tr("Text: “{join}”").format(join=' '.join(shown))
        return f"{name}: {' or '.join(shown)}"

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field.value, "values": list(self.values), "low": self.low,
                "high": self.high}

    @classmethod
    def from_dict(cls, item: Mapping[str, Any]) -> Condition:
        """Raises ValueError, KeyError or TypeError for something that is not a condition."""
        low, high = item.get("low"), item.get("high")
        return cls(Field(item["field"]), tuple(str(v) for v in item.get("values") or ()),
                   None if low is None else float(low), None if high is None else float(high))


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def matching(network: Network, condition: Condition, *, today: date) -> frozenset[PersonId]:
    """The people (never me) for whom ``condition`` holds."""
    people = [p for p in network.people.values() if not p.is_me]
    value = _reader(network, condition.field, today)
    if condition.field in RANGES:
        low = -float("inf") if condition.low is None else condition.low
        high = float("inf") if condition.high is None else condition.high
        return frozenset(p.id for p in people
                         if (v := value(p)) is not None and low <= float(v) <= high)
    if condition.field is Field.TEXT:
        words = [w.casefold() for w in " ".join(condition.values).split()]
        return frozenset(p.id for p in people if all(w in str(value(p)) for w in words))
    wanted = set(condition.values)
    return frozenset(p.id for p in people if wanted & set(value(p) or ()))


def filtered(network: Network, conditions: Iterable[Condition], *, today: date
             ) -> frozenset[PersonId] | None:
    """The people every condition holds for; None when there is no condition."""
    found: frozenset[PersonId] | None = None
    for condition in conditions:
        these = matching(network, condition, today=today)
        found = these if found is None else found & these
    return found


def _reader(network: Network, field: Field, today: date) -> Any:
    """A function of a person giving the field's value (a number, or a set of words)."""
    if field in RATINGS:
        rating = RATINGS[field]
        return lambda p: p.assessment.rating(rating)
    if field is Field.SPHERE:
        return lambda p: {str(s) for s in p.spheres}
    if field is Field.ROLE:
        return lambda p: {r.value for r in p.roles}
    if field is Field.NETWORK:
        return lambda p: {"internal" if p.internal else "external"}
    if field is Field.TEXT:
        return _text
    if field in (Field.TIE_KIND, Field.TIE_STRENGTH):
        kinds, strongest = _ties_to_me(network)
        if field is Field.TIE_KIND:
            return lambda p: kinds.get(p.id, set())
        return lambda p: strongest.get(p.id)
    if field is Field.STATUS:
        status = {pid: s.status.value for pid, s in standings(network, today=today).items()}
        return lambda p: {status.get(p.id, "none")}
    return _measure(network, field)


def _text(person: Person) -> str:
    emails = " ".join(e.value for e in person.emails)
    return (f"{person.display_name} {person.organisation} {person.title} {emails} "
            f"{person.notes}").casefold()


def _ties_to_me(network: Network) -> tuple[dict[PersonId, set[str]], dict[PersonId, int]]:
    kinds: dict[PersonId, set[str]] = {}
    strongest: dict[PersonId, int] = {}
    me = network.me
    if me is not None:
        for t in network.ties_of(me.id):
            other = t.b if t.a == me.id else t.a
            kinds.setdefault(other, set()).add(t.kind.value)
            strongest[other] = max(strongest.get(other, 0), t.strength)
    return kinds, strongest


def measures_tested(conditions: Iterable[Condition]) -> list[Measure]:
    """The measures some of ``conditions`` test."""
    fields = {c.field for c in conditions}
    return [m for m, field in _MEASURE_FIELDS.items() if field in fields]


def measured_yet(network: Network, which: Iterable[Measure]) -> bool:
    """Whether every measure :func:`measured` reads for ``which`` is worked out already."""
    from relmap.analysis import influence, measures

    return all(influence.influence_yet(network) if m is Measure.INFLUENCE
               else measures.measured_yet(network) for m in which)


def _measure(network: Network, field: Field) -> Any:
    from relmap.analysis.influence import influence_scores
    from relmap.analysis.measures import measures

    if field is Field.INFLUENCE:
        score = influence_scores(network)
        return lambda p: score.get(p.id)
    found = measures(network)
    row = {pid: i for i, pid in enumerate(found.ids)}
    if field is Field.BROKERAGE:  # 100 is the map's top broker
        top = float(found.betweenness.max(initial=0.0)) or 1.0
        values = found.betweenness * 100 / top
    elif field is Field.REACH:
        values = found.reach2 * 100
    else:
        values = found.degree
    return lambda p: float(values[row[p.id]]) if p.id in row else None


def choices(network: Network, field: Field) -> list[tuple[str, str]]:
    """(value, words) a list field can take on this map, for the filter bar."""
    if field is Field.SPHERE:
        return [(str(s.id), s.name) for s in sorted(network.spheres.values(),
                                                     key=lambda s: s.name.casefold())]
    if field is Field.ROLE:
        return [(r.value, named(r)) for r in Role]
    if field is Field.NETWORK:
        return [("internal", tr("internal")), ("external", tr("external"))]
    if field is Field.TIE_KIND:
        return [(k.value, named(k)) for k in TieKind]
    if field is Field.STATUS:
        words = {
            "ok": tr("in touch"),
            "due": tr("due"),
            "overdue": tr("overdue"),
            "snoozed": tr("snoozed"),
            "none": tr("no cadence"),
        }
        return [(s, words[s]) for s in STATUSES]
    return []


_MEASURE_FIELDS = {Measure.INFLUENCE: Field.INFLUENCE, Measure.BROKERAGE: Field.BROKERAGE,
                   Measure.REACH: Field.REACH, Measure.TIES: Field.TIES}
MEASURED = frozenset(_MEASURE_FIELDS.values())  # the fields the insight measures give


def measured(network: Network, which: Iterable[Measure]) -> dict[Measure, dict[PersonId, int]]:
    """Each person's fifth (1 lowest … 5 top) of each measure in ``which``, for decorating.

    Fifths are by rank, so a skewed measure still spreads over the five steps; equal values
    share a step.
    """
    found: dict[Measure, dict[PersonId, int]] = {}
    which = tuple(which)  # none: nobody's list made (28 ms of each edit at 100,000 people)
    people = [p for p in network.people.values() if not p.is_me] if which else []
    for measure in which:
        value = _measure(network, _MEASURE_FIELDS[measure])
        values = {p.id: float(v) for p in people if (v := value(p)) is not None}
        if not values:
            found[measure] = {}
            continue
        edges = np.quantile(np.array(list(values.values())), [0.2, 0.4, 0.6, 0.8])
        found[measure] = {pid: 1 + int(np.searchsorted(edges, v, side="left"))
                          for pid, v in values.items()}
    return found
