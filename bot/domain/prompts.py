""" "Tell me about…" prompts, answers, and check-ins (prompts on a weekly schedule).

Check-in times are local council time: "Mondays at 18:00" stays 18:00 on both sides of a
DST change, so occurrences are computed from local dates and converted to UTC one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.people import Side

ANSWER_MAX = 2000
PROMPT_MAX = 1500
EVERY_WEEKS_CHOICES = (1, 2, 4)
# Text someone types (without pressing Reply) is offered as an answer to a prompt that reached
# them this recently and that they have not answered: after two weeks it is old news.
TYPED_ANSWER_WINDOW = timedelta(days=14)


@dataclass(frozen=True)
class PromptText:
    """A prompt's words in Welsh and/or English (at least one)."""

    cy: str | None
    en: str | None

    def for_reader(self, language: str) -> tuple[str, str | None]:
        """The text to show a reader, and the language it is in if that is not theirs."""
        own = self.cy if language == "cy" else self.en
        if own:
            return own, None
        other = "en" if language == "cy" else "cy"
        text = self.en if language == "cy" else self.cy
        assert text is not None
        return text, other


@dataclass(frozen=True)
class Prompt:
    """A prompt sent to one side of a forum (now, or as one occurrence of a check-in)."""

    id: int
    forum_id: str
    side: Side
    text: PromptText
    created_by: int | None
    schedule_id: int | None
    occurrence: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class PromptSummary:
    """A prompt with how many it went to and how many answers came back."""

    prompt: Prompt
    recipients: int
    answers: int


@dataclass(frozen=True)
class Answer:
    """Someone's answer to a prompt."""

    id: int
    prompt_id: int
    author_name: str | None  # None once the person is forgotten
    side: Side
    language: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class Schedule:
    """A check-in: a prompt sent every ``every_weeks`` weeks on a weekday at a local time."""

    id: int
    forum_id: str
    side: Side
    text: PromptText
    weekday: int  # 0 = Monday
    local_time: time
    every_weeks: int
    first_date: date  # local date of the first occurrence
    created_by: int | None
    created_at: datetime


def first_date(weekday: int, local_time: time, after: datetime, tz: ZoneInfo) -> date:
    """The first local date on ``weekday`` whose ``local_time`` is later than ``after``."""
    local_day = after.astimezone(tz).date()
    for offset in range(8):
        day = local_day + timedelta(days=offset)
        if day.weekday() == weekday and at_local(day, local_time, tz) > after:
            return day
    raise AssertionError("a weekday always comes round within eight days")


def at_local(day: date, local_time: time, tz: ZoneInfo) -> datetime:
    """``local_time`` on ``day`` in ``tz``, as a UTC instant.

    A time that does not exist (clocks going forward) is taken as the same wall-clock reading
    with the earlier offset, i.e. an hour later in the new time; a time that happens twice
    (clocks going back) is taken at its first occurrence.
    """
    return datetime.combine(day, local_time, tzinfo=tz).astimezone(UTC)


def occurrence(schedule: Schedule, index: int, tz: ZoneInfo) -> datetime:
    """The ``index``-th occurrence (0 is the first) as a UTC instant."""
    day = schedule.first_date + timedelta(weeks=schedule.every_weeks * index)
    return at_local(day, schedule.local_time, tz)


def _index_near(schedule: Schedule, instant: datetime, tz: ZoneInfo) -> int:
    days = (instant.astimezone(tz).date() - schedule.first_date).days
    return max(0, days // (7 * schedule.every_weeks))


def next_occurrence(schedule: Schedule, after: datetime, tz: ZoneInfo) -> datetime:
    """The first occurrence strictly later than ``after``."""
    index = _index_near(schedule, after, tz)
    while occurrence(schedule, index, tz) <= after:
        index += 1
    while index > 0 and occurrence(schedule, index - 1, tz) > after:
        index -= 1
    return occurrence(schedule, index, tz)


def latest_occurrence(schedule: Schedule, at_or_before: datetime, tz: ZoneInfo) -> datetime | None:
    """The last occurrence at or before ``at_or_before`` (None if the first is still to come)."""
    index = _index_near(schedule, at_or_before, tz) + 1
    while index >= 0:
        when = occurrence(schedule, index, tz)
        if when <= at_or_before:
            return when
        index -= 1
    return None


def quiet_until(instant: datetime, tz: ZoneInfo, start: time, end: time) -> datetime | None:
    """When the quiet period containing ``instant`` ends (UTC), or None if it is not quiet.

    The period runs from ``start`` to ``end`` local time and may span midnight (21:00–08:00).
    """
    local = instant.astimezone(tz)
    now = local.time()
    spans_midnight = start > end
    quiet = (now >= start or now < end) if spans_midnight else (start <= now < end)
    if not quiet:
        return None
    end_day = local.date() + timedelta(days=1) if spans_midnight and now >= start else local.date()
    return at_local(end_day, end, tz)


@dataclass(frozen=True)
class AnswersNotice:
    """When convenors hear of new answers to a prompt: answers are gathered by the hour, and
    the notice goes when the hour is over (after the quiet hours, if it falls in them), so a
    busy prompt brings at most one notice an hour, and a quiet night one in the morning."""

    since: datetime  # the start of the hour of the first answer it tells of
    at: datetime  # when it goes


def answers_notice(
    now: datetime, tz: ZoneInfo, quiet_start: time, quiet_end: time
) -> AnswersNotice:
    """The notice an answer arriving ``now`` belongs to (answers with the same ``at`` share
    one notice)."""
    since = now.replace(minute=0, second=0, microsecond=0)
    at = since + timedelta(hours=1)
    return AnswersNotice(since, quiet_until(at, tz, quiet_start, quiet_end) or at)


_TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$")
# "6pm", "6.30 p.m.", and in Welsh "6 yh" (yr hwyr) / "9 yb" (y bore).
_TWELVE_HOUR = re.compile(
    r"^\s*(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s*(am|a\.m\.?|pm|p\.m\.?|yb|y\.b\.?|yh|y\.h\.?)\s*$",
    re.IGNORECASE,
)
_NAMED_TIMES = {
    "noon": time(12), "midday": time(12), "hanner dydd": time(12), "canol dydd": time(12),
    "midnight": time(0), "hanner nos": time(0), "canol nos": time(0),
}  # fmt: skip


def parse_time(text: str) -> time | None:
    """A time of day as people type it: "18:00", "9.30", "6pm", "6.30 p.m.", "6 yh", "noon",
    "hanner dydd"; None if it is not one."""
    match = _TIME.match(text)
    if match:
        return time(int(match[1]), int(match[2]))
    named = _NAMED_TIMES.get(" ".join(text.lower().split()))
    if named is not None:
        return named
    match = _TWELVE_HOUR.match(text)
    if not match:
        return None
    hour, minute = int(match[1]) % 12, int(match[2] or 0)
    evening = match[3].lower().replace(".", "") in ("pm", "yh")
    return time(hour + 12 if evening else hour, minute)


def earliest_send(
    now: datetime,
    side: Side,
    scheduled: bool,
    quiet_start: time,
    quiet_end: time,
    quiet_for_adults: bool,
    tz: ZoneInfo,
) -> datetime:
    """When a prompt may reach members: after the quiet hours if they apply.

    Quiet hours always apply to young people; to adults only for scheduled sends (check-ins
    and reminders), and only if the council keeps them on.
    """
    applies = side is Side.YOUTH or (scheduled and quiet_for_adults)
    if not applies:
        return now
    return quiet_until(now, tz, quiet_start, quiet_end) or now
