"""/review: convenors approve young people's proposals, look at reported ones, hide, restore,
and pause people from posting. Every action is logged (who, what, when, why).

Convenors see only the forum sides they convene; youth-side items only youth convenors. Every
screen, list and button asks ``can`` with the forum side concerned (``scopes`` for the lists),
and what a proposal shows goes through ``may_see``: anything else looks like a stale button.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.domain.people import Person
from bot.domain.proposals import ChangeResult, Proposal, Status
from bot.domain.roles import Action, Scope, can, scope_of, scopes
from bot.domain.visibility import Viewer, may_see, may_see_pause
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.sender import refuse_non_convenor, require_convenor
from bot.telegram.views import photos
from bot.telegram.views import review as views
from bot.telegram.views.photos import SeePhoto
from bot.telegram.views.review import (
    HiddenList,
    ItemAt,
    OnProposal,
    PausedList,
    ReviewAction,
    Unpause,
)

LIST_LIMIT = 20


@dataclass(frozen=True)
class HideReason(FlowState, flow="hide_reason"):
    """Hide was pressed (on a proposal, or 🙈 on a prompt's answer): the reason comes next.
    The field names are the keys older versions stored."""

    proposal: int | None = None
    answer: int | None = None


def _scopes(context: CydlaisContext, action: Action = Action.REVIEW) -> list[Scope]:
    return scopes(context.grants, context.config, action)


async def review_command(update: Update, context: CydlaisContext) -> None:
    """/review: the first item waiting for a convenor."""
    if await require_convenor(update, context, Action.REVIEW) is not None:
        await _show(update, context, 0)


async def _show(update: Update, context: CydlaisContext, index: int) -> None:
    items = await context.store.moderation.review_items(_scopes(context))
    if not items:
        await replies.show(update, views.nothing_waiting(context.t))
        return
    index = min(max(index, 0), len(items) - 1)
    found = items[index]
    proposal = found.proposal
    may_pause = proposal.author_id is not None and can(
        context.grants, Action.BLOCK_USER, scope_of(proposal)
    )
    view = views.item(context.t, context.config, found, index, len(items), may_pause)
    await replies.show(update, view)


async def _convenes(update: Update, context: CydlaisContext) -> bool:
    """A resident pressing (or forging) a convenor's button is refused."""
    if _scopes(context):
        return True
    await refuse_non_convenor(update, context)
    return False


@on_button(ItemAt, Who.PERSON)
async def item_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ItemAt
) -> None:
    """Next ▶️."""
    if await _convenes(update, context):
        await replies.notice(update)
        await _show(update, context, pressed.index)


@on_button(HiddenList, Who.PERSON)
async def hidden_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: HiddenList
) -> None:
    """What is hidden in their forum sides."""
    if await _convenes(update, context):
        await replies.notice(update)
        await _hidden_list(update, context)


async def _hidden_list(update: Update, context: CydlaisContext) -> None:
    hidden = await context.store.moderation.hidden(_scopes(context))
    await replies.show(update, views.hidden(context.t, context.config, hidden[:LIST_LIMIT]))


@on_button(PausedList, Who.PERSON)
async def paused_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: PausedList
) -> None:
    """Who is paused (where they may pause people)."""
    if await _convenes(update, context):
        await replies.notice(update)
        await _blocked_list(update, context)


async def _blocked_list(update: Update, context: CydlaisContext) -> None:
    """The people paused in the forum sides this person may pause in: it names them, so a
    young person appears only to the youth convenors of the forum they were paused in."""
    allowed = _scopes(context, Action.BLOCK_USER)
    if not allowed:
        await refuse_non_convenor(update, context)
        return
    people = await context.store.moderation.paused_people(
        allowed, context.grants.admin, LIST_LIMIT
    )
    shown = [p for p in people if may_see_pause(context.grants, p)]
    await replies.show(update, views.paused(context.t, shown))


@on_button(Unpause, Who.PERSON)
async def unpause_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: Unpause
) -> None:
    """Let someone post again."""
    if not await _convenes(update, context):
        return
    paused = await context.store.moderation.paused_person(pressed.person_id)
    if paused is None or not may_see_pause(context.grants, paused):
        await replies.stale(update, context)  # as for someone who is not paused at all
        return
    changed = await context.store.moderation.set_blocked(
        pressed.person_id, person, blocked=False, reason=""
    )
    await replies.notice(update, context.t._("Done.") if changed else None)
    await _blocked_list(update, context)


@on_button(OnProposal, Who.PERSON)
async def proposal_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: OnProposal
) -> None:
    """Approve, keep, hide (the reason comes next), restore, or pause the author."""
    if not await _convenes(update, context):
        return
    proposal = await _reviewable(context, person, pressed.proposal_id)
    if proposal is None:
        await replies.stale(update, context)
        return
    t, action = context.t, pressed.action
    if action is ReviewAction.APPROVE:
        change = await context.store.proposals.change_status(
            proposal.id, Status.OPEN, person, "", expected=Status.SUBMITTED
        )
        if change.result is not ChangeResult.CHANGED:
            await replies.stale(update, context)
            return
        await replies.notice(update, views.approved(t, proposal))
        await context.deliver_outbox()
    elif action is ReviewAction.KEEP:
        await context.store.moderation.keep(proposal.id, person)
        await replies.notice(update, views.kept(t, proposal))
    elif action is ReviewAction.HIDE:
        await replies.notice(update)
        state = HideReason(proposal=proposal.id)
        await context.store.conversations.set(person, state.flow, state.to_json())
        await replies.send(update, views.ask_reason(t, proposal))
        return
    elif action is ReviewAction.RESTORE:
        await context.store.moderation.set_hidden(proposal.id, person, hidden=False, reason="")
        await replies.notice(update, views.restored(t, proposal))
        await _hidden_list(update, context)
        return
    elif not await _block_author(update, context, person, proposal):
        return
    await _show(update, context, 0)


async def _reviewable(
    context: CydlaisContext, person: Person, proposal_id: int
) -> Proposal | None:
    """The proposal, if this convenor reviews its forum side and may see it."""
    proposal = await context.store.proposals.get(proposal_id)
    if (
        proposal is None
        or not can(context.grants, Action.REVIEW, scope_of(proposal))
        or not may_see(Viewer(person.id, context.grants), proposal)
    ):
        return None
    return proposal


async def _block_author(
    update: Update, context: CydlaisContext, person: Person, proposal: Proposal
) -> bool:
    scope = scope_of(proposal)
    if proposal.author_id is None or not can(context.grants, Action.BLOCK_USER, scope):
        await replies.stale(update, context)
        return False
    await context.store.moderation.set_blocked(
        proposal.author_id, person, blocked=True, reason=proposal.ref, scope=scope
    )
    await replies.notice(update, views.author_paused(context.t, proposal))
    return True


async def on_hide_reason(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """The reason for hiding arrived: hide the proposal (or the answer)."""
    message = update.effective_message
    assert message is not None and message.text is not None
    reason = message.text.strip()[:500]
    state = HideReason.from_json(stored)
    await context.store.conversations.clear(person)
    if state is not None and state.answer is not None:
        await _hide_answer(update, context, person, state.answer, reason)
        return
    proposal_id = state.proposal if state is not None and state.proposal else 0
    proposal = await _reviewable(context, person, proposal_id)
    if proposal is None:
        await refuse_non_convenor(update, context)
        return
    if not reason:
        await replies.send(update, views.reason_needed(context.t))
        return
    await context.store.moderation.set_hidden(proposal.id, person, hidden=True, reason=reason)
    await replies.send(update, views.proposal_hidden(context.t, proposal))
    await _show(update, context, 0)


async def _hide_answer(
    update: Update, context: CydlaisContext, person: Person, answer_id: int, reason: str
) -> None:
    prompt_id = await context.store.prompts.of_answer(answer_id)
    prompt = await context.store.prompts.get(prompt_id) if prompt_id else None
    if prompt is None or not can(context.grants, Action.REVIEW, scope_of(prompt)):
        await refuse_non_convenor(update, context)
        return
    if not reason:
        await replies.send(update, views.reason_needed(context.t))
        return
    await context.store.moderation.hide_answer(answer_id, person, reason)
    await replies.send(update, views.answer_hidden(context.t))


@on_button(SeePhoto)
async def photo_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: SeePhoto
) -> None:
    """📷 See the photo: for the proposal's forum side's convenors and the council's officers
    (from /review or /status); anyone else gets what a stale button gets."""
    proposal = await context.store.proposals.get(pressed.proposal_id)
    grants = context.grants
    if (
        proposal is None
        or proposal.photo_file_id is None
        or not (can(grants, Action.REVIEW, scope_of(proposal)) or can(grants, Action.SET_STATUS))
    ):
        await replies.stale(update, context)
        return
    await replies.notice(update)
    await replies.photo(update, proposal.photo_file_id, photos.caption(context.t, proposal))
