"""Finding common ground: statements, votes and what they show (Pol.is's ideas, in a chat).

A convenor opens a *conversation* (a question to one forum side, or both); members add short
*statements* and vote Agree / Disagree / Pass on other people's. The analysis here answers:

- how each statement fares overall and in each group (adults and young people; communities;
  the opinion groups found in the votes, see ``opinion_groups``);
- *common ground*: statements every group reported agrees with. Groups are compared with a
  consensus score, the geometric mean over groups of each group's smoothed agreement
  ``(agree + 1) / (seen + 2)``. Pol.is's product of the same terms shrinks as groups are added,
  so it cannot be compared between conversations with two groups and with six; the geometric
  mean can (a statement every group agrees with scores the same with 2 groups or 6);
- *divisive*: statements one group backs and another rejects, ranked by the gap between
  groups' smoothed net support ``(agree - disagree) / (seen + 2)``.

Small numbers are real in a town council: a group with fewer than ``MIN_GROUP_VOICES`` voters
is never reported on its own (it says "not enough voices yet"), for honesty and for privacy.
Its votes still count overall.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum, StrEnum

import numpy as np
from numpy.typing import NDArray

from bot.domain.opinion_groups import OpinionGroups, find_opinion_groups
from bot.domain.people import Side
from bot.domain.prompts import PromptText

STATEMENT_MAX = 280
QUESTION_MAX = 500
MIN_GROUP_VOICES = 5
# A statement is common ground when every reported group agrees more than it does not ...
COMMON_GROUND_SHARE = 0.5
# ... and divisive when groups' net support is at least this far apart, on both sides of zero.
DIVISIVE_GAP = 0.5
OPEN_DAYS_CHOICES = (3, 7, 14, 28)

_LINK = re.compile(r"(https?://|www\.|t\.me/)\S+", re.IGNORECASE)
_WORD = re.compile(r"\w", re.UNICODE)
_SQUEEZE = re.compile(r"[\W_]+", re.UNICODE)


class Vote(IntEnum):
    """A member's answer to a statement; stored as its number."""

    DISAGREE = -1
    PASS = 0
    AGREE = 1


class RoundSide(StrEnum):
    """Who a conversation is for: one side of the forum, or adults and young people together
    (where common ground between them can be found)."""

    ADULT = "adult"
    YOUTH = "youth"
    BOTH = "both"

    def includes(self, side: Side) -> bool:
        """Whether members on ``side`` take part."""
        return self is RoundSide.BOTH or self.value == side.value


class StatementState(StrEnum):
    """Where a statement is: waiting for a youth convenor, dealt to voters, or hidden."""

    WAITING = "waiting"
    SHOWN = "shown"
    HIDDEN = "hidden"


class VoteOutcome(StrEnum):
    """What became of a vote button pressed."""

    RECORDED = "recorded"
    CHANGED = "changed"
    CLOSED = "closed"  # the conversation has closed
    GONE = "gone"  # hidden, waiting, in another forum side, or not there at all
    OWN = "own"  # people do not vote on their own statements


@dataclass(frozen=True)
class Round:
    """A conversation: a convenor's question to a forum side (or both), open until a time.

    Called a *round* in the code (as in "a round of statements") so it is not confused with the
    stored multi-step flows, which the store calls conversations.
    """

    id: int
    forum_id: str
    side: RoundSide
    question: PromptText
    created_by: int | None
    opened_at: datetime
    closes_at: datetime

    def is_open(self, now: datetime) -> bool:
        """Still taking statements and votes."""
        return now < self.closes_at


@dataclass(frozen=True)
class Statement:
    """One idea, short, in either language. ``side`` is the author's (None: the convenor's
    starting statement)."""

    id: int
    round_id: int
    text: str
    language: str
    side: Side | None
    state: StatementState
    created_at: datetime


class StatementProblem(StrEnum):
    """Why a statement cannot be added as written."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    NO_WORDS = "no_words"
    LINK = "link"
    REPEATED = "repeated"


def statement_problem(text: str, earlier: Iterable[str] = ()) -> StatementProblem | None:
    """What is wrong with ``text`` as a statement, given the author's ``earlier`` ones."""
    cleaned = text.strip()
    if not cleaned:
        return StatementProblem.EMPTY
    if len(cleaned) > STATEMENT_MAX:
        return StatementProblem.TOO_LONG
    if _LINK.search(cleaned):
        return StatementProblem.LINK
    if not _WORD.search(cleaned):
        return StatementProblem.NO_WORDS
    if any(near_duplicate(cleaned, other) for other in earlier):
        return StatementProblem.REPEATED
    return None


def _letters(text: str) -> str:
    return _SQUEEZE.sub(" ", text.casefold()).strip()


def near_duplicate(one: str, other: str) -> bool:
    """The same statement give or take case, punctuation, spacing and a small slip.

    Compared on letters and digits only; within a 10 % edit distance (at most one slip in
    a short statement).
    """
    a, b = _letters(one), _letters(other)
    if a == b:
        return True
    allowed = max(1, min(len(a), len(b)) // 10)
    return abs(len(a) - len(b)) <= allowed and _edit_distance(a, b, allowed) <= allowed


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, stopping early once every path is over ``limit``."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


@dataclass(frozen=True)
class Tally:
    """Votes on one statement, from everyone or one group."""

    agree: int = 0
    disagree: int = 0
    passed: int = 0

    @property
    def seen(self) -> int:
        """How many voted on it at all (passing counts as having seen it)."""
        return self.agree + self.disagree + self.passed

    def share(self, vote: Vote) -> float:
        """The share of those who saw it who voted ``vote`` (0 when nobody has)."""
        count = {Vote.AGREE: self.agree, Vote.DISAGREE: self.disagree, Vote.PASS: self.passed}
        return count[vote] / self.seen if self.seen else 0.0

    @property
    def smoothed_agree(self) -> float:
        """Agreement with one imagined vote each way, so one voice is never "100 %"."""
        return (self.agree + 1) / (self.seen + 2)

    @property
    def net_support(self) -> float:
        """Agree minus disagree over those who saw it, smoothed the same way (−1 … 1)."""
        return (self.agree - self.disagree) / (self.seen + 2)

    def add(self, vote: Vote) -> Tally:
        """This tally with one more vote."""
        return Tally(
            self.agree + (vote is Vote.AGREE),
            self.disagree + (vote is Vote.DISAGREE),
            self.passed + (vote is Vote.PASS),
        )


@dataclass(frozen=True)
class Voter:
    """Someone who voted in a conversation, as the analysis needs them: no name, no id.

    ``key`` is a number for this conversation only; ``community`` is where their own proposals
    are tagged most often, when they have tagged any.
    """

    key: int
    side: str
    community: str | None = None


@dataclass(frozen=True)
class Cast:
    """One vote: who (by key), on which statement, and how."""

    voter: int
    statement: int
    vote: Vote


@dataclass(frozen=True)
class Group:
    """A group the results are broken down by: ``kind`` side/community/opinion, and a label."""

    kind: str
    label: str

    @property
    def key(self) -> str:
        """``"side:youth"``, ``"opinion:B"``: stable, for tests, CSV and charts."""
        return f"{self.kind}:{self.label}"


@dataclass(frozen=True)
class StatementResult:
    """How one statement fares: overall, in each reported group, and its two scores."""

    statement: int
    overall: Tally
    by_group: Mapping[Group, Tally]
    consensus: float
    divisiveness: float

    def agrees_everywhere(self) -> bool:
        """Every reported group agrees more than not (and there are at least two)."""
        return len(self.by_group) >= 2 and all(
            t.seen and t.share(Vote.AGREE) > COMMON_GROUND_SHARE for t in self.by_group.values()
        )

    def splits_groups(self) -> bool:
        """Some group backs it and another rejects it, far enough apart to matter."""
        supports = [t.net_support for t in self.by_group.values() if t.seen]
        return (
            len(supports) >= 2
            and max(supports) > 0 > min(supports)
            and self.divisiveness >= DIVISIVE_GAP
        )


@dataclass(frozen=True)
class Results:
    """Everything the analysis found for one conversation."""

    statements: tuple[StatementResult, ...]
    groups: Mapping[Group, int]  # reported groups and their voters
    too_small: tuple[Group, ...]  # groups with some voters, but fewer than MIN_GROUP_VOICES
    voters: int
    votes: int
    opinion_groups: OpinionGroups | None = None
    common_ground: tuple[StatementResult, ...] = field(default=())
    divisive: tuple[StatementResult, ...] = field(default=())


@dataclass(frozen=True)
class RoundOutcome:
    """A conversation's results with what showing them needs: the statements' words."""

    round: Round
    results: Results
    texts: Mapping[int, str]


def consensus(tallies: Iterable[Tally]) -> float:
    """Geometric mean of the groups' smoothed agreement (0 … 1; 0 with no groups)."""
    values = [t.smoothed_agree for t in tallies]
    if not values:
        return 0.0
    return math.exp(sum(math.log(v) for v in values) / len(values))


def divisiveness(tallies: Iterable[Tally]) -> float:
    """The gap between the most and the least supportive group's net support (0 … 2)."""
    supports = [t.net_support for t in tallies if t.seen]
    return max(supports) - min(supports) if len(supports) >= 2 else 0.0


def group_members(voters: Sequence[Voter], opinion: OpinionGroups | None) -> dict[Group, set[int]]:
    """Every group's voters (by key): sides, communities, and opinion groups if found."""
    members: dict[Group, set[int]] = {}
    for voter in voters:
        members.setdefault(Group("side", voter.side), set()).add(voter.key)
        if voter.community:
            members.setdefault(Group("community", voter.community), set()).add(voter.key)
    if opinion is not None:
        for label, keys in opinion.members.items():
            members[Group("opinion", label)] = set(keys)
    return members


def analyse(
    statements: Sequence[int],
    voters: Sequence[Voter],
    votes: Sequence[Cast],
    seed: int = 0,
    shown: int = 3,
) -> Results:
    """The results of one conversation: per statement, per group, common ground, divisive.

    ``seed`` fixes the opinion groups' random starts, so the same votes give the same groups.
    """
    cast = np.asarray([(c.voter, c.statement, int(c.vote)) for c in votes], dtype=np.int64)
    cast = cast.reshape(-1, 3)
    opinion = find_opinion_groups(
        statements, [v.key for v in voters], cast, seed, MIN_GROUP_VOICES
    )
    members = group_members(voters, opinion)
    reported = {g: len(keys) for g, keys in members.items() if len(keys) >= MIN_GROUP_VOICES}
    too_small = tuple(g for g, keys in members.items() if 0 < len(keys) < MIN_GROUP_VOICES)
    overall = _tallies(statements, cast)
    per_group = {g: _tallies(statements, cast, members[g]) for g in reported}
    results = tuple(
        _result(s, overall[i], {g: tallies[i] for g, tallies in per_group.items()})
        for i, s in enumerate(statements)
    )
    return Results(
        statements=results,
        groups=reported,
        too_small=too_small,
        voters=len(voters),
        votes=len(cast),
        opinion_groups=opinion,
        common_ground=_top([r for r in results if r.agrees_everywhere()], "consensus", shown),
        divisive=_top([r for r in results if r.splits_groups()], "divisiveness", shown),
    )


def _tallies(
    statements: Sequence[int], cast: NDArray[np.int64], voters: set[int] | None = None
) -> list[Tally]:
    """Each statement's tally (in ``statements`` order), from ``voters`` only if given."""
    if voters is not None:
        cast = cast[np.isin(cast[:, 0], np.fromiter(voters, dtype=np.int64, count=len(voters)))]
    order = np.asarray(statements, dtype=np.int64)
    sorter = np.argsort(order)
    place = np.searchsorted(order, cast[:, 1], sorter=sorter)
    if not len(order):
        return []
    place = np.minimum(place, len(order) - 1)
    known = order[sorter[place]] == cast[:, 1]
    index = sorter[place[known]] * 3 + (cast[known, 2] + 1)
    counts = np.bincount(index, minlength=3 * len(order)).reshape(-1, 3)
    return [Tally(int(a), int(d), int(p)) for d, p, a in counts]


def _result(statement: int, overall: Tally, by_group: dict[Group, Tally]) -> StatementResult:
    comparable = [t for t in by_group.values() if t.seen]
    return StatementResult(
        statement=statement,
        overall=overall,
        by_group=by_group,
        consensus=consensus(comparable),
        divisiveness=divisiveness(comparable),
    )


def _top(results: list[StatementResult], score: str, count: int) -> tuple[StatementResult, ...]:
    """The ``count`` best by ``score``, ties broken by the older statement (smaller id)."""
    ranked = sorted(results, key=lambda r: (-getattr(r, score), r.statement))
    return tuple(ranked[:count])


def next_statement(unseen: Sequence[int], seen_counts: Mapping[int, int], seed: int) -> int | None:
    """The statement to deal a member next: among those they have not seen, one of those with
    the fewest votes so far (so votes spread where they are fewest), chosen at random with a
    seed (the member's and the round's numbers) so tests can reproduce it."""
    if not unseen:
        return None
    fewest = min(seen_counts.get(s, 0) for s in unseen)
    candidates = sorted(s for s in unseen if seen_counts.get(s, 0) == fewest)
    return random.Random(seed).choice(candidates)
