"""The error handler: an unexpected error is logged and the person gets an apology."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType

from bot.store import current_update
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import reply
from bot.telegram.sender import resolve_sender

logger = logging.getLogger(__name__)


async def on_error(update: object, context: CydlaisContext) -> None:
    """Log first, then tell the person something went wrong, in their language."""
    update_id = update.update_id if isinstance(update, Update) else None
    current_update.set(None)
    logger.error("Error while handling update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update) or context.bot_data.services is None:
        return
    try:
        await resolve_sender(update, context)  # error handlers get a fresh context
    except Exception:
        logger.warning("Could not look up the sender of update %s", update_id)
    text = context.t._("Sorry, something went wrong on our side. Please try again in a moment.")
    try:
        if update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE:
            await reply(update, text)
    except Exception:  # the apology itself failed (Telegram down?): the log above is enough
        logger.warning("Could not tell update %s's sender about the error", update_id)
