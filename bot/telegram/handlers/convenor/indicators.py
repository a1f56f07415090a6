"""Convenors decide on their forum's indicators from /indicators: approve a young person's
suggestion, adopt one (then tag it with a well-being goal), drop one, or stop asking one.
A convenor of either side of the forum decides (indicators are asked of both sides)."""

from __future__ import annotations

from telegram import Update

from bot.config import WELLBEING_GOALS
from bot.domain.indicators import Adoption, IndicatorState
from bot.domain.people import Person, Side
from bot.domain.roles import Action, Scope, can
from bot.telegram import replies
from bot.telegram.buttons import on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.resident.indicators import show_list
from bot.telegram.views import indicators as views
from bot.telegram.views.indicators import DecideIndicator, Decision, PickGoal

STATES = {
    Decision.APPROVE: IndicatorState.SUGGESTED,
    Decision.DROP: IndicatorState.DROPPED,
    Decision.RETIRE: IndicatorState.RETIRED,
}


def decides(context: CydlaisContext, forum_id: str) -> bool:
    """A convenor (review permission) of either side of the forum."""
    return any(can(context.grants, Action.REVIEW, Scope(forum_id, s)) for s in Side)


@on_button(DecideIndicator)
async def decide_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: DecideIndicator
) -> None:
    """Approve, drop or stop asking at once; adopting asks for the goal first."""
    found = await context.store.indicators.get(pressed.indicator_id)
    if found is None or not decides(context, found.forum_id):
        await replies.refuse(update, context.t._("Sorry, only forum convenors can do that."))
        return
    if pressed.decision is Decision.ADOPT:
        await replies.notice(update)
        await replies.show(update, views.choose_goal(context.t, context.config, found))
        return
    outcome = await context.store.indicators.decide(found.id, STATES[pressed.decision], person)
    await _after(update, context, person, outcome)


@on_button(PickGoal)
async def goal_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: PickGoal
) -> None:
    """Adopt, tagged with the goal (checked: the button may be forged)."""
    found = await context.store.indicators.get(pressed.indicator_id)
    if found is None or pressed.goal not in WELLBEING_GOALS:
        await replies.stale(update, context)
        return
    if not decides(context, found.forum_id):
        await replies.refuse(update, context.t._("Sorry, only forum convenors can do that."))
        return
    outcome = await context.store.indicators.decide(
        found.id, IndicatorState.ADOPTED, person, pressed.goal
    )
    await _after(update, context, person, outcome)


async def _after(
    update: Update, context: CydlaisContext, person: Person, outcome: Adoption
) -> None:
    """Say how it went, then show the list as it is now."""
    full, gone = outcome is Adoption.FULL, outcome is Adoption.GONE
    await replies.notice(update, views.decided(context.t, full, gone), alert=full)
    await show_list(update, context, person)
