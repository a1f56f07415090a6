"""/review: convenors approve young people's proposals, look at reported ones, hide, restore,
and pause people from posting. Every action is logged (who, what, when, why).

Convenors see only the forum sides they convene; youth-side items only youth convenors. Every
screen, list and button asks ``can`` with the forum side concerned (``scopes`` for the lists),
and what a proposal shows goes through ``may_see``: anything else looks like a stale button.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, Update

from bot.domain.moderation import ReviewItem
from bot.domain.people import Person
from bot.domain.proposals import ChangeResult, Proposal, Status
from bot.domain.roles import Action, Scope, can, configured_reviewers, scope_of, scopes
from bot.domain.visibility import Viewer, may_see, may_see_pause
from bot.i18n import unescape
from bot.render import proposals as render
from bot.telegram import keyboards
from bot.telegram.callbacks import parse_id
from bot.telegram.context import CydlaisContext
from bot.telegram.keyboards import Keyboard
from bot.telegram.replies import answer_button, edit_or_reply, reply, stale_button
from bot.telegram.sender import require_may_post, require_person

FLOW = "hide_reason"
REVIEW = keyboards.REVIEW
REPORT = keyboards.REPORT
LIST_LIMIT = 20


def _scopes(context: CydlaisContext, action: Action = Action.REVIEW) -> list[Scope]:
    return scopes(context.grants, context.config, action)


async def _refuse(update: Update, context: CydlaisContext) -> None:
    text = context.t._("Sorry, only forum convenors can do that.")
    if update.callback_query is not None:
        await answer_button(update, text, alert=True)
    else:
        await reply(update, text)


async def review_command(update: Update, context: CydlaisContext) -> None:
    """/review: the first item waiting for a convenor."""
    if not _scopes(context):
        await _refuse(update, context)
        return
    if await require_person(update, context) is not None:
        await _show(update, context, 0)


async def _show(update: Update, context: CydlaisContext, index: int) -> None:
    t = context.t
    items = await context.store.moderation.review_items(_scopes(context))
    more = [
        [
            keyboards.button("🙈 " + t._("Hidden items"), REVIEW, "hl"),
            keyboards.button("⛔ " + t._("Paused people"), REVIEW, "bk"),
        ]
    ]
    if not items:
        await edit_or_reply(
            update, t._("Nothing is waiting for review. Thank you!"), Keyboard(more)
        )
        return
    index = min(max(index, 0), len(items) - 1)
    item = items[index]
    text = (
        _describe(context, item)
        + "\n\n"
        + t._("Item {number} of {total}", number=index + 1, total=len(items))
    )
    rows = _actions(context, item)
    if len(items) > 1:
        rows.append([keyboards.button(t._("Next ▶️"), REVIEW, "i", (index + 1) % len(items))])
    await edit_or_reply(update, text, Keyboard(rows + more))


def _describe(context: CydlaisContext, item: ReviewItem) -> str:
    t = context.t
    card = render.card(t, context.config, item.proposal, full=True)
    if item.awaiting_approval:
        heading = t._("🆕 <b>Waiting for approval</b> (youth forum)")
    else:
        heading = t.n_(
            "⚑ <b>Reported by {count} member</b>",
            "⚑ <b>Reported by {count} members</b>",
            item.reports,
        )
    return f"{heading}\n\n{card}"


def _actions(context: CydlaisContext, item: ReviewItem) -> list[list[InlineKeyboardButton]]:
    t = context.t
    pid = item.proposal.id
    first = (
        keyboards.button("✅ " + t._("Approve"), REVIEW, "ap", pid)
        if item.awaiting_approval
        else keyboards.button("👍 " + t._("Keep"), REVIEW, "ok", pid)
    )
    rows = [[first, keyboards.button("🙈 " + t._("Hide"), REVIEW, "hd", pid)]]
    proposal = item.proposal
    if proposal.author_id is not None and can(
        context.grants, Action.BLOCK_USER, scope_of(proposal)
    ):
        rows.append([keyboards.button("⛔ " + t._("Pause the author"), REVIEW, "bl", pid)])
    return rows


async def review_button(update: Update, context: CydlaisContext) -> None:
    """Every button of the review screens."""
    person = await require_person(update, context)
    if person is None:
        return
    parts = (update.callback_query.data or "").split(":") if update.callback_query else []
    action = parts[1] if len(parts) > 1 else ""
    number = parse_id(parts[2]) if len(parts) == 3 else None
    if not _scopes(context):  # a resident pressing (or forging) a convenor's button
        await _refuse(update, context)
    elif action == "i" and number is not None:
        await answer_button(update)
        await _show(update, context, number)
    elif action == "hl":
        await answer_button(update)
        await _hidden_list(update, context)
    elif action == "bk":
        await answer_button(update)
        await _blocked_list(update, context)
    elif action == "ub" and number is not None:
        await _unblock(update, context, person, number)
    elif action in ("ap", "ok", "hd", "rs", "bl") and number is not None:
        await _on_proposal(update, context, person, action, number)
    else:
        await stale_button(update, context)


async def _on_proposal(
    update: Update, context: CydlaisContext, person: Person, action: str, proposal_id: int
) -> None:
    proposal = await _reviewable(context, person, proposal_id)
    if proposal is None:
        await stale_button(update, context)
        return
    t = context.t
    if action == "ap":
        change = await context.store.proposals.change_status(
            proposal.id, Status.OPEN, person, "", expected=Status.SUBMITTED
        )
        if change.result is not ChangeResult.CHANGED:
            await stale_button(update, context)
            return
        await answer_button(update, t._("{ref} is now open for support.", ref=proposal.ref))
        await context.deliver_outbox()
    elif action == "ok":
        await context.store.moderation.keep(proposal.id, person)
        await answer_button(update, t._("{ref} stays as it is.", ref=proposal.ref))
    elif action == "hd":
        await answer_button(update)
        await context.store.conversations.set(person, FLOW, {"proposal": proposal.id})
        await reply(
            update,
            t._(
                "Why are you hiding {ref}? Write a short reason "
                "(it is kept in the moderation log).",
                ref=proposal.ref,
            ),
        )
        return
    elif action == "rs":
        await context.store.moderation.set_hidden(proposal.id, person, hidden=False, reason="")
        await answer_button(update, t._("{ref} is visible again.", ref=proposal.ref))
        await _hidden_list(update, context)
        return
    elif action == "bl":
        await _block_author(update, context, person, proposal)
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
) -> None:
    t = context.t
    scope = scope_of(proposal)
    if proposal.author_id is None or not can(context.grants, Action.BLOCK_USER, scope):
        await stale_button(update, context)
        return
    await context.store.moderation.set_blocked(
        proposal.author_id, person, blocked=True, reason=proposal.ref, scope=scope
    )
    await answer_button(update, t._("The author of {ref} can no longer post.", ref=proposal.ref))


async def on_hide_reason(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any]
) -> None:
    """The reason for hiding arrived: hide the proposal (or the answer)."""
    message = update.effective_message
    assert message is not None and message.text is not None
    reason = message.text.strip()[:500]
    await context.store.conversations.clear(person)
    if "answer" in state:
        await _hide_answer(update, context, person, int(state["answer"]), reason)
        return
    proposal = await _reviewable(context, person, int(state.get("proposal", 0)))
    if proposal is None:
        await reply(update, context.t._("Sorry, only forum convenors can do that."))
        return
    if not reason:
        await reply(
            update, context.t._("A reason is needed to hide something. Nothing was hidden.")
        )
        return
    await context.store.moderation.set_hidden(proposal.id, person, hidden=True, reason=reason)
    await reply(
        update,
        context.t._(
            "{ref} is hidden. It stays counted as hidden in the digest.", ref=proposal.ref
        ),
    )
    await _show(update, context, 0)


async def _hide_answer(
    update: Update, context: CydlaisContext, person: Person, answer_id: int, reason: str
) -> None:
    prompt_id = await context.store.prompts.of_answer(answer_id)
    prompt = await context.store.prompts.get(prompt_id) if prompt_id else None
    if prompt is None or not can(context.grants, Action.REVIEW, scope_of(prompt)):
        await reply(update, context.t._("Sorry, only forum convenors can do that."))
        return
    if not reason:
        await reply(
            update, context.t._("A reason is needed to hide something. Nothing was hidden.")
        )
        return
    await context.store.moderation.hide_answer(answer_id, person, reason)
    await reply(update, context.t._("The answer is hidden. It stays counted in the figures."))


async def _hidden_list(update: Update, context: CydlaisContext) -> None:
    t = context.t
    hidden = await context.store.moderation.hidden(_scopes(context))
    if not hidden:
        await edit_or_reply(update, t._("Nothing is hidden."))
        return
    shown = hidden[:LIST_LIMIT]
    rows = [
        [keyboards.button("↩️ " + t._("Restore {ref}", ref=p.ref), REVIEW, "rs", p.id)]
        for p in shown
    ]
    await edit_or_reply(update, render.hidden_list(t, context.config, shown), Keyboard(rows))


async def _blocked_list(update: Update, context: CydlaisContext) -> None:
    """The people paused in the forum sides this person may pause in: it names them, so a
    young person appears only to the youth convenors of the forum they were paused in."""
    t = context.t
    allowed = _scopes(context, Action.BLOCK_USER)
    if not allowed:
        await _refuse(update, context)
        return
    paused = [
        p
        for p in await context.store.moderation.paused_people(
            allowed, context.grants.admin, LIST_LIMIT
        )
        if may_see_pause(context.grants, p)
    ]
    if not paused:
        await edit_or_reply(update, t._("Nobody is paused."))
        return
    rows = [
        [
            keyboards.button(
                unescape(t._("Let {name} post again", name=p.person.display_name)),
                REVIEW,
                "ub",
                p.person.id,
            )
        ]
        for p in paused
    ]
    await edit_or_reply(update, t._("<b>Paused people</b>"), Keyboard(rows))


async def _unblock(
    update: Update, context: CydlaisContext, person: Person, person_id: int
) -> None:
    paused = await context.store.moderation.paused_person(person_id)
    if paused is None or not may_see_pause(context.grants, paused):
        await stale_button(update, context)  # as for someone who is not paused at all
        return
    changed = await context.store.moderation.set_blocked(
        person_id, person, blocked=False, reason=""
    )
    await answer_button(update, context.t._("Done.") if changed else None)
    await _blocked_list(update, context)


async def report_button(update: Update, context: CydlaisContext) -> None:
    """A member reports a proposal to the forum's convenors."""
    person = await require_person(update, context)
    if person is None:
        return
    parts = keyboards.parse(
        update.callback_query.data if update.callback_query else None, REPORT, 2
    )
    proposal_id = parse_id(parts[1]) if parts else None
    proposal = await context.store.proposals.get(proposal_id) if proposal_id is not None else None
    if (
        proposal is None
        or proposal.hidden
        or not may_see(Viewer(person.id, context.grants), proposal)
    ):
        await stale_button(update, context)  # reporting cannot confirm a proposal exists
        return
    if not await require_may_post(update, context):
        return
    reviewers = configured_reviewers(context.config, scope_of(proposal))
    new = await context.store.moderation.report(proposal.id, person, reviewers)
    await answer_button(
        update,
        context.t._("Thank you. The forum's convenors will look at {ref}.", ref=proposal.ref),
        alert=True,
    )
    if new:
        await context.deliver_outbox()
