"""Forum meetings: a convenor invites a forum side (or both) to a meeting in person or online;
members answer Coming / Maybe / Can't (and can change it); those coming or maybe are reminded
the day before and two hours before, once each; a cancellation reaches everyone invited.

Times are council time (Europe/London): "3/12 7pm" is 19:00 on 3 December in whatever offset
applies that day, so a meeting after the clocks change keeps its wall-clock time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.common_ground import RoundSide
from bot.domain.people import Side
from bot.domain.prompts import at_local, parse_time

PLACE_MOST = 200
ATTENDANCE_MOST = 10_000  # more people than that in one room is a slip of the keyboard
LENGTH = timedelta(hours=2)  # how long a meeting is taken to last (for calendars)
REMINDERS = (("day", timedelta(days=1)), ("hours", timedelta(hours=2)))
FURTHEST_AHEAD = timedelta(days=366)

_DATE_TIME = re.compile(
    r"^\s*(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?)\s+(.+?)\s*$"
)


class Attendance(StrEnum):
    """A member's answer to an invitation."""

    COMING = "coming"
    MAYBE = "maybe"
    CANT = "cant"


class WhenProblem(StrEnum):
    """Why a typed date and time cannot be the meeting's."""

    UNREADABLE = "unreadable"
    PAST = "past"
    TOO_FAR = "too_far"


MEETING_LANGUAGES = ("cy", "en", "both")


@dataclass(frozen=True)
class Meeting:
    """One meeting of a forum side (or both sides together)."""

    id: int
    forum_id: str
    side: RoundSide
    starts_at: datetime
    place: str
    created_by: int | None
    cancelled: bool
    attended: tuple[int, int] | None = None  # (adults, young people), once recorded
    language: str = "both"  # held in Welsh ("cy"), English ("en") or both

    @property
    def ends_at(self) -> datetime:
        """When it is taken to end (calendars need one)."""
        return self.starts_at + LENGTH


@dataclass(frozen=True)
class MeetingFigures:
    """A meeting held in a digest's period: the answers to its invitation by side."""

    meeting: Meeting
    answers: Mapping[tuple[Side, Attendance], int]
    inputs: int = 0  # proposals recorded from it (meeting input)

    def answered(self, attendance: Attendance) -> int:
        """How many gave this answer, both sides."""
        return sum(n for (_, a), n in self.answers.items() if a is attendance)


def parse_when(text: str, now: datetime, tz: ZoneInfo) -> datetime | WhenProblem:
    """A meeting's start as convenors type it: "3/12 19:00", "3.12.2026 7pm",
    "2026-12-03 18:30" (day first, as in the UK); the year defaults to the next such date."""
    match = _DATE_TIME.match(text)
    if not match:
        return WhenProblem.UNREADABLE
    local_time = parse_time(match[7])
    if local_time is None:
        return WhenProblem.UNREADABLE
    today = now.astimezone(tz).date()
    try:
        if match[1]:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        else:
            year = int(match[6]) if match[6] else today.year
            year = year + 2000 if year < 100 else year
            day = date(year, int(match[5]), int(match[4]))
            if not match[6] and at_local(day, local_time, tz) <= now:
                day = day.replace(year=day.year + 1)
    except ValueError:
        return WhenProblem.UNREADABLE
    starts = at_local(day, local_time, tz)
    if starts <= now:
        return WhenProblem.PAST
    if starts - now > FURTHEST_AHEAD:
        return WhenProblem.TOO_FAR
    return starts


def attendance_numbers(text: str) -> tuple[int, int] | None:
    """ "14 3", "14, 3", "14/3": adults, then young people; None unless two plausible counts."""
    parts = re.findall(r"\d+", text)
    if len(parts) != 2 or re.sub(r"[\d\s,/+;]", "", text):
        return None
    adults, youth = int(parts[0]), int(parts[1])
    if adults > ATTENDANCE_MOST or youth > ATTENDANCE_MOST:
        return None
    return adults, youth


def reminders_due(meeting: Meeting, now: datetime) -> list[str]:
    """The reminder due now ("day" or "hours"), if any: the latest whose time has come, while
    the meeting has not started. After downtime only the latest goes: nobody gets the day-before
    reminder two hours before, then another."""
    if meeting.cancelled or now >= meeting.starts_at:
        return []
    return [key for key, before in REMINDERS if meeting.starts_at - before <= now][-1:]
