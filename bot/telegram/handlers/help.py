"""/help (what this person can do, by role) and /cancel (leave the flow they are in)."""

from __future__ import annotations

from telegram import Update

from bot.telegram.context import CydlaisContext
from bot.telegram.replies import send
from bot.telegram.views import help as views


async def help_command(update: Update, context: CydlaisContext) -> None:
    """/help: what this person can do, grouped by their roles."""
    await send(update, views.help_text(context.t, context.grants, context.person is not None))


async def cancel_command(update: Update, context: CydlaisContext) -> None:
    """/cancel: leave whatever flow the person is in."""
    person = context.person
    cancelled = person is not None and await context.store.conversations.clear(person)
    await send(update, views.cancelled(context.t, cancelled))
