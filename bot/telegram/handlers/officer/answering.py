"""Officers answer residents without deciding (/respond), and see what waits too long
(/overdue). A reply is kept in the proposal's history, counts as the council's first answer
and reaches the author and the supporters who follow it (through the outbox)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.domain.accountability import RESPONSE_MAX, answer_due, sent_before_for_overdue
from bot.domain.people import Person
from bot.domain.proposals import Proposal, parse_reference
from bot.domain.roles import Action
from bot.domain.visibility import Viewer, may_see
from bot.i18n import N_
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.handlers.officer import may, officer
from bot.telegram.replies import give_back, notice, send, stale
from bot.telegram.views import answering as views
from bot.telegram.views import status as status_views
from bot.telegram.views.answering import Decide, ReplyTo

ONLY_OFFICERS = N_("Sorry, only council officers can answer proposals.")


@dataclass(frozen=True)
class WaitingForReply(FlowState, flow="respond"):
    """The Reply button was pressed; the officer's words come next."""

    proposal_id: int


async def respond_command(update: Update, context: CydlaisContext) -> None:
    """/respond P-0042 <message>."""
    person = await officer(update, context, Action.SET_STATUS, context.t._(ONLY_OFFICERS))
    message = update.effective_message
    if person is None or message is None or message.text is None:
        return
    parts = message.text.split(maxsplit=2)
    proposal_id = parse_reference(parts[1]) if len(parts) > 1 else None
    if proposal_id is None:
        await send(update, views.usage(context.t))
        return
    proposal = await _visible(context, person, proposal_id)
    if proposal is None:
        await send(update, status_views.no_such_proposal(context.t, proposal_id))
    elif len(parts) < 3 or not parts[2].strip():
        await _ask(update, context, person, proposal)
    else:
        await _reply(update, context, person, proposal, parts[2].strip())


@on_button(ReplyTo, Who.PERSON)
async def reply_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ReplyTo
) -> None:
    """Reply, from /overdue."""
    proposal = await _pressed_on(update, context, person, pressed.proposal_id)
    if proposal is not None:
        await _ask(update, context, person, proposal)


@on_button(Decide, Who.PERSON)
async def decide_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: Decide
) -> None:
    """Decide, from /overdue: the proposal with its status buttons."""
    proposal = await _pressed_on(update, context, person, pressed.proposal_id)
    if proposal is not None:
        await send(update, status_views.choices(context.t, context.config, proposal))


async def _pressed_on(
    update: Update, context: CydlaisContext, person: Person, proposal_id: int
) -> Proposal | None:
    """The proposal an /overdue button is about, if this officer may act on it (the press
    answered); else None, after a polite refusal or a stale-button answer."""
    if not await may(update, context, Action.SET_STATUS, context.t._(ONLY_OFFICERS)):
        return None
    proposal = await _visible(context, person, proposal_id)
    if proposal is None:
        await stale(update, context)
        return None
    await notice(update)
    return proposal


async def on_reply_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """The reply's words, after the Reply button or a bare /respond P-0042."""
    message = update.effective_message
    assert message is not None and message.text is not None
    state = WaitingForReply.from_json(stored)
    proposal = await _visible(context, person, state.proposal_id) if state else None
    if not await may(update, context, Action.SET_STATUS, context.t._(ONLY_OFFICERS)):
        await context.store.conversations.clear(person)
    elif proposal is None:
        await context.store.conversations.clear(person)
        await send(update, views.usage(context.t))
    else:
        await _reply(update, context, person, proposal, message.text.strip())


async def overdue_command(update: Update, context: CydlaisContext) -> None:
    """/overdue: proposals past the council's promise, oldest first, by forum."""
    person = await officer(update, context, Action.SET_STATUS, context.t._(ONLY_OFFICERS))
    if person is None:
        return
    config, now = context.config, context.services.clock.now()
    days, zone = config.accountability.answer_within_days, config.council.timezone
    waiting = await context.store.accountability.overdue(sent_before_for_overdue(now, days, zone))
    viewer = Viewer(person.id, context.grants)
    overdue = [p for p in waiting if may_see(viewer, p)]
    due = {p.id: answer_due(p.created_at, days, zone) for p in overdue}
    await send(update, views.overdue_list(context.t, config, overdue, due))


async def _ask(
    update: Update, context: CydlaisContext, person: Person, proposal: Proposal
) -> None:
    state = WaitingForReply(proposal.id)
    await context.store.conversations.set(person, state.flow, state.to_json())
    await send(update, views.ask_for_reply(context.t, proposal))


async def _reply(
    update: Update, context: CydlaisContext, person: Person, proposal: Proposal, text: str
) -> None:
    if len(text) > RESPONSE_MAX:  # nothing sent; the words come back (the flow still waits)
        await send(update, views.too_long(context.t, len(text)))
        await give_back(update, text)
        return
    replied = await context.store.accountability.respond(proposal.id, person, text)
    await context.store.conversations.clear(person)
    if replied.proposal is None:
        await send(update, status_views.no_such_proposal(context.t, proposal.id))
        return
    await send(
        update, views.sent(context.t, proposal, replied.author_told, replied.followers_told)
    )
    await context.deliver_outbox()


async def _visible(context: CydlaisContext, person: Person, proposal_id: int) -> Proposal | None:
    proposal = await context.store.proposals.get(proposal_id)
    if proposal is None or not may_see(Viewer(person.id, context.grants), proposal):
        return None
    return proposal
