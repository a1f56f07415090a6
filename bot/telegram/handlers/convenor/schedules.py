"""/schedule: convenors set up recurring check-ins for their forum, list and cancel them."""

from __future__ import annotations

from telegram import Update

from bot.domain.roles import Action, can, scope_of
from bot.render import prompts as render
from bot.services import check_ins
from bot.telegram import keyboards
from bot.telegram.callbacks import parse_id
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.convenor import compose
from bot.telegram.keyboards import Keyboard
from bot.telegram.replies import answer_button, edit_or_reply, stale_button
from bot.telegram.scheduling import unplan_checkin


async def schedule_command(update: Update, context: CydlaisContext) -> None:
    """/schedule: a new check-in, or the list of check-ins."""
    t = context.t
    choices = [
        keyboards.button("➕ " + t._("New check-in"), keyboards.SCHEDULE, "new"),
        keyboards.button("📋 " + t._("Check-ins"), keyboards.SCHEDULE, "list"),
    ]
    question = t._("Check-ins send a prompt to your forum on a regular day and time.")
    await compose.convenor_menu(update, context, Action.SCHEDULE, question, choices)


async def schedule_button(update: Update, context: CydlaisContext) -> None:
    """New check-in, list, or cancel one."""
    pressed = await compose.convenor_button(update, context, Action.SCHEDULE)
    if pressed is None:
        return
    person, parts = pressed
    if parts[1:] == ["new"]:
        await answer_button(update)
        await compose.begin(update, context, person, compose.CHECKIN)
    elif parts[1:] == ["list"]:
        await answer_button(update)
        await _list(update, context)
    elif len(parts) == 3 and parts[1] == "x" and (schedule := parse_id(parts[2])) is not None:
        await _cancel(update, context, schedule)
    else:
        await stale_button(update, context)


async def _list(update: Update, context: CydlaisContext) -> None:
    t = context.t
    services = context.services
    mine = [
        s
        for s in await context.store.schedules.active()
        if can(context.grants, Action.SCHEDULE, scope_of(s))
    ]
    if not mine:
        await edit_or_reply(update, t._("There are no check-ins yet."))
        return
    checkins = [(s, await check_ins.next_checkin(services, s)) for s in mine]
    text, shown = render.schedule_list(t, context.config, checkins)
    rows = [
        [
            keyboards.button(
                "✖️ " + t._("Cancel check-in {number}", number=number),
                keyboards.SCHEDULE, "x", schedule.id,
            )
        ]
        for number, schedule in enumerate(mine[:shown], start=1)
    ]  # fmt: skip
    await edit_or_reply(update, text, Keyboard(rows))


async def _cancel(update: Update, context: CydlaisContext, schedule_id: int) -> None:
    schedule = await context.store.schedules.get(schedule_id)
    if schedule is None:
        await stale_button(update, context)
        return
    if not can(context.grants, Action.SCHEDULE, scope_of(schedule)):
        await compose.refuse(update, context)
        return
    await context.store.schedules.cancel(schedule_id)
    unplan_checkin(context.application, schedule_id)
    await answer_button(update, context.t._("Check-in cancelled."))
    await _list(update, context)
