"""The council's promise to answer every proposal in time ("closing the loop").

A proposal is *answered* by its first status change past "open" (under consideration, adopted,
not taken forward, delivered) or by an officer's reply (/respond); withdrawing it is not an
answer. The promise runs from when the proposal was sent, counted in whole days of council
time: sent on Monday 23 November with a 28-day promise, it is due by Monday 21 December and
overdue from Tuesday 22 December.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.prompts import quiet_until
from bot.domain.proposals import Proposal, Status

# A change from "open" to one of these is an answer; to WITHDRAWN (by the author) is not.
ANSWERS = frozenset(
    {Status.UNDER_CONSIDERATION, Status.ADOPTED, Status.NOT_TAKEN_FORWARD, Status.DELIVERED}
)
RESPONSE_MAX = 1000  # characters in an officer's reply (as a status note)


def answer_due(sent_at: datetime, days: int, timezone: tzinfo) -> date:
    """The last day (council time) on which the first answer keeps the promise."""
    return sent_at.astimezone(timezone).date() + timedelta(days=days)


def overdue_since(sent_at: datetime, days: int, timezone: tzinfo) -> datetime:
    """The instant a proposal still unanswered becomes overdue: the start of the day after
    the due day, council time."""
    due = answer_due(sent_at, days, timezone)
    return datetime.combine(due + timedelta(days=1), datetime.min.time(), timezone)


def awaiting_answer(proposal: Proposal) -> bool:
    """Open for support and not yet answered by the council."""
    return proposal.status is Status.OPEN and proposal.first_answer_at is None


def is_overdue(proposal: Proposal, now: datetime, days: int, timezone: tzinfo) -> bool:
    """Unanswered past the promise."""
    return awaiting_answer(proposal) and now >= overdue_since(proposal.created_at, days, timezone)


def sent_before_for_overdue(now: datetime, days: int, timezone: tzinfo) -> datetime:
    """Proposals sent before this instant and still unanswered are overdue at ``now``: the
    start of the local day ``days`` days before today (the same rule as ``overdue_since``)."""
    today = now.astimezone(timezone).date()
    return datetime.combine(today - timedelta(days=days), datetime.min.time(), timezone)


# Four weeks after a decision the author is asked, once, whether the loop was closed.
DECISIONS = frozenset({Status.ADOPTED, Status.NOT_TAKEN_FORWARD, Status.DELIVERED})
FOLLOW_UP_AFTER = timedelta(days=28)
COMMENT_MAX = 500


class Question(StrEnum):
    """The two follow-up questions."""

    CLEAR = "clear"  # Did you get a clear answer?
    HAPPENED = "happened"  # Did anything happen?


class Answer(StrEnum):
    """One tap each."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"


def follow_up_at(
    decided_at: datetime, tz: ZoneInfo, quiet_start: time, quiet_end: time
) -> datetime:
    """When to ask the author: four weeks after the decision, outside the quiet hours."""
    ask = decided_at + FOLLOW_UP_AFTER
    return quiet_until(ask, tz, quiet_start, quiet_end) or ask


@dataclass(frozen=True)
class Decision:
    """A decision or a reply, as "you said, we did" shows it."""

    proposal_id: int
    forum_id: str
    side: str
    title: str
    status: Status | None  # None: a reply, not a decision
    words: str | None  # the officer's note or reply
    at: datetime
