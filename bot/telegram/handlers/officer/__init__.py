"""Handlers for council officers."""

from __future__ import annotations

from telegram import Chat, Update

from bot.domain.roles import Action, can
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import reply
from bot.telegram.sender import require_person


async def officer_chat(
    update: Update, context: CydlaisContext, action: Action, refusal: str
) -> Chat | None:
    """The private chat to answer in, if the sender may take ``action``; else refuse politely."""
    if not can(context.grants, action):
        await reply(update, refusal)
        return None
    if await require_person(update, context) is None:
        return None
    return update.effective_chat
