"""Forum meetings as the council runs them: inviting (quiet hours as for conversations) and
the reminders the tick queues — the day before and two hours before, once each, to those
coming or maybe (outbox keys per meeting, reminder and person: a restart sends none twice)."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

from bot.domain.common_ground import RoundSide
from bot.domain.meetings import LENGTH, REMINDERS, Meeting, reminders_due
from bot.domain.open_space import Agenda, Session, Space, build_agenda, parse_slots
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


HARVEST_AFTER = timedelta(hours=1)  # after a meeting's end, its hosts are asked for notes
HARVEST_WITHIN = timedelta(days=3)  # … if the bot was down longer, not at all


async def queue_harvest_asks(services: Services) -> int:
    """Ask each session's host for notes, an hour after the meeting ended (called by the tick)."""
    ended_before = services.clock.now() - LENGTH - HARVEST_AFTER
    return await services.store.meetings.queue_harvest_asks(
        ended_before, ended_before - HARVEST_WITHIN
    )


async def agenda(services: Services, meeting: Meeting) -> tuple[Agenda, list[time]] | None:
    """The Open Space agenda from the sessions offered and the slots and spaces last set
    (sign-ups decide what is most wanted); None before the convenor has set them."""
    layout = await services.store.meetings.layout(meeting.id)
    if layout is None:
        return None
    slots = parse_slots(layout[0]) or []
    spaces = [Space(name, int(capacity)) for name, capacity in json.loads(layout[1])]
    offered = await services.store.meetings.sessions(meeting.id)
    sessions = [
        Session(o.id, o.host if o.host is not None else -o.id, o.signed_up) for o, _ in offered
    ]
    return build_agenda(sessions, len(slots), spaces), slots
