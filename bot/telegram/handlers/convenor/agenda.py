"""Open Space at a forum meeting, for its convenors: set the time slots and the spaces (typed),
and the agenda is built from the sessions offered and their sign-ups and posted to everyone
coming or maybe; posting again after a change reaches them again."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.domain.open_space import parse_slots, parse_spaces
from bot.domain.people import Person, Side
from bot.domain.roles import Action, Scope, can
from bot.services import meetings as service
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.handlers.convenor.meetings import convened
from bot.telegram.sender import refuse_non_convenor
from bot.telegram.views import open_space as views
from bot.telegram.views.open_space import ModerateSession, SetAgenda


@dataclass(frozen=True)
class AgendaSetup(FlowState, flow="agenda_setup"):
    """The slots (once typed, as text) and then the spaces."""

    meeting_id: int
    slots: str | None = None


@on_button(SetAgenda, Who.PERSON)
async def agenda_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: SetAgenda
) -> None:
    """Ask for the slots."""
    meeting = await convened(update, context, pressed.meeting_id)
    if meeting is None:
        return
    state = AgendaSetup(meeting.id)
    await context.store.conversations.set(person, state.flow, state.to_json())
    await replies.notice(update)
    await replies.send(update, views.ask_slots(context.t))


async def on_agenda_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """The slots, then the spaces; then the agenda goes out."""
    message = update.effective_message
    assert message is not None and message.text is not None
    state = AgendaSetup.from_json(stored)
    meeting = await context.store.meetings.get(state.meeting_id) if state else None
    if state is None or meeting is None or meeting.cancelled:
        await context.store.conversations.clear(person)
        await replies.stale(update, context)
        return
    if state.slots is None:
        slots = parse_slots(message.text)
        if slots is None:
            await replies.send(update, views.unreadable(context.t))
            return
        state = state.replace(slots=" ".join(s.strftime("%H:%M") for s in slots))
        await context.store.conversations.set(person, state.flow, state.to_json())
        await replies.send(update, views.ask_spaces(context.t))
        return
    spaces = parse_spaces(message.text)
    if spaces is None:
        await replies.send(update, views.unreadable(context.t))
        return
    await context.store.conversations.clear(person)
    layout = json.dumps([[s.name, s.capacity] for s in spaces], ensure_ascii=False)
    groups = service.meeting_groups(context.services, meeting)
    count = await context.store.meetings.post_agenda(
        meeting.id, state.slots, layout, person, groups
    )
    built = await service.agenda(context.services, meeting)
    if built is not None:
        await context.store.meetings.note_agenda(meeting.id, service.fingerprint(built[0]))
    unplaced = len(built[0].unplaced) if built else 0
    await replies.send(update, views.agenda_posted(context.t, count, unplaced))
    await context.deliver_outbox()


@on_button(ModerateSession, Who.PERSON)
async def moderate_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ModerateSession
) -> None:
    """A youth convenor approves or hides a young person's session (logged)."""
    found = await context.store.meetings.session(pressed.session_id)
    meeting = await context.store.meetings.get(found[1]) if found else None
    if found is None or meeting is None:
        await replies.stale(update, context)
        return
    if not can(context.grants, Action.REVIEW, Scope(meeting.forum_id, Side.YOUTH)):
        await refuse_non_convenor(update, context)
        return
    done = await context.store.meetings.moderate_session(found[0].id, pressed.approve, person)
    if done and pressed.approve:
        await service.agenda_changed(context.services, meeting.id)
    await replies.notice(update, views.moderated(context.t, pressed.approve, done))
    await replies.edit_keyboard(update, None)
