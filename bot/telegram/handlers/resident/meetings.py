"""A member's answer to a forum meeting's invitation (Coming / Maybe / Can't; a second tap
changes it) and its calendar file."""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Person
from bot.render.calendar import meeting_ics
from bot.telegram import replies
from bot.telegram.buttons import on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.sender import side_of
from bot.telegram.views import meetings as views
from bot.telegram.views.meetings import Answer, CalendarFile


@on_button(Answer)
async def answer_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: Answer
) -> None:
    """Kept once per person (changeable) while the meeting is still to come."""
    now = context.services.clock.now()
    meeting = await context.store.meetings.answer(
        pressed.meeting_id, person, side_of(person, context), pressed.attendance, now
    )
    if meeting is None:
        await replies.refuse(update, views.no_longer(context.t))
        return
    await replies.notice(update, views.thanks(context.t, pressed.attendance))
    view = views.invitation(context.t, context.config, meeting, pressed.attendance)
    await replies.edit_keyboard(update, view.keyboard)


@on_button(CalendarFile)
async def calendar_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: CalendarFile
) -> None:
    """The meeting as a .ics file, for someone invited to it."""
    meeting = await context.store.meetings.get(pressed.meeting_id)
    if meeting is None or not await context.store.meetings.was_invited(meeting.id, person):
        await replies.stale(update, context)
        return
    await replies.notice(update)
    title = views.calendar_title(context.t, context.config, meeting)
    tz = context.config.council.timezone
    content = meeting_ics(meeting, title, tz, context.services.clock.now(), context.bot.username)
    await replies.document(update, content, f"cydlais-meeting-{meeting.id}.ics")
