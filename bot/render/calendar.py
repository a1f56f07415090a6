"""A forum meeting as a calendar file (.ics, RFC 5545) that phone calendars open: the start in
council time with its time zone (so it imports at the right local time across clock changes),
a two-hour length, the place, and a stable id (a second download updates, not duplicates)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from bot.domain.meetings import Meeting


def meeting_ics(
    meeting: Meeting, title: str, tz: ZoneInfo, stamp: datetime, host: str, note: str = ""
) -> bytes:
    """The calendar file for ``meeting`` (``title`` and ``note``, such as the language it is
    held in, in the reader's language)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Cydlais//forum meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if meeting.cancelled else "PUBLISH")
    calendar.add_component(
        Timezone.from_tzinfo(
            tz, first_date=meeting.starts_at.date(), last_date=meeting.ends_at.date()
        )
    )
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.starts_at.astimezone(tz))
    event.add("dtend", meeting.ends_at.astimezone(tz))
    event.add("summary", title)
    event.add("location", meeting.place)
    if note:
        event.add("description", note)
    if meeting.cancelled:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return calendar.to_ical()
