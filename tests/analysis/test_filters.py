"""Filter conditions on fields and measures, stacked; their words and their stored form."""

from __future__ import annotations

from datetime import date

import pytest

from relmap.analysis.filters import Condition, Field, filtered, matching
from relmap.analysis.influence import influence
from relmap.analysis.upkeep import standings
from relmap.core.demo import demo_log, demo_network
from relmap.core.network import Network

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def net() -> Network:
    network = demo_network(people=80, seed=5)
    demo_log(network, today=TODAY, seed=5)
    return network


def test_each_kind_of_condition_selects_exactly_its_people(net: Network) -> None:
    others = [p for p in net.people.values() if not p.is_me]
    fintech = next(s for s in net.spheres.values() if s.name == "Fintech")
    assert matching(net, Condition(Field.SPHERE, (str(fintech.id),)), today=TODAY) == {
        p.id for p in others if fintech.id in p.spheres}
    assert matching(net, Condition(Field.QUALITY, low=4), today=TODAY) == {
        p.id for p in others if (p.assessment.quality or 0) >= 4}
    assert matching(net, Condition(Field.NETWORK, ("internal",)), today=TODAY) == {
        p.id for p in others if p.internal}
    status = standings(net, today=TODAY)
    assert matching(net, Condition(Field.STATUS, ("overdue",)), today=TODAY) == {
        pid for pid, s in status.items() if s.status.value == "overdue"}
    assert matching(net, Condition(Field.STATUS, ("none",)), today=TODAY) == {
        p.id for p in others if p.id not in status}
    top = influence(net)[0]
    assert top.person in matching(net, Condition(Field.INFLUENCE, low=top.score), today=TODAY)
    assert len(matching(net, Condition(Field.INFLUENCE, low=top.score), today=TODAY)) == 1
    someone = others[3]
    words = someone.display_name.split()[0].upper()
    assert someone.id in matching(net, Condition(Field.TEXT, (words,)), today=TODAY)


def test_conditions_stack_and_read_in_words(net: Network) -> None:
    fintech = next(s for s in net.spheres.values() if s.name == "Fintech")
    sphere = Condition(Field.SPHERE, (str(fintech.id),))
    trusted = Condition(Field.TRUST_GIVEN, low=3, high=5)
    both = filtered(net, [sphere, trusted], today=TODAY)
    assert both == matching(net, sphere, today=TODAY) & matching(net, trusted, today=TODAY)
    assert filtered(net, [], today=TODAY) is None
    assert sphere.words(net) == "Sphere: Fintech"
    assert trusted.words(net) == "Trust given 3 to 5"
    assert Condition(Field.INFLUENCE, low=40).words(net) == "Influence 40 or more"
    assert Condition.from_dict(trusted.as_dict()) == trusted
    with pytest.raises(ValueError):
        Condition.from_dict({"field": "shoe size"})
