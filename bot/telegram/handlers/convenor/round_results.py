"""A conversation's results for its convenors (text and chart), and the statements that wait
for them: a young person's to approve, a reported one to hide. Moderating a statement needs the
review permission on its author's side (starting statements count as the adult side's)."""

from __future__ import annotations

from telegram import Update

from bot.domain.common_ground import StatementState
from bot.domain.people import Person, Side
from bot.domain.roles import Action, Scope, can
from bot.render import common_ground as render
from bot.services import common_ground as service
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.convenor.conversation import may_see
from bot.telegram.views import conversation as views
from bot.telegram.views.conversation import Moderate, Moderation, ShowResults


@on_button(ShowResults, Who.PERSON)
async def results_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ShowResults
) -> None:
    """The results, then each statement that waits for this convenor."""
    found = await context.store.rounds.get(pressed.round_id)
    if found is None or not may_see(context, found):
        await replies.stale(update, context)
        return
    await replies.notice(update)
    outcome = await service.results(context.services, found)
    await replies.send(update, views.results(context.t, context.config, outcome))
    if outcome.results.votes:
        chart = render.chart_png(context.t, context.config, outcome)
        await replies.photo(update, chart, views.chart_caption(context.t))
    every = await context.store.rounds.statements(
        found.id, (StatementState.SHOWN, StatementState.WAITING)
    )
    reports = await context.store.rounds.reports(found.id)
    for statement in every:
        scope = Scope(found.forum_id, statement.side or Side.ADULT)
        waits = statement.state is StatementState.WAITING or statement.id in reports
        if waits and can(context.grants, Action.REVIEW, scope):
            view = views.waiting(context.t, statement, reports.get(statement.id, 0))
            await replies.send(update, view)


@on_button(Moderate, Who.PERSON)
async def moderate_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: Moderate
) -> None:
    """Approve or hide, if they review the statement's side."""
    statement = await context.store.rounds.statement(pressed.statement_id)
    found = await context.store.rounds.get(statement.round_id) if statement else None
    if statement is None or found is None:
        await replies.stale(update, context)
        return
    scope = Scope(found.forum_id, statement.side or Side.ADULT)
    if not can(context.grants, Action.REVIEW, scope):
        await replies.refuse(update, context.t._("Sorry, only forum convenors can do that."))
        return
    state = StatementState.SHOWN if pressed.action is Moderation.APPROVE else StatementState.HIDDEN
    if pressed.action is Moderation.APPROVE and statement.state is not StatementState.WAITING:
        await replies.stale(update, context)
        return
    await context.store.rounds.set_state(statement.id, state, person)
    await replies.notice(update, views.moderated(context.t, pressed.action))
    await replies.edit_keyboard(update, None)
