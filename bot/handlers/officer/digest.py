"""/digest: an officer asks for the community-strategy digest of the week so far."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatAction

from bot.context import CydlaisContext
from bot.delivery import send_digest
from bot.domain.periods import week_so_far
from bot.domain.roles import Action, can
from bot.handlers.guards import reply, require_person


async def digest_command(update: Update, context: CydlaisContext) -> None:
    """Send the digest for the current week so far."""
    if not can(context.grants, Action.DIGEST):
        await reply(update, context.t._("Sorry, the digest is for council officers."))
        return
    person = await require_person(update, context)
    chat = update.effective_chat
    if person is None or chat is None:
        return
    await chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    tz = context.config.council.timezone
    period = week_so_far(context.services.clock.now(), tz)
    await send_digest(context.bot, chat.id, context.services, context.t, period)
