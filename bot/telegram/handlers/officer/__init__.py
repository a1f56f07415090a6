"""Handlers for council officers."""

from __future__ import annotations

from telegram import Chat, Update

from bot.domain.people import Person
from bot.domain.roles import Action, can
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import refuse
from bot.telegram.sender import require_person


async def may(update: Update, context: CydlaisContext, action: Action, refusal: str) -> bool:
    """Whether the sender may take ``action``; if not, ``refusal`` is said politely."""
    if can(context.grants, action):
        return True
    await refuse(update, refusal)
    return False


async def officer(
    update: Update, context: CydlaisContext, action: Action, refusal: str
) -> Person | None:
    """The sender, if they may take ``action`` and have joined; else None, after saying why."""
    if not await may(update, context, action, refusal):
        return None
    return await require_person(update, context)


async def officer_chat(
    update: Update, context: CydlaisContext, action: Action, refusal: str
) -> Chat | None:
    """The private chat to answer in, if the sender may take ``action``; else refuse politely."""
    if await officer(update, context, action, refusal) is None:
        return None
    return update.effective_chat
