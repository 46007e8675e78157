"""Upkeep benchmark: the drifting list on 10,000 people with 200,000 interactions, first read
and refreshed after one logged contact, next to SQLite computing only the last contacts
(``MAX(on) GROUP BY person``) over the same rows, in the same run.

Target (docs/upkeep.md): the refresh after a logged contact under 100 ms.

    python benchmarks/bench_upkeep.py [--people 10000] [--interactions 200000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from collections.abc import Callable
from datetime import date, timedelta

from relmap.analysis.upkeep import drifting, give_first
from relmap.core.ids import ExchangeId, InteractionId, PersonId, TieId
from relmap.core.model import (
    Assessment,
    Exchange,
    ExchangeKind,
    Interaction,
    InteractionKind,
    Person,
    Tie,
)
from relmap.core.network import Network
from relmap.core.records import PutRecords

TODAY = date(2026, 12, 1)


def upkeep_map(people: int, interactions: int, seed: int) -> Network:
    """Rated people (so closeness tiers give most a cadence), each tied to me, a year of
    interactions of one to three people each, one exchange per five interactions."""
    rng = random.Random(seed)
    me = PersonId(1)
    persons = [Person(me, "Me", is_me=True)]
    for i in range(2, people + 2):
        persons.append(Person(PersonId(i), f"P{i}", cadence_days=rng.choice([None, None, 30, 90]),
                              assessment=Assessment(rng.randint(1, 5), rng.randint(1, 5),
                                                    rng.randint(1, 5), rng.randint(1, 5))))
    ties = [Tie(TieId(i), me, PersonId(i + 1), strength=rng.randint(1, 5))
            for i in range(1, people + 1)]
    log = [Interaction(InteractionId(i), TODAY - timedelta(days=rng.randrange(365)),
                       rng.choice(list(InteractionKind)), "", None,
                       frozenset(PersonId(rng.randrange(2, people + 2))
                                 for _ in range(rng.choice((1, 1, 2, 3)))))
           for i in range(1, interactions + 1)]
    given = [Exchange(ExchangeId(i), PersonId(rng.randrange(2, people + 2)), rng.random() < 0.5,
                      ExchangeKind.ADVICE, TODAY - timedelta(days=rng.randrange(365)))
             for i in range(1, interactions // 5 + 1)]
    return Network(people={p.id: p for p in persons}, ties={t.id: t for t in ties},
                   interactions={i.id: i for i in log}, exchanges={e.id: e for e in given})


def _timed(work: Callable[[], object], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def _sqlite_last_contacts(network: Network) -> Callable[[], object]:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE participant (interaction_id INTEGER, person_id INTEGER, on_ TEXT)")
    con.executemany("INSERT INTO participant VALUES (?, ?, ?)",
                    [(i.id, p, i.on.isoformat()) for i in network.interactions.values()
                     for p in i.participants])
    return lambda: con.execute(
        "SELECT person_id, MAX(on_) FROM participant GROUP BY person_id").fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    network = upkeep_map(args.people, args.interactions, args.seed)
    start = time.perf_counter()
    due = drifting(network, today=TODAY)
    first = time.perf_counter() - start
    next_id = max(network.interactions) + 1

    def log_and_refresh() -> None:
        nonlocal next_id
        who = frozenset({due[0].person})
        network.apply(PutRecords((Interaction(InteractionId(next_id), TODAY,
                                              InteractionKind.CALL, participants=who),)))
        next_id += 1
        drifting(network, today=TODAY)
        give_first(network, today=TODAY)

    refresh = _timed(log_and_refresh)
    sqlite = _timed(_sqlite_last_contacts(network))
    print(f"{args.people:,} people, {args.interactions:,} interactions, "
          f"{len(network.exchanges):,} exchanges; {len(due):,} drifting")
    print(f"  drifting, first read           {first * 1000:8.1f} ms")
    print(f"  log a contact, then drifting + give-first  {refresh * 1000:8.1f} ms "
          f"(target < 100 ms)")
    print(f"  SQLite MAX(on) GROUP BY person {sqlite * 1000:8.1f} ms  "
          f"(relmap refresh / SQLite = {refresh / sqlite:.1f}×)")


if __name__ == "__main__":
    main()
