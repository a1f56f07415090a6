"""A convenor's quick sense check, from the /conversation menu: forum side(s) → what to put to
them (words, or a proposal's reference) → sent; results by side."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from telegram import Update

from bot.domain.common_ground import RoundSide
from bot.domain.people import Person
from bot.domain.proposals import parse_reference, reference
from bot.domain.roles import Action, Scope, can, scopes
from bot.domain.sense_checks import SUBJECT_MOST
from bot.domain.visibility import Audience, audience
from bot.services import common_ground as service
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.handlers.convenor.conversation import may_open, sides_of
from bot.telegram.views import sense_check as views
from bot.telegram.views.sense_check import NewSenseCheck, PickSenseScope, SenseResultsOf


class Step(StrEnum):
    """Where the convenor is."""

    SCOPE = "scope"
    SUBJECT = "subject"


@dataclass(frozen=True)
class SenseDraft(FlowState, flow="sense_check"):
    """A quick sense check being set up."""

    step: Step
    forum_id: str | None = None
    side: RoundSide | None = None


@on_button(NewSenseCheck, Who.PERSON)
async def new_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: NewSenseCheck
) -> None:
    """Which forum side(s)?"""
    allowed = scopes(context.grants, context.config, Action.PROMPT)
    if not allowed:
        await replies.stale(update, context)
        return
    state = SenseDraft(Step.SCOPE)
    await context.store.conversations.set(person, state.flow, state.to_json())
    await replies.notice(update)
    await replies.show(update, views.choose_scope(context.t, context.config, allowed))


@on_button(PickSenseScope, Who.PERSON)
async def scope_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: PickSenseScope
) -> None:
    """Checked against their permissions; then the subject."""
    draft = SenseDraft.of(await context.store.conversations.get(person))
    if draft is None or draft.step is not Step.SCOPE:
        await replies.stale(update, context)
        return
    if not may_open(context, pressed.forum_id, pressed.side):
        await replies.refuse(update, context.t._("Sorry, only forum convenors can do that."))
        return
    state = SenseDraft(Step.SUBJECT, pressed.forum_id, pressed.side)
    await context.store.conversations.set(person, state.flow, state.to_json())
    await replies.notice(update)
    await replies.show(update, views.ask_subject(context.t))


async def _subject(context: CydlaisContext, forum_id: str, text: str) -> tuple[str, int | None]:
    """The words to send, and the proposal's id when a reference was typed ("" if refused)."""
    proposal_id = parse_reference(text) if text.upper().startswith("P") else None
    if proposal_id is None:
        return (text if 0 < len(text) <= SUBJECT_MOST else ""), None
    proposal = await context.store.proposals.get(proposal_id)
    if proposal is None or proposal.forum_id != forum_id:
        return "", None
    if audience(proposal) is not Audience.EVERYONE:
        return "", None
    return f"{reference(proposal.id)}: {proposal.title}", proposal.id


async def on_subject_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """The subject: checked, sent (after the commit, the convenor is told how many)."""
    message = update.effective_message
    assert message is not None and message.text is not None
    draft = SenseDraft.from_json(stored)
    if draft is None or draft.step is not Step.SUBJECT or draft.forum_id is None:
        await replies.refuse(update, context.t._("Please use the buttons above, or /cancel."))
        return
    assert draft.side is not None
    text = message.text.strip()
    subject, proposal_id = await _subject(context, draft.forum_id, text)
    if not subject:
        await replies.send(update, views.subject_refused(context.t, len(text)))
        return
    if not may_open(context, draft.forum_id, draft.side):
        await replies.refuse(update, context.t._("Sorry, only forum convenors can do that."))
        return
    _, recipients = await service.open_sense_check(
        context.services, draft.forum_id, draft.side, subject, proposal_id, person.id
    )
    await context.store.conversations.clear(person)
    await replies.send(update, views.sent(context.t, recipients))
    await context.deliver_outbox()


@on_button(SenseResultsOf, Who.PERSON)
async def results_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: SenseResultsOf
) -> None:
    """Results, for a convenor of a side it went to (or an officer)."""
    check = await context.store.sense_checks.get(pressed.check_id)
    allowed = check is not None and any(
        can(context.grants, action, Scope(check.forum_id, side))
        for side in sides_of(check.side)
        for action in (Action.PROMPT, Action.REVIEW, Action.DIGEST)
    )
    if check is None or not allowed:
        await replies.stale(update, context)
        return
    await replies.notice(update)
    found = await context.store.sense_checks.results(check.id)
    await replies.send(update, views.results(context.t, context.config, check, found))
