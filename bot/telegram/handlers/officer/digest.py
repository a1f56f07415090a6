"""/digest: an officer asks for the community-strategy digest of the week so far."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatAction

from bot.domain.periods import week_so_far
from bot.domain.roles import Action
from bot.telegram.context import CydlaisContext
from bot.telegram.delivery import send_digest
from bot.telegram.handlers.officer import officer_chat


async def digest_command(update: Update, context: CydlaisContext) -> None:
    """Send the digest for the current week so far."""
    refusal = context.t._("Sorry, the digest is for council officers.")
    chat = await officer_chat(update, context, Action.DIGEST, refusal)
    if chat is None:
        return
    await chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    tz = context.config.council.timezone
    period = week_so_far(context.services.clock.now(), tz)
    await send_digest(context.bot, chat.id, context.services, context.t, period)
