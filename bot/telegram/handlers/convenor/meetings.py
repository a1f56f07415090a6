"""/forum_meeting: a convenor plans a forum meeting (forum side or both → date and time → place →
send the invitations), sees who is coming, and cancels one (everyone invited is told).
The draft is a stored flow, so a restart loses nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from telegram import Update

from bot.domain.common_ground import RoundSide
from bot.domain.meetings import (
    MEETING_LANGUAGES,
    PLACE_MOST,
    Meeting,
    WhenProblem,
    parse_when,
)
from bot.domain.people import Person
from bot.domain.prompts import quiet_until
from bot.domain.roles import Action, scopes
from bot.services import meetings as service
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.handlers.convenor.conversation import may_open
from bot.telegram.sender import refuse_non_convenor, require_convenor
from bot.telegram.views import View
from bot.telegram.views import meetings as views
from bot.telegram.views.meetings import (
    CancelMeeting,
    ChangeMeeting,
    MeetingLanguage,
    NewMeeting,
    PlanSide,
    SendInvitations,
)


class Step(StrEnum):
    """Where the convenor is."""

    SIDE = "side"
    WHEN = "when"
    PLACE = "place"
    PREVIEW = "preview"


@dataclass(frozen=True)
class MeetingDraft(FlowState, flow="meeting_plan"):
    """A meeting being planned (``starts_at`` as ISO text)."""

    step: Step
    forum_id: str | None = None
    side: RoundSide | None = None
    starts_at: str | None = None
    place: str | None = None
    language: str = "both"  # the language(s) it is held in (a button under the preview)

    def meeting(self) -> Meeting:
        """The meeting as it would be (not stored yet)."""
        assert self.forum_id and self.side and self.starts_at and self.place
        start = datetime.fromisoformat(self.starts_at)
        return Meeting(
            0, self.forum_id, self.side, start, self.place, None, cancelled=False,
            language=self.language,
        )  # fmt: skip


def _preview(context: CydlaisContext, draft: MeetingDraft) -> View:
    """What will go; a meeting young people are invited to, in the quiet hours, is flagged."""
    meeting, prompts = draft.meeting(), context.config.prompts
    late = meeting.side is not RoundSide.ADULT and quiet_until(
        meeting.starts_at, context.config.council.timezone, prompts.quiet_start, prompts.quiet_end
    )
    return views.preview(context.t, context.config, meeting, quiet=bool(late))


async def _save(context: CydlaisContext, person: Person, draft: MeetingDraft) -> None:
    await context.store.conversations.set(person, draft.flow, draft.to_json())


async def _menu(update: Update, context: CydlaisContext) -> None:
    allowed = scopes(context.grants, context.config, Action.PROMPT)
    now = context.services.clock.now()
    upcoming = await context.store.meetings.upcoming(allowed, now)
    shown = [
        (m, views.answers_line(context.t, await context.store.meetings.tally(m.id)))
        for m in upcoming
    ]
    held = await context.store.meetings.recent(allowed, now - timedelta(days=14), now)
    await replies.show(update, views.menu(context.t, context.config, shown, held))


async def forum_meeting_command(update: Update, context: CydlaisContext) -> None:
    """/forum_meeting: meetings to come (with answers), and "plan a meeting"."""
    if await require_convenor(update, context, Action.PROMPT) is not None:
        await _menu(update, context)


@on_button(NewMeeting, Who.PERSON)
async def new_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: NewMeeting
) -> None:
    """Which forum side(s)?"""
    allowed = scopes(context.grants, context.config, Action.PROMPT)
    if not allowed:
        await refuse_non_convenor(update, context)
        return
    await _save(context, person, MeetingDraft(Step.SIDE))
    await replies.notice(update)
    await replies.show(update, views.choose_side(context.t, context.config, allowed))


@on_button(PlanSide, Who.PERSON)
async def side_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: PlanSide
) -> None:
    """Checked against their permissions (the button may be forged); then when."""
    draft = MeetingDraft.of(await context.store.conversations.get(person))
    if draft is None or draft.step is not Step.SIDE:
        await replies.stale(update, context)
        return
    if not may_open(context, pressed.forum_id, pressed.side):
        await refuse_non_convenor(update, context)
        return
    await _save(context, person, MeetingDraft(Step.WHEN, pressed.forum_id, pressed.side))
    await replies.notice(update)
    await replies.show(update, views.ask_when(context.t))


async def on_plan_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """The date and time, then the place."""
    message = update.effective_message
    assert message is not None and message.text is not None
    draft, text = MeetingDraft.from_json(stored), message.text.strip()
    if draft is not None and draft.step is Step.WHEN:
        tz = context.config.council.timezone
        starts = parse_when(text, context.services.clock.now(), tz)
        if isinstance(starts, WhenProblem):
            await replies.send(update, views.when_problem(context.t, starts))
            return
        await _save(context, person, draft.replace(step=Step.PLACE, starts_at=starts.isoformat()))
        await replies.send(update, views.ask_place(context.t))
    elif draft is not None and draft.step is Step.PLACE:
        if not text or len(text) > PLACE_MOST:
            await replies.send(update, views.place_too_long(context.t))
            await replies.give_back(update, text)
            return
        draft = draft.replace(step=Step.PREVIEW, place=text)
        await _save(context, person, draft)
        await replies.send(update, _preview(context, draft))
    else:
        await replies.refuse(update, context.t._("Please use the buttons above, or /cancel."))


@on_button(SendInvitations, Who.PERSON)
async def send_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: SendInvitations
) -> None:
    """Store the meeting and send the invitations (after the commit, the convenor is told)."""
    draft = MeetingDraft.of(await context.store.conversations.get(person))
    if draft is None or draft.step is not Step.PREVIEW:
        await replies.stale(update, context)
        return
    planned = draft.meeting()
    if not may_open(context, planned.forum_id, planned.side):  # a role may have gone meanwhile
        await refuse_non_convenor(update, context)
        return
    _, count = await service.invite(
        context.services, planned.forum_id, planned.side, planned.starts_at, planned.place,
        person, planned.language,
    )  # fmt: skip
    await context.store.conversations.clear(person)
    await replies.notice(update)
    await replies.edit_keyboard(update, None)
    await replies.send(update, views.invited(context.t, count))
    await context.deliver_outbox()


@on_button(MeetingLanguage, Who.PERSON)
async def language_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: MeetingLanguage
) -> None:
    """The language(s) the meeting is held in, chosen under the preview."""
    draft = MeetingDraft.of(await context.store.conversations.get(person))
    if (
        draft is None
        or draft.step is not Step.PREVIEW
        or pressed.language not in MEETING_LANGUAGES
    ):
        await replies.stale(update, context)
        return
    draft = draft.replace(language=pressed.language)
    await _save(context, person, draft)
    await replies.notice(update)
    await replies.show(update, _preview(context, draft))


async def convened(update: Update, context: CydlaisContext, meeting_id: int) -> Meeting | None:
    """The meeting, if it still stands and this person convenes its side(s) (else answered)."""
    meeting = await context.store.meetings.get(meeting_id)
    if meeting is None or meeting.cancelled:
        await replies.stale(update, context)
        return None
    if not may_open(context, meeting.forum_id, meeting.side):
        await refuse_non_convenor(update, context)
        return None
    return meeting


@on_button(CancelMeeting, Who.PERSON)
async def cancel_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: CancelMeeting
) -> None:
    """Cancel it; everyone invited is told."""
    meeting = await convened(update, context, pressed.meeting_id)
    if meeting is None:
        return
    await context.store.meetings.cancel(meeting.id, person)
    await replies.notice(update, views.cancel_done(context.t))
    await _menu(update, context)
    await context.deliver_outbox()


@dataclass(frozen=True)
class ChangingMeeting(FlowState, flow="meeting_change"):
    """A meeting's new time (ISO text, once typed) and then place."""

    meeting_id: int
    starts_at: str | None = None


@on_button(ChangeMeeting, Who.PERSON)
async def change_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ChangeMeeting
) -> None:
    """Ask for the new time (a dash keeps it), then the place."""
    meeting = await convened(update, context, pressed.meeting_id)
    if meeting is None:
        return
    state = ChangingMeeting(meeting.id)
    await context.store.conversations.set(person, state.flow, state.to_json())
    await replies.notice(update)
    await replies.send(update, views.ask_new_when(context.t, meeting))


async def on_change_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """The new time, then the new place; then everyone invited is told."""
    message = update.effective_message
    assert message is not None and message.text is not None
    state, text = ChangingMeeting.from_json(stored), message.text.strip()
    meeting = await context.store.meetings.get(state.meeting_id) if state else None
    if state is None or meeting is None:
        await context.store.conversations.clear(person)
        await replies.stale(update, context)
        return
    if state.starts_at is None:
        now, tz = context.services.clock.now(), context.config.council.timezone
        starts = meeting.starts_at if text == "-" else parse_when(text, now, tz)
        if isinstance(starts, WhenProblem):
            await replies.send(update, views.when_problem(context.t, starts))
            return
        state = state.replace(starts_at=starts.isoformat())
        await context.store.conversations.set(person, state.flow, state.to_json())
        await replies.send(update, views.ask_new_place(context.t))
        return
    if len(text) > PLACE_MOST or not text:
        await replies.send(update, views.place_too_long(context.t))
        await replies.give_back(update, text)
        return
    place = meeting.place if text == "-" else text
    starts_at = datetime.fromisoformat(state.starts_at)
    await context.store.conversations.clear(person)
    if starts_at == meeting.starts_at and place == meeting.place:
        await replies.send(update, views.changed(context.t, told=False))
        return
    done = await context.store.meetings.change(meeting.id, starts_at, place, person)
    await replies.send(update, views.changed(context.t, told=done is not None))
    await context.deliver_outbox()
