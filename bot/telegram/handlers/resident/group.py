"""Proposals written in a forum's group: ``/propose <text>``, or a reply to the bot's
invitation to write one (``/propose`` alone).

What became of a proposal is told to its author privately. The group sees the same thanks
whoever wrote it and whatever happened, so it never learns that the writer is young (their
proposal waits for a youth convenor: "other residents never see your age") or paused.
"""

from __future__ import annotations

from telegram import Update
from telegram.error import TelegramError

from bot.domain.people import Person
from bot.domain.proposals import ProposalDraft, Status, clean_text, initial_status
from bot.domain.roles import Action, can
from bot.telegram import replies
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.resident.write import create, explain_text_problem, notify_reviewers
from bot.telegram.sender import paused_text, posts_wait_for_approval, side_of
from bot.telegram.views import View
from bot.telegram.views import writing as views

INVITATION = "proposal_invite"  # what the bot remembers its invitation to reply as


async def group_propose_command(update: Update, context: CydlaisContext) -> None:
    """/propose <text> in a forum's group: the proposal goes straight into that forum."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    linked = context.config.forum_for_chat(chat.id, message.message_thread_id)
    if linked is None:
        await replies.send(update, views.not_linked(context.t))
        return
    forum, side = linked
    text = clean_text(" ".join(context.args or []))
    if not text:
        invitation = views.group_invitation(context.t)
        sent = await message.reply_text(invitation.text)
        await context.store.posts.record(chat.id, sent.message_id, INVITATION, forum.id, side)
        return
    await group_proposal(update, context, forum.id, text)


async def group_proposal(
    update: Update, context: CydlaisContext, forum_id: str, text: str
) -> None:
    """Take a proposal written in a group (with /propose, or as a reply to the bot)."""
    person = context.person
    if person is None or not person.onboarded:
        await join_first(update, context)
        return
    text = clean_text(text)
    if await explain_text_problem(update, context, text):
        return  # about the words everyone in the group has just read
    outcome = await _store(context, person, forum_id, text)
    if await tell_privately(context, person, outcome):
        await replies.send(update, views.told_privately(context.t))
    else:
        await replies.send(update, views.open_private_chat(context.t, context.bot.username))


async def _store(context: CydlaisContext, person: Person, forum_id: str, text: str) -> View:
    """Store a group proposal (unless the person is paused); what its author alone is told."""
    if not can(context.grants, Action.PROPOSE):
        return View(paused_text(context))
    side = side_of(person, context)
    draft = ProposalDraft(
        forum_id=forum_id,
        side=side,
        author_id=person.id,
        text=text,
        language=person.language,
        status=initial_status(side, False, posts_wait_for_approval(person, context)),
    )
    outcome = await create(context, draft)  # a private draft in progress is kept
    if outcome is None:
        return views.group_daily_limit(context.t)
    proposal, created = outcome
    if created and proposal.status is Status.SUBMITTED:
        await notify_reviewers(context, proposal)
    return views.group_result(context.t, context.config, proposal, created)


async def tell_privately(
    context: CydlaisContext, person: Person, view: View, plain: bool = False
) -> bool:
    """Send ``view`` to the person's private chat (``plain``: their own words, not HTML);
    False if it cannot reach them there (they blocked the bot, or have no private chat with it
    any more)."""
    try:
        if plain:
            await context.bot.send_message(person.telegram_id, view.text, parse_mode=None)
        else:
            await context.bot.send_message(
                person.telegram_id, view.text, reply_markup=view.keyboard
            )
    except TelegramError:
        return False
    return True


async def join_first(update: Update, context: CydlaisContext) -> None:
    """Someone who has not joined wrote in a group: point them to the private chat."""
    await replies.send(update, views.join_first(context.t, context.bot.username))
