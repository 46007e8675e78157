"""Soak: two writers and one reader on one map for a while, then every acknowledged edit must
be there, with no deadlock and a clean integrity check.

Each writer is its own process with its own copy of the map. Both edit the same people (one
the titles and trust, the other the notes and quality), add people now and then, and note
every edit the store acknowledged. The reader loads the whole map in a loop. At the end the
map is read once more and compared with what was acknowledged.

    python benchmarks/soak_team.py [--db FILE-OR-URL] [--seconds 120]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from relmap.core.edits import AddPeople
from relmap.core.errors import ValidationError
from relmap.core.ids import PersonId
from relmap.core.model import Person
from relmap.core.network import PERSON, Network
from relmap.store.backup import integrity_problems
from relmap.store.repository import Repository, ensure_me

_WRITER = """
import json, sys, time
from relmap.core.edits import AddPeople, SetAssessment, UpdatePerson
from relmap.core.model import AssessmentField, Person
from relmap.store.repository import Repository
db, field, rating, until = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
repo = Repository(db, member=field)
net = repo.load()
people = sorted(p for p, x in net.people.items() if x.display_name.startswith("Soak "))
n = 0
while time.time() < until:
    pid = people[n % len(people)]
    repo.apply(UpdatePerson(pid, {field: f"{field} {n}"}), net)
    repo.apply(SetAssessment(pid, AssessmentField(rating), 1 + n % 5), net)
    print(json.dumps(["edit", pid, n]), flush=True)
    if n % 10 == 0:
        repo.apply(AddPeople((Person(net.next_person_id(), f"{field} added {n}"),)), net)
        print(json.dumps(["add", f"{field} added {n}"]), flush=True)
    n += 1
"""

_READER = """
import sys, time
from relmap.store.repository import Repository
repo, until, reads = Repository(sys.argv[1]), float(sys.argv[2]), 0
while time.time() < until:
    repo.load()
    reads += 1
print(reads)
"""


def _problems(repo: Repository, network: Network) -> list[str]:
    """The file's own integrity check (a map file) and every reference of the map."""
    problems = integrity_problems(repo.path) if repo.path is not None else []
    try:
        network.validate()
    except ValidationError as exc:
        problems.append(str(exc))
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a map file or a PostgreSQL URL (default: a new file)")
    parser.add_argument("--seconds", type=float, default=120.0)
    args = parser.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp()) / "soak.db")
    with Repository(db) as repo:
        net = repo.load()
        ensure_me(repo, net)
        ids = map(PersonId, net.new_ids(PERSON, 20))
        repo.apply(AddPeople(tuple(Person(i, f"Soak {i}") for i in ids)), net)
    until = time.time() + args.seconds
    writers = {field: subprocess.Popen(
        [sys.executable, "-c", _WRITER, db, field, rating, str(until)],
        stdout=subprocess.PIPE, text=True) for field, rating in (("title", "trust_given"),
                                                                 ("notes", "quality"))}
    reader = subprocess.Popen([sys.executable, "-c", _READER, db, str(until)],
                              stdout=subprocess.PIPE, text=True)
    last: dict[str, dict[int, int]] = {}
    added: list[str] = []
    for field, writer in writers.items():
        out, _ = writer.communicate(timeout=args.seconds + 120)
        if writer.returncode:
            sys.exit(f"the {field} writer failed")
        for kind, *rest in map(json.loads, out.splitlines()):
            if kind == "edit":
                last.setdefault(field, {})[rest[0]] = rest[1]
            else:
                added.append(rest[0])
    reads = int(reader.communicate(timeout=120)[0])
    lost = 0
    for field, done in last.items():  # each writer as itself: notes are a member's own
        with Repository(db, member=field) as repo:
            network = repo.load()
            people = network.people
            problems = _problems(repo, network)
        lost += sum(getattr(people[PersonId(pid)], field) != f"{field} {n}"
                    for pid, n in done.items())
    names = {p.display_name for p in people.values()}
    missing = sum(name not in names for name in added)
    edits = sum(len(done) and max(done.values()) + 1 for done in last.values())
    print(f"{args.seconds:.0f} s: {edits} edits and {len(added)} new people acknowledged by "
          f"two writers, {reads} whole-map reads; lost edits {lost}, lost people {missing}, "
          f"integrity: {problems or 'ok'}")
    sys.exit(1 if lost or missing or problems else 0)


if __name__ == "__main__":
    main()
