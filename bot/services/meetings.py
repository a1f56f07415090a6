"""Forum meetings as the council runs them: inviting (quiet hours as for conversations) and
the reminders the tick queues — the day before and two hours before, once each, to those
coming or maybe (outbox keys per meeting, reminder and person: a restart sends none twice)."""

from __future__ import annotations

from datetime import datetime

from bot.domain.common_ground import RoundSide
from bot.domain.meetings import REMINDERS, Meeting, reminders_due
from bot.domain.people import Person, Side
from bot.domain.prompts import earliest_send
from bot.services import Services
from bot.services.check_ins import youth_bands
from bot.services.common_ground import send_after


async def invite(
    services: Services, forum_id: str, side: RoundSide, starts_at: datetime, place: str,
    by: Person,
) -> tuple[Meeting, int]:  # fmt: skip
    """Store a meeting and queue its invitations (after quiet hours where they apply)."""
    return await services.store.meetings.create(
        forum_id, side, starts_at, place, by, youth_bands(services), send_after(services, side)
    )


async def queue_due_reminders(services: Services) -> int:
    """Queue the reminders that have fallen due (called by the tick)."""
    now = services.clock.now()
    furthest = max(before for _, before in REMINDERS)
    queued = 0
    prompts, tz = services.config.prompts, services.config.council.timezone
    for meeting in await services.store.meetings.due_soon(now, now + furthest):
        for which in reminders_due(meeting, now):
            side = Side.ADULT if meeting.side is RoundSide.ADULT else Side.YOUTH
            not_before = earliest_send(
                now, side, True, prompts.quiet_start, prompts.quiet_end,
                prompts.quiet_hours_for_adults, tz,
            )  # fmt: skip
            queued += await services.store.meetings.queue_reminder(meeting, which, not_before)
    return queued
