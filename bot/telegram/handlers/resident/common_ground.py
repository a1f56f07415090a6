"""Taking part in a conversation: /conversations, adding a statement, voting one statement at a
time. A vote counts once per person and statement (a second press changes it); a young
person's statement waits for a youth convenor before anyone is dealt it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.domain.common_ground import Round, StatementProblem, Vote, VoteOutcome
from bot.domain.people import Person, Side
from bot.domain.roles import Scope, configured_reviewers
from bot.telegram import replies
from bot.telegram.buttons import on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.sender import posts_wait_for_approval, require_may_post, require_member, side_of
from bot.telegram.views import common_ground as views
from bot.telegram.views.common_ground import InRound, RoundAction, VoteChoice, VoteOn

VOTES = {
    VoteChoice.AGREE: Vote.AGREE,
    VoteChoice.DISAGREE: Vote.DISAGREE,
    VoteChoice.PASS: Vote.PASS,
}


@dataclass(frozen=True)
class WritingStatement(FlowState, flow="statement"):
    """ "Add a statement" was pressed; the words come next."""

    round_id: int


def forum_name(context: CydlaisContext, forum_id: str) -> str:
    """A forum's name in the reader's language."""
    forum = context.config.forum(forum_id)
    return forum.name(context.t.language) if forum else forum_id


async def conversations_command(update: Update, context: CydlaisContext) -> None:
    """/conversations: what is open in the member's forums, on their side."""
    person = await require_member(update, context)
    if person is None:
        return
    found = await context.store.rounds.open_for(
        person, side_of(person, context), context.services.clock.now()
    )
    if not found:
        await replies.send(update, views.none_open(context.t))
        return
    named = [(r, forum_name(context, r.forum_id)) for r in found]
    await replies.send(update, views.open_list(context.t, named))


async def _usable(
    update: Update, context: CydlaisContext, person: Person, round_id: int
) -> Round | None:
    """The conversation, if the member takes part in it and it is still open (else answered)."""
    found = await context.store.rounds.get(round_id)
    side = side_of(person, context)
    member = found is not None and found.forum_id in await context.store.forums.memberships(person)
    if found is None or not member or not found.side.includes(side):
        await replies.stale(update, context)
        return None
    if not found.is_open(context.services.clock.now()):
        await replies.notice(update)
        await replies.show(update, views.closed(context.t, found))
        return None
    return found


@on_button(InRound)
async def round_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: InRound
) -> None:
    """Vote, add a statement, or stop for now."""
    found = await _usable(update, context, person, pressed.round_id)
    if found is None:
        return
    await replies.notice(update)
    if pressed.action is RoundAction.STOP:
        await replies.show(update, views.stopped(context.t, found))
    elif pressed.action is RoundAction.VOTE:  # the invitation stays; the cards come below it
        await deal_next(update, context, person, found, in_place=False)
    elif await require_may_post(update, context):
        state = WritingStatement(found.id)
        await context.store.conversations.set(person, state.flow, state.to_json())
        await replies.send(update, views.ask_statement(context.t, found))


async def deal_next(
    update: Update, context: CydlaisContext, person: Person, found: Round, in_place: bool = True
) -> None:
    """Show the next statement: in place of the card just voted on, or as a new message."""
    dealt = await context.store.rounds.deal(found, person)
    if dealt.statement is None:
        view = views.all_seen(context.t, found)
    else:
        view = views.deal(context.t, dealt.statement, dealt.remaining)
    await (replies.show if in_place else replies.send)(update, view)


@on_button(VoteOn)
async def vote_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: VoteOn
) -> None:
    """Agree / disagree / pass (or report), then the next statement."""
    vote = VOTES.get(pressed.choice)
    statement = await context.store.rounds.statement(pressed.statement_id)
    found = await context.store.rounds.get(statement.round_id) if statement else None
    reviewers: tuple[int, ...] = ()
    if statement is not None and found is not None:
        scope = Scope(found.forum_id, statement.side or Side.ADULT)
        reviewers = configured_reviewers(context.config, scope)
    outcome, found = await context.store.rounds.vote(
        pressed.statement_id, person, side_of(person, context), vote, reviewers
    )
    if found is None or outcome is VoteOutcome.GONE:
        await replies.refuse(update, views.outcome(context.t, VoteOutcome.GONE))
        return
    if outcome is VoteOutcome.CLOSED:
        await replies.notice(update)
        await replies.show(update, views.closed(context.t, found))
        return
    if outcome is VoteOutcome.OWN:
        await replies.refuse(update, views.outcome(context.t, outcome))
        return
    text = views.reported(context.t) if vote is None else views.outcome(context.t, outcome)
    await replies.notice(update, text)
    await deal_next(update, context, person, found)
    if vote is None:
        await context.deliver_outbox()  # the convenors' notice


async def on_statement_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """The statement's words: checked, stored, then acknowledged (or given back)."""
    message = update.effective_message
    assert message is not None and message.text is not None
    state = WritingStatement.from_json(stored)
    found = await context.store.rounds.get(state.round_id) if state else None
    if found is None or not found.is_open(context.services.clock.now()):
        await context.store.conversations.clear(person)
        await replies.stale(update, context)
        return
    side = side_of(person, context)
    waiting = posts_wait_for_approval(person, context)
    reviewers = configured_reviewers(context.config, Scope(found.forum_id, side))
    added = await context.store.rounds.add_statement(
        found.id, person, side, message.text, context.t.language,
        reviewers if waiting else None,
    )  # fmt: skip
    if isinstance(added, StatementProblem):  # the flow keeps waiting for another try
        await replies.send(update, views.statement_problem(context.t, added))
        if added in (StatementProblem.TOO_LONG, StatementProblem.LINK):
            await replies.give_back(update, message.text)
        return
    await context.store.conversations.clear(person)
    await replies.send(update, views.statement_added(context.t, found, waiting))
    if waiting:
        await context.deliver_outbox()  # the youth convenors' notice
