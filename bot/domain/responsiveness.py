"""How well the council answers: measured as it measures residents ("what you do and how you
do it"). Counts travel with every rate: a rate over 3 proposals is not a rate over 300, and
under ``MIN_FOR_RATE`` it is not shown at all ("too few to show").

Worked from one row per proposal (when it was sent, when it was first answered) and the
authors' follow-up answers; the store reads the rows, this module does the arithmetic (SQLite
has no median), and a property test checks it against a plain recomputation.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from bot.domain.accountability import overdue_since
from bot.domain.people import Side

MIN_FOR_RATE = 5
WINDOW = timedelta(weeks=12)
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Asked:
    """One proposal, for these figures: open to everyone, not withdrawn before an answer."""

    side: Side
    sent_at: datetime
    answered_at: datetime | None
    still_open: bool  # status "open" (so, if unanswered, awaiting an answer)
    forum_id: str | None = None


@dataclass(frozen=True)
class Rate:
    """``part`` of ``whole``; shown only when ``whole`` is at least MIN_FOR_RATE."""

    part: int
    whole: int

    @property
    def shown(self) -> bool:
        return self.whole >= MIN_FOR_RATE

    @property
    def percent(self) -> int:
        return round(100 * self.part / self.whole) if self.whole else 0


@dataclass(frozen=True)
class Responsiveness:
    """One side's (or everyone's) figures at the end of a period."""

    answered_in_period: int = 0
    median_days: float | None = None  # to a first answer, over answers in the last 12 weeks
    median_over: int = 0
    on_time: Rate = Rate(0, 0)  # answered within the promise, of those due in the last 12 weeks
    awaiting: int = 0  # open and unanswered at the end of the period
    overdue: int = 0  # of those, past the promise
    clear: Rate = Rate(0, 0)  # authors who got a clear answer (yes), of those who said
    happened: Rate = Rate(0, 0)  # authors who saw something happen (yes), of those who said


def measure(
    asked: Iterable[Asked],
    said: Iterable[tuple[Side, str | None, str | None]],
    start: datetime,
    end: datetime,
    promise_days: int,
    tz: tzinfo,
    side: Side | None = None,
    forum_id: str | None = None,
) -> Responsiveness:
    """The figures for the period [start, end) for ``side`` (None: everyone), in one forum if
    ``forum_id`` is given. ``said`` holds the authors' follow-up answers (side, clear, happened)
    of the last 12 weeks (pass none for a forum's figures: they are kept by side only)."""
    rows = [
        a
        for a in asked
        if (side is None or a.side is side) and (forum_id is None or a.forum_id == forum_id)
    ]
    window = end - WINDOW
    answered = [a for a in rows if a.answered_at is not None and a.answered_at < end]
    durations = [
        (a.answered_at - a.sent_at) / DAY
        for a in answered
        if a.answered_at is not None and a.answered_at >= window
    ]
    due = [(a, overdue_since(a.sent_at, promise_days, tz)) for a in rows]
    due_in_window = [(a, d) for a, d in due if window <= d <= end]
    kept = sum(1 for a, d in due_in_window if a.answered_at is not None and a.answered_at < d)
    waiting = [
        (a, d) for a, d in due if a.still_open and a.answered_at is None and a.sent_at < end
    ]
    answers = [(c, h) for s, c, h in said if side is None or s is side]
    return Responsiveness(
        answered_in_period=sum(
            1 for a in answered if a.answered_at is not None and start <= a.answered_at
        ),
        median_days=round(statistics.median(durations), 1) if durations else None,
        median_over=len(durations),
        on_time=Rate(kept, len(due_in_window)),
        awaiting=len(waiting),
        overdue=sum(1 for _, d in waiting if d <= end),
        clear=Rate(sum(c == "yes" for c, _ in answers), sum(c is not None for c, _ in answers)),
        happened=Rate(sum(h == "yes" for _, h in answers), sum(h is not None for _, h in answers)),
    )
