"""``relmap stats``: the network in figures, the most influential people and the brokers."""

from __future__ import annotations

import argparse
import math

from relmap.commands.common import add_db_argument, open_store, print_json

NAME = "stats"
HELP = "counts, network summary, the most influential people and the brokers"
TOP = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--top", type=int, default=TOP, metavar="N",
                        help=f"how many influencers and brokers (default {TOP})")
    parser.add_argument("--seed", type=int, default=0, metavar="S",
                        help="seed of the sampled measures and the communities")


def run(args: argparse.Namespace) -> int:
    from relmap.analysis.influence import brokers, influence, nobody_stands_out
    from relmap.analysis.lookup import names_apart
    from relmap.analysis.measures import measures
    from relmap.analysis.summary import community_groups, summary

    repository, network = open_store(args)
    with repository:
        figures = summary(network, seed=args.seed)
        found = measures(network, seed=args.seed)
        top = influence(network, top=args.top, seed=args.seed)
        bridges = brokers(network, top=args.top, seed=args.seed)
        alike = nobody_stands_out(network, seed=args.seed)
    name = names_apart(network, [i.person for i in top] + [p for p, _, _ in bridges])
    sizes = [len(group) for group in community_groups(found)]
    if args.json:
        print_json({
            "summary": figures.as_dict(),
            "betweenness_error": found.betweenness_error,
            "communities": sizes,
            "influence": [{"name": name[i.person], "score": round(i.score, 1),
                           "factors": {f.name: round(f.points, 1) for f in i.factors},
                           "explanation": i.explanation} for i in top],
            "brokers": [{"name": name[p], "betweenness": round(b, 4), "bridges": words}
                        for p, b, words in bridges],
        })
        return 0
    if figures.ties:
        print(f"{figures.people:,} people, {figures.ties:,} ties between them, "
              f"{figures.ties_to_me:,} ties to you; density {_density(figures.density)}; "
              f"{_count(figures.components, 'group')} (the largest "
              f"{figures.largest_component:,})"
              + ("" if math.isnan(figures.average_distance)
                 else f", {figures.average_distance:.1f} steps apart on average"))
    else:
        print(f"{figures.people:,} people, none of them tied to another yet, "
              f"{figures.ties_to_me:,} ties to you")
    print(f"ties within spheres {figures.ties_within_spheres:,}, across spheres "
          f"{figures.ties_across_spheres:,}; internal {figures.internal:,}, external "
          f"{figures.external:,}; {_count(len(sizes), 'community', 'communities')}")
    print("\nMost influential:")
    if alike:
        print("  nobody stands out yet: everyone scores the same; rating trust and quality, "
              "and adding who knows whom, sets them apart")
    else:
        for i in top:
            print(f"  {i.score:5.1f}  {name[i.person]}: {i.explanation}")
    sampled = f" (sampled, ±{found.betweenness_error:.4f})" if found.betweenness_error else ""
    print(f"\nBrokers{sampled}:")
    for pid, value, words in bridges:
        print(f"  {value:.3f}  {name[pid]}: {words}")
    return 0


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def _density(value: float) -> str:
    """Three decimals, or two significant digits where that would read 0.000 (a map of
    100,000 people has a density of 0.000086)."""
    digits = 3 if value <= 0 else max(3, 1 - math.floor(math.log10(value)))
    return f"{value:.{digits}f}"
