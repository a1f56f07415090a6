"""/meeting: a convenor records a proposal raised at an in-person forum meeting.

It goes through the same writing flow as a resident's proposal and is marked as meeting input,
so offline and online ideas land in one tally. Only into a forum side the convenor convenes:
checked when the side is chosen and again at Send (``resident.write``), whatever buttons
were pressed on the way.

A paused convenor may not record meeting input. It is stored with the convenor as its author,
and a pause means nothing new goes into the forums under that person's name (see
``bot.domain.roles.POSTING_ACTIONS``); a pause takes no role away, so their other convenor
work goes on. To stop someone convening, take the role away instead.
"""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Person, Side
from bot.domain.roles import Action, Scope, can, scopes
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.resident.write import Draft, Step, ask_for_text
from bot.telegram.sender import require_may_post, require_person
from bot.telegram.views import meeting as views
from bot.telegram.views.meeting import MeetingSide
from bot.telegram.views.open_space import RecordFromNotes


async def _refuse(update: Update, context: CydlaisContext) -> None:
    """Say why not: a paused convenor hears about the pause, anyone else that it is for
    convenors."""
    grants = context.grants
    if grants.blocked and (grants.convenes or grants.admin):
        await require_may_post(update, context)
        return
    await replies.refuse(update, views.refused(context.t))


async def meeting_command(update: Update, context: CydlaisContext) -> None:
    """/meeting: choose which forum (and side) the meeting was, then write the proposal."""
    if await require_person(update, context) is None:
        return
    targets = scopes(context.grants, context.config, Action.MEETING_INPUT)
    if not targets:
        await _refuse(update, context)
        return
    await replies.send(update, views.choose_side(context.t, context.config, targets))


@on_button(MeetingSide, Who.PERSON)
async def side_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: MeetingSide
) -> None:
    """The forum and side were chosen (checked: the button may be forged): the text next."""
    if context.config.forum(pressed.forum_id) is None:
        await replies.stale(update, context)
        return
    if not can(context.grants, Action.MEETING_INPUT, Scope(pressed.forum_id, pressed.side)):
        await _refuse(update, context)
        return
    await replies.notice(update)
    draft = Draft(Step.TEXT, pressed.side, forum=pressed.forum_id, meeting=True)
    await ask_for_text(update, context, person, draft)


@on_button(RecordFromNotes, Who.PERSON)
async def from_notes_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: RecordFromNotes
) -> None:
    """From a session's notes: meeting input for the meeting's forum side (the adult side of a
    joint meeting, if this convenor may record there), linked to the meeting."""
    found = await context.store.meetings.session(pressed.session_id)
    meeting = await context.store.meetings.get(found[1]) if found else None
    if meeting is None:
        await replies.stale(update, context)
        return
    sides = (
        [Side.ADULT, Side.YOUTH] if meeting.side.value == "both" else [Side(meeting.side.value)]
    )
    allowed = [
        s for s in sides if can(context.grants, Action.MEETING_INPUT, Scope(meeting.forum_id, s))
    ]
    if not allowed:
        await _refuse(update, context)
        return
    await replies.notice(update)
    draft = Draft(
        Step.TEXT, allowed[0], forum=meeting.forum_id, meeting=True, meeting_id=meeting.id
    )
    await ask_for_text(update, context, person, draft)
