"""Periods of council time: days and ISO weeks, as UTC instants with the right DST offsets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def day_start(now: datetime, tz: ZoneInfo) -> datetime:
    """Midnight (council time) at the start of the day containing ``now``, in UTC."""
    local = now.astimezone(tz)
    return datetime.combine(local.date(), time(0), tzinfo=tz).astimezone(UTC)


@dataclass(frozen=True)
class Period:
    """A span of time [start, end) in UTC, with the local dates it covers."""

    start: datetime
    end: datetime
    first_day: date
    last_day: date
    so_far: bool = False  # a week not over yet (a digest on demand): compared day for day

    @property
    def key(self) -> str:
        """A stable name for the period (its first local day), for records and file names."""
        return self.first_day.isoformat()

    def previous(self, tz: ZoneInfo) -> Period:
        """The period to compare with: the same days of the week before for a week (or a week
        so far), otherwise the period of the same length just before (by local dates)."""
        days = (self.last_day - self.first_day).days + 1
        shift = timedelta(days=7 if self.first_day.weekday() == 0 and days <= 7 else days)
        return local_days(self.first_day - shift, self.last_day - shift, tz)


def local_days(first: date, last: date, tz: ZoneInfo) -> Period:
    """From midnight at the start of ``first`` to midnight at the end of ``last``, local time.

    A week containing a clock change is 167 or 169 hours long, as it should be.
    """
    start = datetime.combine(first, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return Period(start, end, first, last)


def iso_week(day: date, tz: ZoneInfo) -> Period:
    """The ISO week (Monday to Sunday) containing ``day``."""
    monday = day - timedelta(days=day.weekday())
    return local_days(monday, monday + timedelta(days=6), tz)


def last_full_week(now: datetime, tz: ZoneInfo) -> Period:
    """The ISO week before the one ``now`` falls in (the digest's default period)."""
    this_monday = iso_week(now.astimezone(tz).date(), tz).first_day
    return iso_week(this_monday - timedelta(days=7), tz)


def week_so_far(now: datetime, tz: ZoneInfo) -> Period:
    """The current ISO week up to today (for a digest on demand). It runs to the end of the
    week, where nothing has happened yet, so that everything up to this moment counts."""
    week = iso_week(now.astimezone(tz).date(), tz)
    today = now.astimezone(tz).date()
    return Period(week.start, week.end, week.first_day, today, so_far=today < week.last_day)


def digest_due(week_monday: date, weekday: int, at: time, tz: ZoneInfo) -> datetime:
    """When the digest of the week before ``week_monday``'s week is due (UTC)."""
    return datetime.combine(week_monday + timedelta(days=weekday), at, tzinfo=tz).astimezone(UTC)


def latest_digest(now: datetime, weekday: int, at: time, tz: ZoneInfo) -> tuple[datetime, Period]:
    """The most recent digest due time at or before ``now`` and the week it covers."""
    monday = iso_week(now.astimezone(tz).date(), tz).first_day
    due = digest_due(monday, weekday, at, tz)
    if due > now:
        monday -= timedelta(days=7)
        due = digest_due(monday, weekday, at, tz)
    return due, iso_week(monday - timedelta(days=7), tz)


def next_digest(now: datetime, weekday: int, at: time, tz: ZoneInfo) -> datetime:
    """The next digest due time after ``now``."""
    due, _ = latest_digest(now, weekday, at, tz)
    monday = iso_week(due.astimezone(tz).date(), tz).first_day + timedelta(days=7)
    return digest_due(monday, weekday, at, tz)
