"""/meeting: a convenor records a proposal raised at an in-person forum meeting.

It goes through the same writing flow as a resident's proposal and is marked as meeting input,
so offline and online ideas land in one tally.
"""

from __future__ import annotations

from telegram import Update

from bot import keyboards
from bot.context import CydlaisContext
from bot.domain.people import Side
from bot.domain.roles import Action, can, convened_targets
from bot.handlers.guards import answer_button, reply, require_person, stale_button
from bot.handlers.resident.proposals import ask_for_text


async def meeting_command(update: Update, context: CydlaisContext) -> None:
    """/meeting: choose which forum (and side) the meeting was, then write the proposal."""
    person = await require_person(update, context)
    if person is None:
        return
    t = context.t
    if not can(context.grants, Action.MEETING_INPUT):
        await reply(update, t._("Sorry, only forum convenors can record meeting input."))
        return
    targets = convened_targets(context.grants, context.config, Action.MEETING_INPUT)
    keyboard = keyboards.forum_sides(
        t,
        context.config.forums,
        [(c.forum_id, c.side.value) for c in targets],
        lambda forum_id, side: keyboards.data(keyboards.MEETING, forum_id, side),
    )
    await reply(update, t._("Which forum's meeting was it?"), keyboard)


async def meeting_button(update: Update, context: CydlaisContext) -> None:
    """The forum and side were chosen: ask for the proposal's text."""
    person = await require_person(update, context)
    if person is None:
        return
    parts = keyboards.parse(
        update.callback_query.data if update.callback_query else None, keyboards.MEETING, 3
    )
    if (
        parts is None
        or context.config.forum(parts[1]) is None
        or parts[2] not in {s.value for s in Side}
    ):
        await stale_button(update, context)
        return
    side = Side(parts[2])
    if not can(context.grants, Action.MEETING_INPUT, parts[1], side):
        await answer_button(
            update,
            context.t._("Sorry, only forum convenors can record meeting input."),
            alert=True,
        )
        return
    await answer_button(update)
    state = {"forum": parts[1], "side": side.value, "meeting": True}
    await ask_for_text(update, context, person, state)
