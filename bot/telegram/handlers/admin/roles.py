"""/roles: an admin sees who holds which role and revokes one given in the chat (logged in the
moderation log). Roles in the config file are listed too, and changed there."""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Person
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.sender import require_person
from bot.telegram.views import roles as views
from bot.telegram.views.roles import Revoke


async def _listing(update: Update, context: CydlaisContext) -> None:
    roles = context.config.roles
    ids = {*roles.admins, *roles.officers}
    for forum in context.config.forums:
        ids.update(forum.convenors, forum.youth_convenors)
    names = {}
    for telegram_id in ids:
        found = await context.store.people.get(telegram_id)
        if found is not None:
            names[telegram_id] = found.display_name
    given = await context.store.invites.holders()
    await replies.show(update, views.listing(context.t, context.config, given, names))


async def roles_command(update: Update, context: CydlaisContext) -> None:
    """/roles: both lists, for admins only."""
    if await require_person(update, context) is None:
        return
    if not context.grants.admin:
        await replies.refuse(update, views.only_admins(context.t))
        return
    await _listing(update, context)


@on_button(Revoke, Who.PERSON)
async def revoke_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: Revoke
) -> None:
    """Take the role away (an admin's own last admin role included: config admins remain)."""
    if not context.grants.admin:
        await replies.refuse(update, views.only_admins(context.t))
        return
    holder = await context.store.invites.revoke(pressed.grant_id, person)
    if holder is None:
        await replies.stale(update, context)
        return
    await replies.notice(update, views.revoked(context.t, context.config, holder))
    await _listing(update, context)
