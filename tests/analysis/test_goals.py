"""Goals and coverage: counts per sphere, the gaps in words, how the people are reached."""

from __future__ import annotations

from relmap.analysis.goals import coverage, goals_coverage
from relmap.core.ids import GoalId, PersonId, SphereId, TieId
from relmap.core.model import Assessment, Goal, GoalKind, Person, Sphere, Tie
from relmap.core.network import Network

ME, AISHA, BEN, CY, DEE, EVE = (PersonId(i) for i in range(1, 7))
FINTECH, INVESTORS, PRESS = SphereId(1), SphereId(2), SphereId(3)


def _network() -> Network:
    """Me - Aisha (trusted 4 both ways); Aisha - Ben, Aisha - Cy (Fintech, reached through
    her); Dee is an investor I know directly but rate 2 on trust; Eve is tied to nobody."""
    fintech, investors = frozenset({FINTECH}), frozenset({INVESTORS})
    people = [
        Person(ME, "Me", is_me=True),
        Person(AISHA, "Aisha Jensen", assessment=Assessment(4, 4, 4, 4)),
        Person(BEN, "Ben Ortiz", spheres=fintech, assessment=Assessment(relevance=4)),
        Person(CY, "Cy Park", spheres=fintech, assessment=Assessment(relevance=2)),
        Person(DEE, "Dee Moreau", spheres=investors, assessment=Assessment(2, 3, None, 1)),
        Person(EVE, "Eve Laurent"),
    ]
    ties = [Tie(TieId(1), ME, AISHA, strength=4), Tie(TieId(2), AISHA, BEN, strength=4),
            Tie(TieId(3), AISHA, CY, strength=3), Tie(TieId(4), ME, DEE, strength=2)]
    spheres = [Sphere(FINTECH, "Fintech"), Sphere(INVESTORS, "Investors"), Sphere(PRESS, "Press")]
    return Network(people={p.id: p for p in people}, ties={t.id: t for t in ties},
                   spheres={s.id: s for s in spheres})


def test_each_sphere_is_counted_and_its_gaps_said_in_words() -> None:
    network = _network()
    goal = Goal(GoalId(1), "Raise a seed round", GoalKind.BETTER_CONNECTED,
                spheres=frozenset({FINTECH, INVESTORS, PRESS, SphereId(99)}))
    found = coverage(network, goal)
    fintech, investors, press = found.spheres  # by name; the unknown sphere is left out
    assert (fintech.people, fintech.trusted, fintech.direct) == (2, 0, 0)
    assert fintech.relevance == 3.0 and fintech.bridges == ((AISHA, 2),)
    assert (investors.people, investors.trusted, investors.direct) == (1, 0, 1)
    assert (press.people, press.relevance, press.bridges) == (0, None, ())
    assert found.gaps == (
        "Fintech: no one you trust at 3 or more",
        "Fintech: 2 people, all reached through Aisha Jensen",
        "Investors: no one you trust at 3 or more",
        "Investors: of little relevance so far (mean 1.0 of 5)",
        "Press: nobody on your map yet",
    )


def test_the_people_a_goal_needs_are_reached_directly_through_others_or_not_at_all() -> None:
    network = _network()
    goal = Goal(GoalId(1), "Meet the press", GoalKind.BETTER_KNOWN,
                people=frozenset({BEN, DEE, EVE}))
    ben, dee, eve = coverage(network, goal).people
    assert dee.direct and dee.words == "Dee Moreau: you know them directly"
    assert not ben.direct and ben.words.startswith("Ben Ortiz: ") and "Aisha Jensen" in ben.words
    assert eve.words == "no chain of ties reaches Eve Laurent yet"
    assert coverage(network, goal).gaps == ("no chain of ties reaches Eve Laurent yet",)


def test_only_active_goals_are_covered() -> None:
    network = _network()
    network.goals[GoalId(1)] = Goal(GoalId(1), "Old", active=False)
    network.goals[GoalId(2)] = Goal(GoalId(2), "Now", spheres=frozenset({PRESS}))
    assert [c.goal.title for c in goals_coverage(network)] == ["Now"]
