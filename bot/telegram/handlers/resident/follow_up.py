"""The author's "did it close the loop?" taps and optional comment, four weeks after a
decision. A tap counts once and can be changed; a question that no longer stands (the decision
reversed, the proposal hidden, someone else's, the author gone) is answered as stale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.domain.accountability import COMMENT_MAX
from bot.domain.people import Person
from bot.domain.proposals import reference
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.views import follow_up as views
from bot.telegram.views.follow_up import AddComment, Tap


@dataclass(frozen=True)
class WaitingForComment(FlowState, flow="follow_up_comment"):
    """ "Add a comment" was pressed; the words come next."""

    proposal_id: int


@on_button(Tap, Who.PERSON)
async def tap_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: Tap
) -> None:
    """Yes / partly / no to one of the two questions."""
    kept = await context.store.follow_ups.answer(
        pressed.proposal_id, person, pressed.question, pressed.answer
    )
    proposal = await context.store.proposals.get(pressed.proposal_id)
    if kept is None or proposal is None:
        await replies.stale(update, context)
        return
    await replies.notice(update, views.thanks(context.t))
    view = views.question(
        context.t, proposal.id, proposal.ref, proposal.title, proposal.status,
        kept.clear, kept.happened,
    )  # fmt: skip
    await replies.edit_keyboard(update, view.keyboard)


@on_button(AddComment, Who.PERSON)
async def comment_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: AddComment
) -> None:
    """The comment comes next (a flow, so it survives a restart)."""
    if not await context.store.follow_ups.still_asked(pressed.proposal_id, person.id):
        await replies.stale(update, context)
        return
    await replies.notice(update)
    state = WaitingForComment(pressed.proposal_id)
    await context.store.conversations.set(person, state.flow, state.to_json())
    await replies.send(update, views.ask_comment(context.t, reference(pressed.proposal_id)))


async def on_comment_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """The comment's words."""
    message = update.effective_message
    assert message is not None and message.text is not None
    text = message.text.strip()
    if len(text) > COMMENT_MAX:  # nothing kept; the words come back; the flow still waits
        await replies.send(update, views.comment_too_long(context.t, len(text)))
        await replies.give_back(update, text)
        return
    state = WaitingForComment.from_json(stored)
    await context.store.conversations.clear(person)
    if state is None or not await context.store.follow_ups.comment(
        state.proposal_id, person, text
    ):
        await replies.stale(update, context)
        return
    await replies.send(update, views.comment_kept(context.t))
