"""Supporters follow what they support; a button under each piece of news stops it."""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Person
from bot.domain.proposals import reference
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.views import follow as views
from bot.telegram.views.follow import StopFollowing


@on_button(StopFollowing, Who.PERSON)
async def stop_following_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: StopFollowing
) -> None:
    """No more news about this proposal (the support itself stays)."""
    if not await context.store.accountability.set_following(pressed.proposal_id, person, False):
        await replies.stale(update, context)
        return
    await replies.notice(update)
    await replies.edit_keyboard(update, None)
    await replies.send(update, views.stopped(context.t, reference(pressed.proposal_id)))
