"""/decisions: "you said, we did" for every member — the council's decisions and replies in
their forums (their side of each), newest first, a page at a time."""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Person
from bot.telegram import replies
from bot.telegram.buttons import on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.sender import require_member, side_of
from bot.telegram.views import decisions as views
from bot.telegram.views.decisions import DecisionsPage


async def decisions_command(update: Update, context: CydlaisContext) -> None:
    """The first page."""
    person = await require_member(update, context)
    if person is not None:
        await replies.send(update, await _page(context, person, 0))


@on_button(DecisionsPage)
async def page_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: DecisionsPage
) -> None:
    """Older / Newer."""
    await replies.notice(update)
    await replies.show(update, await _page(context, person, pressed.page))


async def _page(context: CydlaisContext, person: Person, number: int) -> views.View:
    side = side_of(person, context).value
    scopes = [(forum, side) for forum in await context.store.forums.memberships(person)]
    number = max(0, number)
    found, total = await context.store.decisions.page(scopes, number * views.PAGE, views.PAGE)
    if not found and number > 0:  # a page that no longer exists (fewer now): the first
        number = 0
        found, total = await context.store.decisions.page(scopes, 0, views.PAGE)
    return views.page(context.t, context.config, found, total, number)
