"""/help (what this person can do, by role) and /cancel (leave the flow they are in)."""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Person
from bot.render.guides import guide_path
from bot.telegram.buttons import on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import document, notice, send, stale
from bot.telegram.views import help as views
from bot.telegram.views.help import GuideFor


async def help_command(update: Update, context: CydlaisContext) -> None:
    """/help: what this person can do, grouped by their roles."""
    await send(update, views.help_text(context.t, context.grants, context.person is not None))


@on_button(GuideFor)
async def guide_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: GuideFor
) -> None:
    """A role's guide as a file, for those who hold the role."""
    path = guide_path(pressed.role, context.t.language)
    if pressed.role not in context.grants.roles or path is None:
        await stale(update, context)
        return
    await notice(update)
    await document(update, path.read_bytes(), path.name)


async def cancel_command(update: Update, context: CydlaisContext) -> None:
    """/cancel: leave whatever flow the person is in."""
    person = context.person
    cancelled = person is not None and await context.store.conversations.clear(person)
    await send(update, views.cancelled(context.t, cancelled))
