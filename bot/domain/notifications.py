"""Messages that must reach someone (status changes, check-ins, digests) go through an outbox.

An outbox row is written in the same transaction as the change it reports, then a sender
delivers it and marks it sent: nothing is lost in a crash, and a message may (rarely) arrive
twice, never zero times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What an outbox message is about; decides how it is rendered."""

    STATUS_CHANGE = "status_change"
    PROMPT = "prompt"  # a prompt to one member, privately, with a Reply button
    REMINDER = "reminder"  # a check-in reminder to a member who has not answered
    PROMPT_POST = "prompt_post"  # a prompt posted in a forum's group or topic
    DIGEST = "digest"  # the weekly community-strategy digest, to one officer
    REVIEW_NEEDED = "review_needed"  # to convenors: a proposal waits for approval
    REPLY = "reply"  # an officer's reply to a proposal, to its author and followers
    OVERDUE = "overdue"  # to convenors and officers: a proposal is past the answer promise
    FOLLOW_UP = "follow_up"  # to an author, four weeks after a decision: did it close the loop?
    ROUND_UP = "round_up"  # to a forum's group: last month's decisions, Welsh first
    ROUND = "round"  # to a member: a conversation has opened (add a statement, vote)
    STATEMENT_REVIEW = "statement_review"  # to convenors: a statement waits, or was reported
    SENSE_CHECK = "sense_check"  # to a member: a quick sense check (good / not sure / concerned)
    MEETING = "meeting"  # to a member: an invitation to a forum meeting (Coming / Maybe / Can't)
    MEETING_REMINDER = "meeting_reminder"  # to those coming or maybe: the day before, 2 h before
    MEETING_CANCELLED = "meeting_cancelled"  # to everyone invited
    MEETING_CHANGED = "meeting_changed"  # to everyone invited: a new time or place
    SESSION_REVIEW = "session_review"  # to youth convenors: a young person's session waits
    HARVEST_ASK = "harvest_ask"  # to a session's host after the meeting: send your notes
    HARVEST = "harvest"  # a session's notes, to those who said they would come, and convenors
    AGENDA = "agenda"  # to those coming or maybe: the Open Space agenda (again after a change)
    INDICATOR = "indicator"  # to a member, with a check-in: one tap on an adopted indicator
    ANSWERS = "answers"  # to a prompt's convenors: new answers (at most one notice an hour)


@dataclass(frozen=True)
class OutboxItem:
    """One message waiting to be sent, with where it goes and in which language."""

    id: int
    kind: Kind
    payload: dict[str, Any]
    chat_id: int | None
    thread_id: int | None
    language: str | None
    person_id: int | None
    attempts: int


MAX_ATTEMPTS = 8


def retry_delay(attempts: int) -> timedelta:
    """Back off exponentially: 10 s, 20 s, 40 s … capped at an hour."""
    return timedelta(seconds=min(3600, 10 * 2 ** max(0, attempts - 1)))


def gives_up(attempts: int) -> bool:
    """After this many failed attempts the message is marked failed (and logged)."""
    return attempts >= MAX_ATTEMPTS
