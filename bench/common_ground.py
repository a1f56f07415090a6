"""How fast is a conversation's analysis on a big one?

Generates (seeded) 2,000 members × 300 statements, each member voting on about half of them,
with three planted opinion groups, and times the whole analysis (per-statement and per-group
tallies, common ground, divisive statements, opinion groups by PCA + k-means + silhouette).
Target: under 2 s. Baseline measured in the same run: one plain Python pass over the votes
that only counts them (the least any analysis must do), so the ratio says how much the
analysis costs over touching each vote once. Also prints whether the planted groups came back.

    .venv/bin/python bench/common_ground.py            # 2,000 × 300
    .venv/bin/python bench/common_ground.py --quick    # 200 × 40, to check it runs (CI)
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter

from bot.domain.common_ground import Cast, Results, Vote, Voter, analyse

PLANTED = 3


def generate(members: int, statements: int, seed: int = 2026) -> tuple[list[Voter], list[Cast]]:
    """Members in three planted groups: each group agrees with its own third of the statements
    and disagrees with the next third, with 15 % noise; about half the statements seen each."""
    rng = random.Random(seed)
    voters = [Voter(k, "youth" if k % 4 == 0 else "adult") for k in range(members)]
    votes = []
    for voter in voters:
        group = voter.key % PLANTED
        for statement in range(1, statements + 1):
            if rng.random() < 0.5:
                continue
            third = statement % PLANTED
            lean = 1 if third == group else (-1 if third == (group + 1) % PLANTED else 0)
            vote = lean if rng.random() < 0.85 else rng.choice((-1, 0, 1))
            votes.append(Cast(voter.key, statement, Vote(vote)))
    return voters, votes


def baseline(votes: list[Cast]) -> Counter[tuple[int, Vote]]:
    """Count votes per statement and kind: one pass, nothing else."""
    return Counter((cast.statement, cast.vote) for cast in votes)


def recovered(results: Results) -> float:
    """Share of members whose opinion group is made only of their planted group."""
    if results.opinion_groups is None:
        return 0.0
    pure = 0
    for members in results.opinion_groups.members.values():
        planted = Counter(key % PLANTED for key in members)
        pure += planted.most_common(1)[0][1]
    return pure / results.voters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 members × 40 statements")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    members, count = (200, 40) if args.quick else (2000, 300)
    voters, votes = generate(members, count)
    statements = list(range(1, count + 1))
    base, full = [], []
    results = None
    for _ in range(args.runs):
        started = time.perf_counter()
        baseline(votes)
        base.append(time.perf_counter() - started)
        started = time.perf_counter()
        results = analyse(statements, voters, votes, seed=7)
        full.append(time.perf_counter() - started)
    assert results is not None
    groups = results.opinion_groups
    print(f"{members:,} members × {count} statements, {len(votes):,} votes, {args.runs} runs")
    print(f"baseline (count the votes once): {statistics.median(base) * 1000:8.1f} ms")
    print(f"analysis (median):               {statistics.median(full) * 1000:8.1f} ms")
    ratio = statistics.median(full) / statistics.median(base)
    print(f"ratio analysis / baseline:       {ratio:8.1f}")
    print("target: under 2,000 ms")
    if groups is not None:
        sizes = ", ".join(f"{label} {len(keys)}" for label, keys in groups.members.items())
        print(f"opinion groups: {sizes} (silhouette {groups.silhouette})")
    print(f"members in their planted group's opinion group: {recovered(results):.1%}")
    print(f"common ground: {len(results.common_ground)}, divisive: {len(results.divisive)}")


if __name__ == "__main__":
    main()
