"""Forum meetings as the council runs them: inviting (quiet hours as for conversations) and
the reminders the tick queues — the day before and two hours before, once each, to those
coming or maybe (outbox keys per meeting, reminder and person: a restart sends none twice)."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

from bot.domain.common_ground import RoundSide
from bot.domain.meetings import LENGTH, REMINDERS, Meeting, reminders_due
from bot.domain.open_space import Agenda, Offered, Session, Space, build_agenda, parse_slots
from bot.domain.people import Person, Side
from bot.domain.prompts import earliest_send
from bot.services import Services
from bot.services.check_ins import group_for, youth_bands
from bot.services.common_ground import send_after


async def invite(
    services: Services, forum_id: str, side: RoundSide, starts_at: datetime, place: str,
    by: Person, language: str = "both",
) -> tuple[Meeting, int]:  # fmt: skip
    """Store a meeting and queue its invitations (after quiet hours where they apply)."""
    return await services.store.meetings.create(
        forum_id, side, starts_at, place, by, youth_bands(services), send_after(services, side),
        language,
    )  # fmt: skip


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


async def full_session(
    services: Services, session_id: int, person: Person
) -> tuple[Offered, int, list[Offered]] | None:
    """If ``person`` is not signed up to the session and the agenda puts it in a space that
    is full: the session, the space's capacity, and the other sessions placed with room left
    (to offer instead). None when they may sign up (or are taking their sign-up back)."""
    found = await services.store.meetings.session(session_id)
    meeting = await services.store.meetings.get(found[1]) if found else None
    built = await agenda(services, meeting) if meeting else None
    if found is None or meeting is None or built is None:
        return None
    placed = {p.session.id: p for p in built[0].placed}
    here = placed.get(session_id)
    if here is None or here.session.wanted < here.space.capacity:
        return None
    offered = await services.store.meetings.sessions(meeting.id, person)
    if any(o.id == session_id and mine for o, mine in offered):
        return None
    room = [
        o for o, _ in offered
        if o.id in placed and placed[o.id].session.wanted < placed[o.id].space.capacity
    ]  # fmt: skip
    return found[0], here.space.capacity, room


# An agenda changed by sign-ups or new sessions goes again at the next ten-minute mark at least
# ten minutes on, so a flurry of sign-ups brings one message, not one each.
REPOST_AFTER = timedelta(minutes=10)


def fingerprint(built: Agenda) -> str:
    """What people need to know of an agenda: which session is where and when."""
    return "|".join(f"{p.slot}:{p.space.name}:{p.session.id}" for p in built.placed)


def meeting_groups(services: Services, meeting: Meeting) -> list[tuple[int, int | None]]:
    """The forum groups (chat, topic) a meeting's agenda is posted to, each once."""
    sides = (
        (Side.ADULT, Side.YOUTH) if meeting.side is RoundSide.BOTH else (Side(meeting.side.value),)
    )
    found = [group_for(services, meeting.forum_id, side) for side in sides]
    return list(dict.fromkeys(g for g in found if g is not None))


async def agenda_changed(services: Services, meeting_id: int) -> bool:
    """After a sign-up or a new session: if the agenda already sent has changed, send it
    again (see REPOST_AFTER); True if it was queued."""
    meeting = await services.store.meetings.get(meeting_id)
    built = await agenda(services, meeting) if meeting is not None else None
    if meeting is None or built is None:
        return False
    now = services.clock.now()
    mark = now + REPOST_AFTER
    at = mark.replace(minute=mark.minute - mark.minute % 10, second=0, microsecond=0)
    at = at + timedelta(minutes=10) if at < mark else at
    return await services.store.meetings.repost_agenda(
        meeting.id, fingerprint(built[0]), meeting_groups(services, meeting), at
    )
