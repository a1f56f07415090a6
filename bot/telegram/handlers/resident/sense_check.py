"""A member's answer to a quick sense check: one tap (changeable), and after "concerned" an
optional reason (a stored flow; /cancel leaves it at the tap)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.domain.people import Person
from bot.domain.sense_checks import REASON_MOST, Feeling
from bot.telegram import replies
from bot.telegram.buttons import on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.sender import side_of
from bot.telegram.views import sense_check as views
from bot.telegram.views.sense_check import Feel


@dataclass(frozen=True)
class GivingReason(FlowState, flow="sense_reason"):
    """ "Concerned" was tapped; the reason may come next."""

    check_id: int


@on_button(Feel)
async def feel_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: Feel
) -> None:
    """Good / not sure / concerned: kept once per person (a second tap changes it)."""
    check = await context.store.sense_checks.get(pressed.check_id)
    side = side_of(person, context)
    if check is None or not await context.store.sense_checks.tap(
        check, person, side, pressed.feeling
    ):
        await replies.refuse(update, views.not_for_you(context.t))
        return
    await replies.notice(update, views.thanks(context.t))
    forum = context.config.forum(check.forum_id)
    name = forum.name(context.t.language) if forum else check.forum_id
    view = views.invitation(context.t, check, name, pressed.feeling)
    await replies.edit_keyboard(update, view.keyboard)
    if pressed.feeling is Feeling.CONCERNED:
        state = GivingReason(check.id)
        await context.store.conversations.set(person, state.flow, state.to_json())
        await replies.send(update, views.ask_reason(context.t))


async def on_reason_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """The reason: kept with their "concerned" tap, or given back if too long."""
    message = update.effective_message
    assert message is not None and message.text is not None
    text = message.text.strip()
    if len(text) > REASON_MOST:
        await replies.send(update, views.reason_too_long(context.t))
        await replies.give_back(update, text)
        return
    state = GivingReason.from_json(stored)
    await context.store.conversations.clear(person)
    if state is None or not await context.store.sense_checks.reason(state.check_id, person, text):
        await replies.stale(update, context)
        return
    await replies.send(update, views.reason_kept(context.t))
