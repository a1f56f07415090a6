"""/setup CODE: the first administrator of a new install, with the code printed at start."""

from __future__ import annotations

from telegram import Update

from bot.domain.moderation import SetupResult
from bot.domain.roles import grants_from_config
from bot.telegram.commands import publish_personal_menu
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import send
from bot.telegram.sender import require_person
from bot.telegram.views import setup as views


async def setup_command(update: Update, context: CydlaisContext) -> None:
    """Redeem the setup code; nothing is used up by a wrong, empty or early attempt."""
    person = await require_person(update, context)  # they /start first; the code waits
    if person is None:
        return
    code = "".join(context.args or [])
    if not code:
        await send(update, views.how_to_use(context.t))
        return
    if context.config.roles.admins:
        result, wait = SetupResult.ALREADY_SET_UP, 0
    else:
        result, wait = await context.store.invites.redeem_setup_code(code, person)
    await send(update, views.result(context.t, result, wait))
    if result is SetupResult.ADMIN:
        stored = await context.store.invites.grants(person)
        grants = grants_from_config(person.telegram_id, context.config, stored)
        await publish_personal_menu(context.bot, person.telegram_id, context.t, grants)
