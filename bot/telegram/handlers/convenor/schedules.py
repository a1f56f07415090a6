"""/schedule: convenors set up recurring check-ins for their forum, list and cancel them."""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Person
from bot.domain.roles import Action, can, scope_of
from bot.render import prompts as render
from bot.services import check_ins
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.convenor import compose
from bot.telegram.scheduling import unplan_checkin
from bot.telegram.sender import refuse_non_convenor, require_convenor
from bot.telegram.views import View
from bot.telegram.views import prompting as views
from bot.telegram.views.prompting import CancelCheckin, CheckinList, NewCheckin


async def schedule_command(update: Update, context: CydlaisContext) -> None:
    """/schedule: a new check-in, or the list of check-ins."""
    if await require_convenor(update, context, Action.SCHEDULE) is not None:
        await replies.send(update, views.schedule_menu(context.t))


@on_button(NewCheckin, Who.PERSON)
async def new_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: NewCheckin
) -> None:
    """Set one up (the compose flow)."""
    await compose.begin(update, context, person, compose.Purpose.CHECKIN)


@on_button(CheckinList, Who.PERSON)
async def list_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: CheckinList
) -> None:
    """The check-ins in the convenor's forum sides."""
    await replies.notice(update)
    await _show_list(update, context)


async def _show_list(update: Update, context: CydlaisContext) -> None:
    """The check-ins, numbered, with their next dates and Cancel buttons."""
    mine = [
        s
        for s in await context.store.schedules.active()
        if can(context.grants, Action.SCHEDULE, scope_of(s))
    ]
    if not mine:
        await replies.show(update, View(context.t._("There are no check-ins yet.")))
        return
    checkins = [(s, await check_ins.next_checkin(context.services, s)) for s in mine]
    text, shown = render.schedule_list(context.t, context.config, checkins)
    await replies.show(update, views.checkin_list(context.t, text, [s.id for s in mine[:shown]]))


@on_button(CancelCheckin, Who.PERSON)
async def cancel_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: CancelCheckin
) -> None:
    """Cancel one check-in (its job goes too)."""
    schedule = await context.store.schedules.get(pressed.schedule_id)
    if schedule is None:
        await replies.stale(update, context)
        return
    if not can(context.grants, Action.SCHEDULE, scope_of(schedule)):
        await refuse_non_convenor(update, context)
        return
    await context.store.schedules.cancel(schedule.id)
    unplan_checkin(context.application, schedule.id)
    await replies.notice(update, context.t._("Check-in cancelled."))
    await _show_list(update, context)
