"""Answering "tell me about…" prompts: the Reply button under a prompt, Telegram's own
swipe-reply to it, or a reply to its post in a forum's group. (Answers simply typed, without
either, are in ``typed_answers``.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.domain.people import Person
from bot.domain.prompts import ANSWER_MAX, Prompt, answers_notice
from bot.domain.proposals import clean_text
from bot.domain.roles import Action, Scope, can, configured_convenors
from bot.telegram import replies
from bot.telegram.buttons import on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.handlers import fallbacks
from bot.telegram.handlers.resident.group import join_first, tell_privately
from bot.telegram.sender import side_of
from bot.telegram.views import View
from bot.telegram.views import answers as views
from bot.telegram.views.answers import Answer


@dataclass(frozen=True)
class AwaitingAnswer(FlowState, flow="answer"):
    """After Reply: the next text is the answer to this prompt (``prompt``: its id, the key
    older versions stored)."""

    prompt: int


@on_button(Answer)
async def reply_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: Answer
) -> None:
    """The Reply button under a prompt: ask for the answer."""
    prompt = await context.store.prompts.sent_to(person, pressed.prompt_id)
    if prompt is None:  # stale, or forged: a prompt sent to someone else (the youth side…)
        await replies.stale(update, context)
        return
    await replies.notice(update)
    await wait_for_answer(context, person, prompt)
    await replies.send(update, views.ask_for_answer(context.t, prompt))


async def wait_for_answer(context: CydlaisContext, person: Person, prompt: Prompt) -> None:
    """The next text the person sends is their answer to ``prompt``."""
    state = AwaitingAnswer(prompt.id)
    await context.store.conversations.set(person, state.flow, state.to_json())


async def on_answer_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """The answer arrived privately."""
    message = update.effective_message
    assert message is not None and message.text is not None
    state = AwaitingAnswer.from_json(stored)
    if state is None:
        await fallbacks.unreadable_flow(update, context, person)
        return
    prompt = await context.store.prompts.get(state.prompt)
    if prompt is None:
        await context.store.conversations.clear(person)
        await replies.send(update, views.prompt_gone(context.t))
        return
    if await store_answer(update, context, person, prompt, message.text, ends_conversation=True):
        await replies.send(update, views.thanks(context.t, context.config, prompt))


async def take_reply_to_prompt(
    update: Update,
    context: CydlaisContext,
    person: Person,
    flow: tuple[str, dict[str, Any]] | None,
) -> bool:
    """A swipe-reply in the private chat to a prompt (or its reminder) is the answer to it.

    Returns False when the message is not such a reply. Whatever flow the person is in stays
    as it was, unless it was waiting for this very answer.
    """
    message = update.effective_message
    target = message.reply_to_message if message is not None else None
    if message is None or message.text is None or target is None:
        return False
    prompt = await context.store.prompts.for_message(person, target.message_id)
    if prompt is None:
        return False
    waiting = AwaitingAnswer.of(flow)
    waiting_for_it = waiting is not None and waiting.prompt == prompt.id
    if await store_answer(
        update, context, person, prompt, message.text, ends_conversation=waiting_for_it
    ):
        await replies.send(update, views.thanks(context.t, context.config, prompt))
    return True


async def answer_in_group(update: Update, context: CydlaisContext, prompt_id: int) -> None:
    """A reply to a prompt's post in a forum group: an answer (thanked privately)."""
    message = update.effective_message
    person = context.person
    if message is None or message.text is None:
        return
    prompt = await context.store.prompts.get(prompt_id)
    if prompt is None:
        return
    if person is None or not person.onboarded:
        await join_first(update, context)
        return
    if await store_answer(update, context, person, prompt, message.text, in_group=True):
        await _tell(update, context, person, views.thanks(context.t, context.config, prompt), True)


async def store_answer(
    update: Update,
    context: CydlaisContext,
    person: Person,
    prompt: Prompt,
    raw: str,
    ends_conversation: bool = False,
    in_group: bool = False,
) -> bool:
    """Check and keep an answer (False, having told the person why, if it can't be kept)."""
    text = clean_text(raw)
    t = context.t
    if not can(context.grants, Action.ANSWER):
        await _tell(update, context, person, views.may_not_answer(t), in_group)
        return False
    if not text:
        await _tell(update, context, person, views.empty(t), in_group)
        return False
    if len(text) > ANSWER_MAX:
        await _tell(update, context, person, views.too_long(t, len(text)), in_group)
        await _tell(update, context, person, View(text), in_group, plain=True)  # verbatim
        return False
    config, scope = context.config, Scope(prompt.forum_id, prompt.side)
    quiet = config.prompts
    notice = answers_notice(
        context.services.clock.now(), config.council.timezone, quiet.quiet_start, quiet.quiet_end
    )
    await context.store.prompts.add_answer(
        prompt, person, side_of(person, context), person.language, text, ends_conversation,
        notice, configured_convenors(config, scope),
    )  # fmt: skip
    return True


async def _tell(
    update: Update,
    context: CydlaisContext,
    person: Person,
    view: View,
    in_group: bool,
    plain: bool = False,
) -> None:
    """Answer the person: in private as usual; from a group, privately — the group must not
    learn that someone is paused or see their words repeated. Only if the private chat is
    closed does the group get a reply, one that says nothing about them."""
    if not in_group:
        await (replies.give_back(update, view.text) if plain else replies.send(update, view))
    elif not await tell_privately(context, person, view, plain=plain):
        await replies.send(update, views.message_waiting(context.t, context.bot.username))
