"""/meeting: a convenor records a proposal raised at an in-person forum meeting.

It goes through the same writing flow as a resident's proposal and is marked as meeting input,
so offline and online ideas land in one tally. Only into a forum side the convenor convenes:
checked when the side is chosen and again at Send (``resident.write``), whatever buttons
were pressed on the way.

A paused convenor may not record meeting input. It is stored with the convenor as its author,
and a pause means nothing new goes into the forums under that person's name (see
``bot.domain.roles.POSTING_ACTIONS``); a pause takes no role away, so their other convenor
work goes on. To stop someone convening, take the role away instead.
"""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Side
from bot.domain.roles import Action, Scope, can, scopes
from bot.telegram import keyboards
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.resident.write import Draft, Step, ask_for_text
from bot.telegram.replies import answer_button, reply, stale_button
from bot.telegram.sender import require_may_post, require_person


async def _refuse(update: Update, context: CydlaisContext) -> None:
    """Say why not: a paused convenor hears about the pause, anyone else that it is for
    convenors."""
    grants = context.grants
    if grants.blocked and (grants.convenes or grants.admin):
        await require_may_post(update, context)
        return
    text = context.t._("Sorry, only forum convenors can record meeting input.")
    if update.callback_query is not None:
        await answer_button(update, text, alert=True)
    else:
        await reply(update, text)


async def meeting_command(update: Update, context: CydlaisContext) -> None:
    """/meeting: choose which forum (and side) the meeting was, then write the proposal."""
    person = await require_person(update, context)
    if person is None:
        return
    targets = scopes(context.grants, context.config, Action.MEETING_INPUT)
    if not targets:
        await _refuse(update, context)
        return
    keyboard = keyboards.forum_sides(
        context.t,
        context.config.forums,
        [(c.forum_id, c.side.value) for c in targets],
        lambda forum_id, side: keyboards.data(keyboards.MEETING, forum_id, side),
    )
    await reply(update, context.t._("Which forum's meeting was it?"), keyboard)


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
    if not can(context.grants, Action.MEETING_INPUT, Scope(parts[1], side)):
        await _refuse(update, context)
        return
    await answer_button(update)
    draft = Draft(Step.TEXT, side, forum=parts[1], meeting=True)
    await ask_for_text(update, context, person, draft)
