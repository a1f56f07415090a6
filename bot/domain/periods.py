"""Periods of council time: days and ISO weeks, as UTC instants with the right DST offsets."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo


def day_start(now: datetime, tz: ZoneInfo) -> datetime:
    """Midnight (council time) at the start of the day containing ``now``, in UTC."""
    local = now.astimezone(tz)
    return datetime.combine(local.date(), time(0), tzinfo=tz).astimezone(UTC)
