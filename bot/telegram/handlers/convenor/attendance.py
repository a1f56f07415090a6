"""How many came to a forum meeting: the convenor records adults and young people (no names);
the digest shows attendance by side and open data carries it. Planning, changing and
cancelling a meeting are in ``meetings``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.domain.meetings import (
    attendance_numbers,
)
from bot.domain.people import Person
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.handlers.convenor.meetings import convened
from bot.telegram.views import meetings as views
from bot.telegram.views.meetings import (
    RecordAttendance,
)


@dataclass(frozen=True)
class CountingAttendance(FlowState, flow="meeting_attendance"):
    """ "How many came" was pressed; the two numbers come next."""

    meeting_id: int


@on_button(RecordAttendance, Who.PERSON)
async def attendance_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: RecordAttendance
) -> None:
    """Ask for the numbers (for a convenor of the meeting's side or sides)."""
    meeting = await convened(update, context, pressed.meeting_id)
    if meeting is None:
        return
    state = CountingAttendance(meeting.id)
    await context.store.conversations.set(person, state.flow, state.to_json())
    await replies.notice(update)
    await replies.send(update, views.ask_attendance(context.t))


async def on_attendance_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """ "14 3": adults, then young people."""
    message = update.effective_message
    assert message is not None and message.text is not None
    numbers = attendance_numbers(message.text)
    state = CountingAttendance.from_json(stored)
    if numbers is None or state is None:
        await replies.send(update, views.attendance_unreadable(context.t))
        return
    await context.store.conversations.clear(person)
    if await context.store.meetings.record_attendance(state.meeting_id, *numbers, person) is None:
        await replies.stale(update, context)
        return
    await replies.send(update, views.attendance_kept(context.t, *numbers))
