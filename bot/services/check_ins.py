"""Prompts and check-ins as the council runs them: who gets a prompt and when, which check-in
occurrences are due (including ones missed while the bot was down), and reminders.

No Telegram here: this decides and records (in the outbox); ``delivery`` sends.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from bot.domain.people import AGE_BANDS, Side
from bot.domain.prompts import (
    Prompt,
    PromptText,
    Schedule,
    earliest_send,
    first_date,
    latest_occurrence,
    next_occurrence,
)
from bot.services import Services

logger = logging.getLogger(__name__)


def youth_bands(services: Services) -> list[str]:
    """Age-band codes that count on the youth side under this council's config."""
    return [b.code for b in AGE_BANDS if b.high <= services.config.youth.max_age]


def group_for(services: Services, forum_id: str, side: Side) -> tuple[int, int | None] | None:
    """The forum's group (and topic) for this side, if one is configured."""
    forum = services.config.forum(forum_id)
    if forum is None:
        return None
    if side is Side.YOUTH:
        return (forum.youth_chat_id, forum.youth_topic_id) if forum.youth_chat_id else None
    return (forum.chat_id, forum.topic_id) if forum.chat_id else None


def _send_after(services: Services, side: Side, scheduled: bool, now: datetime) -> datetime:
    prompts = services.config.prompts
    return earliest_send(
        now,
        side,
        scheduled,
        prompts.quiet_start,
        prompts.quiet_end,
        prompts.quiet_hours_for_adults,
        services.config.council.timezone,
    )


async def send_prompt(
    services: Services, forum_id: str, side: Side, text: PromptText, by: int | None
) -> tuple[Prompt, int]:
    """A convenor's prompt, now: queued for every member who takes prompts, and the group."""
    now = services.clock.now()
    created = await services.store.prompts.create(
        forum_id,
        side,
        text,
        by,
        youth_bands(services),
        _send_after(services, side, scheduled=False, now=now),
        group_for(services, forum_id, side),
    )
    assert created is not None  # only check-in occurrences can already exist
    return created


async def fire_checkin(services: Services, schedule: Schedule, occurrence: datetime) -> bool:
    """Send one occurrence of a check-in; False if it had been sent already, or its forum was
    archived (its check-ins stop, kept, until the forum is restored)."""
    forum = services.config.forum(schedule.forum_id)
    if forum is not None and forum.archived:
        logger.info("Check-in %s not sent: forum %s is archived", schedule.id, forum.id)
        return False
    now = services.clock.now()
    created = await services.store.prompts.create(
        schedule.forum_id,
        schedule.side,
        schedule.text,
        schedule.created_by,
        youth_bands(services),
        _send_after(services, schedule.side, scheduled=True, now=now),
        group_for(services, schedule.forum_id, schedule.side),
        schedule_id=schedule.id,
        occurrence=occurrence,
        reminder_at=occurrence + timedelta(hours=services.config.prompts.reminder_after_hours),
    )
    if created is not None:
        logger.info("Check-in %s sent for %s to %d members", schedule.id, occurrence, created[1])
    return created is not None


async def fire_due_checkins(services: Services) -> int:
    """Send every check-in occurrence that is due and not yet sent.

    After downtime only the latest missed occurrence of each check-in is sent, and only if it
    is still within the grace window: better late than never, but not a burst of old ones.
    """
    now = services.clock.now()
    tz = services.config.council.timezone
    grace = timedelta(hours=services.config.prompts.missed_grace_hours)
    fired = 0
    for schedule in await services.store.schedules.active():
        due = latest_occurrence(schedule, now, tz)
        if due is None or now - due > grace:
            continue
        if await fire_checkin(services, schedule, due):
            fired += 1
    return fired


async def queue_due_reminders(services: Services) -> int:
    """Queue reminders for check-ins whose reminder time has come (non-responders only)."""
    now = services.clock.now()
    queued = 0
    for prompt in await services.store.prompts.due_reminders(now):
        not_before = _send_after(services, prompt.side, scheduled=True, now=now)
        queued += await services.store.prompts.queue_reminder(prompt.id, not_before)
    return queued


async def save_checkin(
    services: Services,
    forum_id: str,
    side: Side,
    text: PromptText,
    timing: tuple[int, time, int],
    by: int,
) -> Schedule:
    """Store a check-in: ``timing`` is (weekday, local time, every so many weeks); the first
    occurrence is the next such weekday whose time has not passed."""
    weekday, local_time, every = timing
    tz = services.config.council.timezone
    start = first_date(weekday, local_time, services.clock.now(), tz)
    return await services.store.schedules.create(
        forum_id, side, text, weekday, local_time, every, start, by
    )


async def next_checkin(services: Services, schedule: Schedule) -> datetime:
    """When a check-in next falls due (after now)."""
    return next_occurrence(schedule, services.clock.now(), services.config.council.timezone)
