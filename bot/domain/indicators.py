"""Indicators the forum chooses ("measure what matters"): questions on a 1–5 scale that members
suggest, the forum backs, and a convenor adopts (tagged with a Well-being of Future Generations
goal). Adopted ones ride along with check-ins, asked of each person at most once a month; the
digest shows their mean, spread and answers by side, with a 12-week trend.

Small numbers stay private: a mean over fewer than ``MIN_ANSWERS_SHOWN`` answers is not shown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.people import Side

QUESTION_LEAST = 10
QUESTION_MOST = 150
SCALE = (1, 2, 3, 4, 5)
ADOPTED_MOST = 3  # adopted at once per forum: a check-in carries no more than this
ASK_EVERY = timedelta(days=30)  # one person is asked one indicator at most this often
MIN_ANSWERS_SHOWN = 5
TREND_WEEKS = 12

_LINK = re.compile(r"(https?://|www\.|t\.me/)\S+", re.IGNORECASE)
_WORD = re.compile(r"\w", re.UNICODE)


class IndicatorState(StrEnum):
    """Where an indicator is in its life."""

    WAITING = "waiting"  # a young person's suggestion, until a youth convenor approves it
    SUGGESTED = "suggested"  # open for members to back
    ADOPTED = "adopted"  # asked with check-ins, shown in the digest
    DROPPED = "dropped"  # not taken up (a convenor's call)
    RETIRED = "retired"  # was adopted; no longer asked (its answers stay in the record)


class Adoption(StrEnum):
    """What became of a convenor's decision on an indicator."""

    DONE = "done"
    FULL = "full"  # the forum already has ADOPTED_MOST adopted
    GONE = "gone"  # not in a state that allows it (decided already, or no such indicator)


class QuestionProblem(StrEnum):
    """Why a suggested indicator cannot be taken as written."""

    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    LINK = "link"
    REPEATED = "repeated"


def question_problem(text: str) -> QuestionProblem | None:
    """What is wrong with ``text`` as an indicator's question, if anything."""
    cleaned = text.strip()
    if len(cleaned) > QUESTION_MOST:
        return QuestionProblem.TOO_LONG
    if _LINK.search(cleaned):
        return QuestionProblem.LINK
    if len(cleaned) < QUESTION_LEAST or len(_WORD.findall(cleaned)) < QUESTION_LEAST // 2:
        return QuestionProblem.TOO_SHORT
    return None


@dataclass(frozen=True)
class Indicator:
    """A question on a 1–5 scale for one forum, in the words and language it was suggested in."""

    id: int
    forum_id: str
    question: str
    language: str
    side: Side | None  # the suggester's side; None: a convenor's
    state: IndicatorState
    goal: str | None  # a Well-being of Future Generations goal, once adopted
    supports: int
    created_at: datetime


@dataclass(frozen=True)
class Spread:
    """Answers to one indicator from one side (or everyone): how many of each value."""

    counts: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)

    @property
    def answers(self) -> int:
        """How many answered."""
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        """The mean answer (1–5), or None under ``MIN_ANSWERS_SHOWN`` answers."""
        if self.answers < MIN_ANSWERS_SHOWN:
            return None
        return sum(v * n for v, n in zip(SCALE, self.counts, strict=True)) / self.answers

    def add(self, other: Spread) -> Spread:
        """Both together."""
        return Spread(tuple(a + b for a, b in zip(self.counts, other.counts, strict=True)))  # type: ignore[arg-type]


def spread_of(values: Sequence[int]) -> Spread:
    """The spread of a list of answers (values outside 1–5 are not answers, and are left out)."""
    counts = [0, 0, 0, 0, 0]
    for value in values:
        if value in SCALE:
            counts[value - 1] += 1
    return Spread((counts[0], counts[1], counts[2], counts[3], counts[4]))


@dataclass(frozen=True)
class IndicatorFigures:
    """One adopted indicator in the digest: the period's answers by side, and the weekly means
    of the last ``TREND_WEEKS`` weeks (None for a week with too few answers)."""

    indicator: Indicator
    by_side: dict[Side, Spread]
    trend: tuple[float | None, ...]

    @property
    def everyone(self) -> Spread:
        """Adults and young people together."""
        return self.by_side.get(Side.ADULT, Spread()).add(self.by_side.get(Side.YOUTH, Spread()))


def figures_for(
    indicators: Sequence[Indicator],
    answers: Sequence[tuple[int, Side, int, datetime]],
    weeks: Sequence[tuple[datetime, datetime]],
) -> list[IndicatorFigures]:
    """Each indicator's figures: the spread by side in the last of ``weeks`` (the period), and
    the mean of everyone's answers in each of ``weeks`` (oldest first) for the trend."""
    start, end = weeks[-1]
    out = []
    for indicator in indicators:
        mine = [(side, value, at) for i, side, value, at in answers if i == indicator.id]
        by_side = {
            side: spread_of([v for s, v, at in mine if s is side and start <= at < end])
            for side in Side
        }
        trend = tuple(spread_of([v for _, v, at in mine if a <= at < b]).mean for a, b in weeks)
        out.append(IndicatorFigures(indicator, by_side, trend))
    return out


def sparkline(values: Sequence[float | None]) -> str:
    """Weekly means as block characters on the 1–5 scale ("·" for a week with too few)."""
    blocks = "▁▂▃▄▅▆▇█"
    out = []
    for value in values:
        if value is None:
            out.append("·")
        else:
            out.append(blocks[min(7, max(0, round((value - 1) / 4 * 7)))])
    return "".join(out)
