"""Opinion groups in a conversation's votes, found the way Pol.is finds them.

Members × statements (agree 1, disagree −1, pass 0, not seen: the statement's mean), centred;
projected on the first principal components (PCA by SVD); each member's position scaled by
√(statements / statements they voted on), Pol.is's correction so that people who voted on few
statements are not pulled into the middle; then k-means for k = 2 … 5, keeping the k with the
best silhouette among those whose every group is large enough to report.

One departure from Pol.is: it clusters on two components (what its map shows); we cluster on
four, the fewest that can hold five groups apart. With four planted groups, two components
merged two of them in our tests (four groups' centres span three dimensions).

Written on numpy (already installed with matplotlib) rather than the red-dwarf library:
red-dwarf reproduces Pol.is's pipeline but brings pandas, scikit-learn, pydantic, requests and
a user-agent faker with it (it is also a client for Pol.is's servers), several hundred MB for
~120 lines of arithmetic here. Fixed seeds make the groups reproducible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

MIN_VOTES = 7  # a member counts towards groups after this many votes (or all but one)
MAX_GROUPS = 5
COMPONENTS = MAX_GROUPS - 1  # dimensions clustered on
SILHOUETTE_SAMPLE = 1000  # silhouettes are measured on at most this many members
KMEANS_STARTS = 4
KMEANS_ROUNDS = 100

Floats = NDArray[np.float64]
Labels = NDArray[np.intp]


@dataclass(frozen=True)
class OpinionGroups:
    """Groups of members who vote alike: label ("A", "B", …, largest first) → voter keys."""

    members: Mapping[str, tuple[int, ...]]
    silhouette: float


def find_opinion_groups(
    statements: Sequence[int],
    voter_keys: Sequence[int],
    votes: NDArray[np.int64],
    seed: int = 0,
    min_size: int = 5,
) -> OpinionGroups | None:
    """Opinion groups among members with enough votes, or None when there are too few of them
    to make at least two groups of ``min_size``. ``votes`` rows are (voter key, statement, vote).
    """
    if len(statements) < 2 or not len(votes):
        return None
    keys, matrix = _vote_matrix(statements, voter_keys, votes)
    voted = np.sum(~np.isnan(matrix), axis=1)
    # Authors do not vote on their own statements, so "all of them" means all but one.
    keep = voted >= min(MIN_VOTES, len(statements) - 1)
    if int(keep.sum()) < 2 * min_size:
        return None
    positions = _positions(matrix[keep], voted[keep], len(statements))
    rng = np.random.default_rng(seed)
    best: tuple[float, Labels] | None = None
    for k in range(2, min(MAX_GROUPS, int(keep.sum()) // min_size) + 1):
        labels = _kmeans(positions, k, rng)
        if np.bincount(labels, minlength=k).min() < min_size:
            continue
        score = _silhouette(positions, labels, rng)
        if best is None or score > best[0] + 1e-9:
            best = (score, labels)
    if best is None:
        return None
    return OpinionGroups(_named(keys[keep], best[1]), round(best[0], 4))


def _vote_matrix(
    statements: Sequence[int], voter_keys: Sequence[int], cast: NDArray[np.int64]
) -> tuple[NDArray[np.int64], Floats]:
    """Voter keys (sorted) and the matrix voters × statements, NaN where not voted."""
    keys = np.unique(np.asarray(voter_keys, dtype=np.int64))
    columns = np.asarray(sorted(statements), dtype=np.int64)
    row = np.searchsorted(keys, cast[:, 0])
    col = np.searchsorted(columns, cast[:, 1])
    known = (row < len(keys)) & (col < len(columns))
    known[known] &= (keys[row[known]] == cast[known, 0]) & (columns[col[known]] == cast[known, 1])
    matrix = np.full((len(keys), len(columns)), np.nan)
    matrix[row[known], col[known]] = cast[known, 2]
    return keys, matrix


def _positions(matrix: Floats, voted: NDArray[np.intp], statements: int) -> Floats:
    """Each member's place on the first principal components, sparsity-corrected."""
    seen = ~np.isnan(matrix)
    counts = seen.sum(axis=0)
    sums = np.where(seen, matrix, 0.0).sum(axis=0)
    means = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
    filled = np.where(seen, matrix, means)
    centred = filled - filled.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    projected: Floats = centred @ components[:COMPONENTS].T
    return projected * np.sqrt(statements / voted)[:, None]


def _kmeans(points: Floats, k: int, rng: np.random.Generator) -> Labels:
    """The best of a few seeded k-means++ runs (least within-group spread)."""
    best: tuple[float, Labels] | None = None
    for _ in range(KMEANS_STARTS):
        centres = _plus_plus(points, k, rng)
        labels = np.zeros(len(points), dtype=np.intp)
        for step in range(KMEANS_ROUNDS):
            distances = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
            new_labels = distances.argmin(axis=1)
            if step and np.array_equal(new_labels, labels):
                break
            labels = new_labels
            for group in range(k):
                inside = points[labels == group]
                if len(inside):
                    centres[group] = inside.mean(axis=0)
        spread = float(((points - centres[labels]) ** 2).sum())
        if best is None or spread < best[0] - 1e-9:
            best = (spread, labels)
    assert best is not None
    return best[1]


def _plus_plus(points: Floats, k: int, rng: np.random.Generator) -> Floats:
    """k-means++ starting centres: each next one far from those already chosen."""
    centres = [points[rng.integers(len(points))]]
    for _ in range(1, k):
        nearest = np.min([((points - c) ** 2).sum(axis=1) for c in centres], axis=0)
        total = nearest.sum()
        pick = (
            rng.choice(len(points), p=nearest / total) if total > 0 else rng.integers(len(points))
        )
        centres.append(points[pick])
    return np.array(centres, dtype=np.float64)


def _silhouette(points: Floats, labels: Labels, rng: np.random.Generator) -> float:
    """Mean silhouette (−1 … 1: how much closer members are to their own group than the next)."""
    if len(points) > SILHOUETTE_SAMPLE:
        chosen = rng.choice(len(points), SILHOUETTE_SAMPLE, replace=False)
        points, labels = points[chosen], labels[chosen]
    distances = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    groups = np.unique(labels)
    mean_to = np.stack([distances[:, labels == g].mean(axis=1) for g in groups], axis=1)
    sizes = np.array([(labels == g).sum() for g in groups])
    own = np.searchsorted(groups, labels)
    own_size = sizes[own]
    inside = np.where(
        own_size > 1,
        mean_to[np.arange(len(points)), own] * own_size / np.maximum(own_size - 1, 1),
        0.0,
    )
    mean_to[np.arange(len(points)), own] = np.inf
    nearest_other = mean_to.min(axis=1)
    widest = np.maximum(inside, nearest_other)
    scores = np.where(
        (own_size > 1) & (widest > 0),
        (nearest_other - inside) / np.where(widest > 0, widest, 1),
        0.0,
    )
    return float(scores.mean())


def _named(keys: NDArray[np.int64], labels: Labels) -> dict[str, tuple[int, ...]]:
    """Groups named A, B, … from the largest (ties: the one with the smallest key first)."""
    groups = [tuple(int(k) for k in keys[labels == g]) for g in np.unique(labels)]
    groups.sort(key=lambda members: (-len(members), members[0]))
    return {chr(ord("A") + i): members for i, members in enumerate(groups)}
