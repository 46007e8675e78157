"""Random sequences of push, undo and redo: the database always equals the expected state."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relmap.core.edits import (
    AddTies,
    Edit,
    MoveNodes,
    Position,
    RemovePeople,
    SetAssessment,
    SetMembership,
    UpdatePerson,
)
from relmap.core.errors import ValidationError
from relmap.core.model import AssessmentField, Tie
from relmap.core.network import Network
from relmap.document.document import Document
from relmap.store.repository import Repository

steps = st.lists(
    st.one_of(
        st.tuples(st.just("push"), st.integers(0, 5), st.integers(0, 10_000)),
        st.tuples(st.just("undo"), st.just(0), st.just(0)),
        st.tuples(st.just("redo"), st.just(0), st.just(0)),
    ),
    min_size=1,
    max_size=12,
)


def _make_edit(net: Network, kind: int, n: int) -> Edit:
    others = sorted(p for p in net.people if not net.people[p].is_me)
    pid = others[n % len(others)]
    field = list(AssessmentField)[n % 4]
    match kind:
        case 0:
            return UpdatePerson(pid, {"notes": f"note {n}"})
        case 1:
            return SetAssessment(pid, field, n % 6 or None)
        case 2:
            return MoveNodes({pid: Position(float(n), float(-n), bool(n % 2))})
        case 3:
            return SetMembership(
                sorted(net.spheres)[n % len(net.spheres)], frozenset({pid}), bool(n % 2)
            )
        case 4:
            other = others[(n // 7) % len(others)]
            return AddTies((Tie(net.next_tie_id(), pid, other, strength=n % 5 + 1),))
    return RemovePeople((pid,))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(script=steps)
def test_database_follows_the_undo_stack(demo_template: Path, tmp_path: Path, script: list) -> None:  # type: ignore[type-arg]
    db = tmp_path / f"p{abs(hash(tuple(script)))}.db"
    db.write_bytes(demo_template.read_bytes())
    doc = Document.open(db)
    states = [doc.network.copy()]  # states[i] = expected network at undo index i
    for action, kind, n in script:
        if action == "push":
            try:
                doc.push(_make_edit(doc.network, kind, n), "step")
            except ValidationError:
                continue
            states = [*states[: doc.undo_stack.index()], doc.network.copy()]
        elif action == "undo":
            doc.undo_stack.undo()
        else:
            doc.undo_stack.redo()
        expected = states[doc.undo_stack.index()] if doc.undo_stack.index() < len(states) else None
        if expected is not None:
            assert doc.network == expected
    doc.close()
    with Repository(db) as repo:
        assert repo.load() == doc.network
