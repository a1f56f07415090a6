"""A member's answer to a forum meeting's invitation (Coming / Maybe / Can't; a second tap
changes it) and its calendar file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.domain.common_ground import statement_problem
from bot.domain.open_space import TOPIC_MOST
from bot.domain.people import Person, Side
from bot.domain.roles import Scope, configured_reviewers
from bot.render.calendar import meeting_ics
from bot.services import meetings as meeting_services
from bot.telegram import replies
from bot.telegram.buttons import on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.sender import posts_wait_for_approval, require_may_post, side_of
from bot.telegram.views import meetings as views
from bot.telegram.views import open_space as space_views
from bot.telegram.views.meetings import Answer, CalendarFile
from bot.telegram.views.open_space import OfferSession, SendNotes, SessionsOf, SignUp


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
    held = views.held_in(context.t, meeting)
    now, host = context.services.clock.now(), context.bot.username
    content = meeting_ics(meeting, title, tz, now, host, held)
    await replies.document(update, content, f"cydlais-meeting-{meeting.id}.ics")


@dataclass(frozen=True)
class OfferingSession(FlowState, flow="session_offer"):
    """ "Offer a session" was pressed; its title comes next."""

    meeting_id: int


@on_button(OfferSession)
async def offer_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: OfferSession
) -> None:
    """The title comes next (for someone invited, who may post)."""
    if not await context.store.meetings.was_invited(pressed.meeting_id, person):
        await replies.stale(update, context)
        return
    if not await require_may_post(update, context):
        return
    await replies.notice(update)
    state = OfferingSession(pressed.meeting_id)
    await context.store.conversations.set(person, state.flow, state.to_json())
    await replies.send(update, space_views.ask_topic(context.t))


async def on_topic_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """The session's title: checked, stored, acknowledged (or refused, the flow waiting)."""
    message = update.effective_message
    assert message is not None and message.text is not None
    state, topic = OfferingSession.from_json(stored), message.text.strip()
    if state is None:
        await context.store.conversations.clear(person)
        await replies.stale(update, context)
        return
    if statement_problem(topic) is not None or len(topic) > TOPIC_MOST:
        await replies.send(update, space_views.topic_refused(context.t, "words"))
        return
    now = context.services.clock.now()
    meeting = await context.store.meetings.get(state.meeting_id)
    waits = posts_wait_for_approval(person, context)
    reviewers = (
        configured_reviewers(context.config, Scope(meeting.forum_id, Side.YOUTH))
        if waits and meeting is not None
        else None
    )
    result = await context.store.meetings.offer_session(
        state.meeting_id, person, topic, now, reviewers
    )
    if isinstance(result, str):
        await replies.send(update, space_views.topic_refused(context.t, result))
        if result != "repeated":
            await context.store.conversations.clear(person)
        return
    await context.store.conversations.clear(person)
    if reviewers is not None:
        await replies.send(update, space_views.offered_waiting(context.t, topic))
        await context.deliver_outbox()
        return
    await meeting_services.agenda_changed(context.services, state.meeting_id)
    await replies.send(update, space_views.offered(context.t, topic))


@on_button(SessionsOf)
async def sessions_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: SessionsOf
) -> None:
    """The sessions offered so far, to sign up."""
    if not await context.store.meetings.was_invited(pressed.meeting_id, person):
        await replies.stale(update, context)
        return
    await replies.notice(update)
    found = await context.store.meetings.sessions(pressed.meeting_id, person)
    await replies.send(update, space_views.sessions(context.t, pressed.meeting_id, found))


@on_button(SignUp)
async def signup_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: SignUp
) -> None:
    """Sign up, or take it back; the list is redrawn. A session whose space on the agenda is
    full is not joined: the sessions with room are offered instead."""
    full = await meeting_services.full_session(context.services, pressed.session_id, person)
    if full is not None:
        session, capacity, others = full
        await replies.notice(update)
        await replies.send(update, space_views.full(context.t, session, capacity, others))
        return
    now = context.services.clock.now()
    done = await context.store.meetings.sign_up(pressed.session_id, person, now)
    if done is None:
        await replies.refuse(update, views.no_longer(context.t))
        return
    meeting_id, signed = done
    await meeting_services.agenda_changed(context.services, meeting_id)
    await replies.notice(update, space_views.signed(context.t, signed))
    found = await context.store.meetings.sessions(meeting_id, person)
    await replies.show(update, space_views.sessions(context.t, meeting_id, found))


@dataclass(frozen=True)
class WritingNotes(FlowState, flow="session_notes"):
    """ "Send the notes" was pressed; the words come next."""

    session_id: int


@on_button(SendNotes)
async def notes_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: SendNotes
) -> None:
    """For the session's host only."""
    found = await context.store.meetings.session(pressed.session_id)
    if found is None or found[0].host != person.id:
        await replies.stale(update, context)
        return
    await replies.notice(update)
    state = WritingNotes(pressed.session_id)
    await context.store.conversations.set(person, state.flow, state.to_json())
    await replies.send(update, space_views.ask_notes(context.t))


async def notes_photo(
    update: Update, context: CydlaisContext, person: Person, state: WritingNotes, photo: str
) -> None:
    """A photo (a flip chart) while the host writes the notes: kept, to go with them."""
    count = await context.store.meetings.add_notes_photo(state.session_id, person, photo)
    if count is None:
        await context.store.conversations.clear(person)
        await replies.stale(update, context)
        return
    await replies.send(update, space_views.notes_photo_kept(context.t, count))


async def on_notes_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """The notes: kept, then sent on (or given back if too long)."""
    message = update.effective_message
    assert message is not None and message.text is not None
    text = message.text.strip()
    if len(text) > space_views.NOTES_MOST:
        await replies.send(update, space_views.notes_too_long(context.t))
        await replies.give_back(update, text)
        return
    state = WritingNotes.from_json(stored)
    found = await context.store.meetings.session(state.session_id) if state else None
    meeting = await context.store.meetings.get(found[1]) if found else None
    await context.store.conversations.clear(person)
    if state is None or meeting is None or not text:
        await replies.stale(update, context)
        return
    # A young host's notes go to the youth convenors only, who pass on what should go further.
    young = posts_wait_for_approval(person, context)
    sides = (
        (Side.ADULT, Side.YOUTH) if meeting.side.value == "both" else (Side(meeting.side.value),)
    )
    convenors = [
        c
        for side in ((Side.YOUTH,) if young else sides)
        for c in configured_reviewers(context.config, Scope(meeting.forum_id, side))
    ]
    saved = await context.store.meetings.save_notes(
        state.session_id, person, text, convenors, to_attendees=not young
    )
    if not saved:
        await replies.stale(update, context)
        return
    await replies.send(update, space_views.notes_sent(context.t))
    await context.deliver_outbox()
