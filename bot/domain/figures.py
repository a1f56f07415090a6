"""The community-strategy digest: what happened in a period, per forum and side.

The store computes these figures in SQL; rendering them (text, chart, CSV, HTML) is separate
and pure. Youth and adult sides are always kept apart and shown side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain.common_ground import RoundOutcome
from bot.domain.indicators import IndicatorFigures
from bot.domain.meetings import MeetingFigures
from bot.domain.people import Side
from bot.domain.periods import Period
from bot.domain.proposals import Status
from bot.domain.responsiveness import Asked

METRICS = (
    "new_proposals",
    "supports",
    "answers",
    "adopted",
    "not_taken_forward",
    "delivered",
    "meeting_input",
)


@dataclass(frozen=True)
class Tally:
    """The counts for one forum side (or a total) in a period."""

    new_proposals: int = 0
    supports: int = 0
    answers: int = 0
    adopted: int = 0
    not_taken_forward: int = 0
    delivered: int = 0
    meeting_input: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(getattr(self, m) + getattr(other, m) for m in METRICS))

    def value(self, metric: str) -> int:
        """One count by name."""
        return int(getattr(self, metric))


# What the charts show, by forum and week by week: what people did, and what the council decided.
TREND_MEASURES = ("new_proposals", "participants", "answers", "decisions")
# The trend also shows the council's own pace: proposals it answered for the first time.
COUNCIL_ANSWERS = "council_answers"
DECISION_METRICS = ("adopted", "not_taken_forward", "delivered")


@dataclass(frozen=True)
class TrendWeek:
    """One week of the trend: each measure's count by side (people taking part each counted
    once in the week)."""

    first_day: date
    counts: dict[tuple[str, Side], int] = field(default_factory=dict)

    def value(self, measure: str, side: Side | None = None) -> int:
        """A measure for one side, or both together."""
        sides = (side,) if side is not None else tuple(Side)
        return sum(self.counts.get((measure, s), 0) for s in sides)


@dataclass(frozen=True)
class DigestItem:
    """A proposal mentioned in the digest (new, changed status, or among the most supported)."""

    proposal_id: int
    forum_id: str
    side: Side
    title: str
    language: str
    status: Status
    support_count: int
    meeting_input: bool
    community_id: str | None
    created_at: datetime
    changed_to: Status | None = None
    note: str | None = None
    detail: str = ""  # the lines under the title, as written


@dataclass(frozen=True)
class DigestFigures:
    """Everything the digest says about a period, as computed by the store."""

    period: Period
    tallies: dict[tuple[str, Side], Tally]
    previous: dict[tuple[str, Side], Tally]
    new: list[DigestItem] = field(default_factory=list)
    changed: list[DigestItem] = field(default_factory=list)
    top: dict[str, list[DigestItem]] = field(default_factory=dict)
    hidden: int = 0
    # The council's own answers (domain/responsiveness.py): one row per proposal of the last
    # weeks, the authors' follow-up answers, and what is overdue at the period's end.
    asked: list[Asked] = field(default_factory=list)
    said: list[tuple[Side, str | None, str | None]] = field(default_factory=list)
    overdue: list[DigestItem] = field(default_factory=list)
    # People who supported anything in the period, each once ("supports" counts the taps).
    supporters: dict[Side, int] = field(default_factory=dict)
    # Conversations open at some time in the period, with their results (common ground).
    conversations: list[RoundOutcome] = field(default_factory=list)
    # Indicators the forums adopted (or answered in the period): spread by side, 12-week trend.
    indicators: list[IndicatorFigures] = field(default_factory=list)
    # Forum meetings held in the period: attendance as recorded, answers to the invitation.
    meetings: list[MeetingFigures] = field(default_factory=list)
    # People who proposed, supported or answered, each once: per forum side, and per side
    # across all forums (someone active in two forums counts once there).
    participants: dict[tuple[str, Side], int] = field(default_factory=dict)
    people_taking_part: dict[Side, int] = field(default_factory=dict)
    # The last TREND_WEEKS (12) weeks up to the period's, oldest first (for the trend chart).
    trend: list[TrendWeek] = field(default_factory=list)

    def forum_measure(self, forum_id: str, measure: str, side: Side) -> int:
        """One of TREND_MEASURES for a forum side in the period."""
        if measure == "participants":
            return self.participants.get((forum_id, side), 0)
        tally = self.tally(forum_id, side)
        if measure == "decisions":
            return sum(tally.value(m) for m in DECISION_METRICS)
        return tally.value(measure)

    def tally(self, forum_id: str, side: Side, previous: bool = False) -> Tally:
        """One forum side's counts (zero if nothing happened)."""
        source = self.previous if previous else self.tallies
        return source.get((forum_id, side), Tally())

    def total(self, side: Side | None = None, previous: bool = False) -> Tally:
        """All forums together, for one side or both."""
        source = self.previous if previous else self.tallies
        result = Tally()
        for (_, tally_side), tally in source.items():
            if side is None or tally_side is side:
                result = result + tally
        return result

    def forum_total(self, forum_id: str, previous: bool = False) -> Tally:
        """Both sides of one forum together."""
        return self.tally(forum_id, Side.ADULT, previous) + self.tally(
            forum_id, Side.YOUTH, previous
        )
