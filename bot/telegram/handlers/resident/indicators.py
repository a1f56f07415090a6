"""/indicators for members: their forums' indicators, backing suggestions, suggesting one, and
the one-tap answer to an indicator put with a check-in (a second tap changes it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.domain.indicators import SCALE, IndicatorState, QuestionProblem
from bot.domain.people import Person, Side
from bot.domain.roles import Action, Scope, can
from bot.telegram import replies
from bot.telegram.buttons import on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.sender import posts_wait_for_approval, require_may_post, require_member, side_of
from bot.telegram.views import indicators as views
from bot.telegram.views.indicators import BackIndicator, Rate, SuggestIndicator

LISTED = (IndicatorState.ADOPTED, IndicatorState.SUGGESTED, IndicatorState.WAITING)


@dataclass(frozen=True)
class SuggestingIndicator(FlowState, flow="indicator"):
    """ "Suggest one" was pressed for a forum; the question comes next."""

    forum_id: str


def deciders(context: CydlaisContext, forum_ids: list[str]) -> set[str]:
    """The forums whose indicators this person decides on (a convenor of either side)."""
    return {
        f
        for f in forum_ids
        if any(can(context.grants, Action.REVIEW, Scope(f, s)) for s in (Side.ADULT, Side.YOUTH))
    }


async def show_list(update: Update, context: CydlaisContext, person: Person) -> None:
    """The list: a member's forums, and any forum they convene."""
    forums = [f.id for f in context.config.forums]
    convened = deciders(context, forums)
    mine = await context.store.forums.memberships(person)
    shown = [f for f in forums if f in mine or f in convened]
    found = await context.store.indicators.of_forums(shown, LISTED)
    side = side_of(person, context)
    visible = [  # a young person's suggestion waiting for approval: its convenors, its author
        i for i in found
        if i.state is not IndicatorState.WAITING or i.forum_id in convened or i.side is side
    ]  # fmt: skip
    view = views.forum_list(context.t, context.config, shown, visible, convened, mine)
    await replies.show(update, view)


async def indicators_command(update: Update, context: CydlaisContext) -> None:
    """/indicators."""
    person = await require_member(update, context)
    if person is not None:
        await show_list(update, context, person)


@on_button(BackIndicator)
async def back_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: BackIndicator
) -> None:
    """Back a suggestion (a second tap takes it back); members of its forum only."""
    found = await context.store.indicators.get(pressed.indicator_id)
    if found is None or found.forum_id not in await context.store.forums.memberships(person):
        await replies.stale(update, context)
        return
    backing = await context.store.indicators.back(found.id, person)
    await replies.notice(update, views.backed(context.t, backing))
    await show_list(update, context, person)


@on_button(SuggestIndicator)
async def suggest_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: SuggestIndicator
) -> None:
    """The question comes next (a stored flow)."""
    forum = context.config.forum(pressed.forum_id)
    if forum is None or not await require_may_post(update, context):
        await replies.stale(update, context)
        return
    await replies.notice(update)
    state = SuggestingIndicator(forum.id)
    await context.store.conversations.set(person, state.flow, state.to_json())
    await replies.send(update, views.ask_question(context.t, forum.name(context.t.language)))


async def on_question_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """The suggested question: checked, stored, then acknowledged (or given back)."""
    message = update.effective_message
    assert message is not None and message.text is not None
    state = SuggestingIndicator.from_json(stored)
    if state is None or context.config.forum(state.forum_id) is None:
        await context.store.conversations.clear(person)
        await replies.stale(update, context)
        return
    side = side_of(person, context)
    waiting = posts_wait_for_approval(person, context)
    added = await context.store.indicators.suggest(
        state.forum_id, person, side, message.text, waiting
    )
    if isinstance(added, QuestionProblem):
        await replies.send(update, views.problem(context.t, added))
        if added is QuestionProblem.TOO_LONG:
            await replies.give_back(update, message.text)
        return
    await context.store.conversations.clear(person)
    await replies.send(update, views.suggested(context.t, waiting))


@on_button(Rate)
async def rate_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: Rate
) -> None:
    """One tap, 1–5: kept on the ask (only the person it was put to; changeable)."""
    if pressed.value not in SCALE:
        await replies.stale(update, context)
        return
    side = side_of(person, context)
    if not await context.store.indicators.answer(pressed.ask_id, person, side, pressed.value):
        await replies.refuse(update, views.not_asked(context.t))
        return
    await replies.notice(update, views.thanks(context.t))
    asked = await context.store.indicators.ask(pressed.ask_id)
    if asked is not None:
        indicator, _, given = asked
        forum = context.config.forum(indicator.forum_id)
        name = forum.name(context.t.language) if forum else indicator.forum_id
        view = views.question(context.t, indicator, name, pressed.ask_id, given)
        await replies.edit_keyboard(update, view.keyboard)
