"""/conversation: a convenor opens a conversation (forum side → days → language(s) → question
→ starting statements → open), sees results, and approves or hides statements.

Opening needs the prompt permission on every side the conversation reaches; moderating a
statement needs the review permission on its author's side (the convenor's own statements
count as the adult side's). The draft is a stored flow: a restart loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from telegram import Update

from bot.domain.common_ground import (
    OPEN_DAYS_CHOICES,
    QUESTION_MAX,
    Round,
    RoundSide,
    statement_problem,
)
from bot.domain.people import Person, Side
from bot.domain.prompts import PromptText
from bot.domain.roles import Action, Scope, can, scopes
from bot.services import common_ground as service
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.sender import require_person
from bot.telegram.views import common_ground as member_views
from bot.telegram.views import conversation as views
from bot.telegram.views import sense_check as sense_views
from bot.telegram.views.conversation import (
    SEEDS_MAX,
    Languages,
    NewRound,
    OpenRound,
    PickDays,
    PickLanguages,
    PickRoundScope,
)


class Step(StrEnum):
    """Where the convenor is in opening a conversation."""

    SCOPE = "scope"
    DAYS = "days"
    LANGUAGES = "languages"
    QUESTION_CY = "question_cy"
    QUESTION_EN = "question_en"
    SEEDS = "seeds"


@dataclass(frozen=True)
class RoundDraft(FlowState, flow="round_setup"):
    """A conversation being set up."""

    step: Step
    forum_id: str | None = None
    side: RoundSide | None = None
    days: int | None = None
    languages: Languages | None = None
    question_cy: str | None = None
    question_en: str | None = None
    seeds: tuple[str, ...] = ()


def sides_of(side: RoundSide) -> tuple[Side, ...]:
    """The forum sides a conversation reaches."""
    return (Side.ADULT, Side.YOUTH) if side is RoundSide.BOTH else (Side(side.value),)


def may_open(context: CydlaisContext, forum_id: str, side: RoundSide) -> bool:
    """The prompt permission on every side the conversation reaches."""
    return all(can(context.grants, Action.PROMPT, Scope(forum_id, s)) for s in sides_of(side))


def may_see(context: CydlaisContext, found: Round) -> bool:
    """Results: a convenor (prompt or review) of any side it reaches, or an officer."""
    return any(
        can(context.grants, action, Scope(found.forum_id, s))
        for s in sides_of(found.side)
        for action in (Action.PROMPT, Action.REVIEW, Action.DIGEST)
    )


def _forum(context: CydlaisContext, forum_id: str) -> str:
    forum = context.config.forum(forum_id)
    return forum.name(context.t.language) if forum else forum_id


async def _save(context: CydlaisContext, person: Person, draft: RoundDraft) -> None:
    await context.store.conversations.set(person, draft.flow, draft.to_json())


async def conversation_command(update: Update, context: CydlaisContext) -> None:
    """/conversation: their conversations with results, and "start a new one"."""
    allowed = scopes(context.grants, context.config, Action.PROMPT)
    if not allowed:
        await replies.refuse(update, context.t._("Sorry, only forum convenors can do that."))
        return
    if await require_person(update, context) is None:
        return
    found = await context.store.rounds.of(allowed)
    named = [(r, _forum(context, r.forum_id)) for r in found]
    checks = await context.store.sense_checks.of(allowed)
    more = [sense_views.start_button(context.t), *sense_views.result_buttons(context.t, checks)]
    await replies.send(update, views.menu(context.t, named, more))


@on_button(NewRound, Who.PERSON)
async def new_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: NewRound
) -> None:
    """Start: which forum side(s)?"""
    allowed = scopes(context.grants, context.config, Action.PROMPT)
    if not allowed:
        await replies.stale(update, context)
        return
    await _save(context, person, RoundDraft(Step.SCOPE))
    await replies.notice(update)
    await replies.show(update, views.choose_scope(context.t, context.config, allowed))


async def _draft_at(
    update: Update, context: CydlaisContext, person: Person, step: Step
) -> RoundDraft | None:
    """The stored draft if it is at ``step`` (any other button is out of date)."""
    draft = RoundDraft.of(await context.store.conversations.get(person))
    if draft is None or draft.step is not step:
        await replies.stale(update, context)
        return None
    return draft


@on_button(PickRoundScope, Who.PERSON)
async def scope_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: PickRoundScope
) -> None:
    """The forum side(s); checked against their permissions, as a button may be forged."""
    draft = await _draft_at(update, context, person, Step.SCOPE)
    if draft is None:
        return
    if not may_open(context, pressed.forum_id, pressed.side):
        await replies.refuse(update, context.t._("Sorry, only forum convenors can do that."))
        return
    draft = draft.replace(step=Step.DAYS, forum_id=pressed.forum_id, side=pressed.side)
    await _save(context, person, draft)
    await replies.notice(update)
    await replies.show(update, views.choose_days(context.t))


@on_button(PickDays, Who.PERSON)
async def days_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: PickDays
) -> None:
    """How long it stays open (only the offered choices)."""
    draft = await _draft_at(update, context, person, Step.DAYS)
    if draft is None:
        return
    if pressed.days not in OPEN_DAYS_CHOICES:
        await replies.stale(update, context)
        return
    await _save(context, person, draft.replace(step=Step.LANGUAGES, days=pressed.days))
    await replies.notice(update)
    await replies.show(update, views.choose_languages(context.t))


@on_button(PickLanguages, Who.PERSON)
async def languages_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: PickLanguages
) -> None:
    """Then the question, Welsh first when both."""
    draft = await _draft_at(update, context, person, Step.LANGUAGES)
    if draft is None:
        return
    first = Step.QUESTION_EN if pressed.languages is Languages.EN else Step.QUESTION_CY
    await _save(context, person, draft.replace(step=first, languages=pressed.languages))
    await replies.notice(update)
    language = "en" if first is Step.QUESTION_EN else "cy"
    await replies.show(update, views.ask_question(context.t, language))


async def on_setup_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """Text typed while setting up: the question(s), then starting statements."""
    message = update.effective_message
    assert message is not None and message.text is not None
    draft = RoundDraft.from_json(stored)
    text = message.text.strip()
    if draft is None or draft.step not in (Step.QUESTION_CY, Step.QUESTION_EN, Step.SEEDS):
        await replies.refuse(update, context.t._("Please use the buttons above, or /cancel."))
        return
    if draft.step is Step.SEEDS:
        await _seed(update, context, person, draft, text)
        return
    if not text or len(text) > QUESTION_MAX:
        await replies.send(update, views.question_too_long(context.t, len(text)))
        if text:
            await replies.give_back(update, text)
        return
    if draft.step is Step.QUESTION_CY:
        draft = draft.replace(question_cy=text)
        if draft.languages is Languages.BOTH:
            await _save(context, person, draft.replace(step=Step.QUESTION_EN))
            await replies.send(update, views.ask_question(context.t, "en"))
            return
    else:
        draft = draft.replace(question_en=text)
    await _save(context, person, draft.replace(step=Step.SEEDS))
    await replies.send(update, views.ask_seeds(context.t, ()))


async def _seed(
    update: Update, context: CydlaisContext, person: Person, draft: RoundDraft, text: str
) -> None:
    """One starting statement, checked as members' statements are."""
    problem = statement_problem(text, draft.seeds)
    if problem is not None:
        await replies.send(update, member_views.statement_problem(context.t, problem))
        return
    if len(draft.seeds) >= SEEDS_MAX:
        await replies.send(update, views.ask_seeds(context.t, draft.seeds))
        return
    draft = draft.replace(seeds=(*draft.seeds, text))
    await _save(context, person, draft)
    await replies.send(update, views.ask_seeds(context.t, draft.seeds))


@on_button(OpenRound, Who.PERSON)
async def open_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: OpenRound
) -> None:
    """Open it: stored, invitations queued, then confirmed (after the commit)."""
    draft = await _draft_at(update, context, person, Step.SEEDS)
    if draft is None:
        return
    assert draft.forum_id is not None and draft.side is not None and draft.days is not None
    if not may_open(context, draft.forum_id, draft.side):  # a role may have gone meanwhile
        await replies.refuse(update, context.t._("Sorry, only forum convenors can do that."))
        return
    language = context.t.language
    found, recipients = await service.open_round(
        context.services, draft.forum_id, draft.side,
        PromptText(draft.question_cy, draft.question_en), person.id, draft.days,
        [(seed, language) for seed in draft.seeds],
    )  # fmt: skip
    await context.store.conversations.clear(person)
    await replies.notice(update)
    forum = _forum(context, found.forum_id)
    await replies.show(update, views.opened(context.t, found, forum, recipients))
    await context.deliver_outbox()
