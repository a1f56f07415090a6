"""Answers simply typed, without pressing Reply.

Someone new to Telegram often types their answer straight under the prompt. Text typed while
prompts wait for their answer is kept (in the conversations table, so a restart loses nothing)
and they are asked, with one tap, whether it is their answer, and to which prompt when several
wait. Until they say, "yes" / "ie" and "no" / "na" answer the question and anything else is
added to the kept words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.domain.choices import is_chit_chat, match_choice
from bot.domain.intents import Intent, classify
from bot.domain.people import Person
from bot.domain.prompts import ANSWER_MAX, TYPED_ANSWER_WINDOW, Prompt
from bot.domain.proposals import clean_text
from bot.domain.roles import Action, can
from bot.telegram import replies
from bot.telegram.buttons import on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.handlers import fallbacks
from bot.telegram.handlers.resident import write_unprompted
from bot.telegram.handlers.resident.answers import store_answer, wait_for_answer
from bot.telegram.views import answers as views
from bot.telegram.views import home
from bot.telegram.views.answers import NotAnAnswer, SendTyped

CHOICES_SHOWN = 5


@dataclass(frozen=True)
class TypedAnswer(FlowState, flow="typed_answer"):
    """Typed words kept until the person says whether (and which prompt) they answer."""

    text: str
    prompts: tuple[int, ...]  # the prompts offered, by id


async def offer_typed_answer(update: Update, context: CydlaisContext, person: Person) -> bool:
    """Text typed with no flow waiting: if prompts wait for this person's answer, keep the text
    and ask whether it is their answer. Returns False (nothing done) when no prompt waits, or
    the text is only a greeting, thanks or "ok"."""
    message = update.effective_message
    text = clean_text(message.text or "") if message is not None else ""
    if not text or is_chit_chat(text) or not can(context.grants, Action.ANSWER):
        return False
    since = context.services.clock.now() - TYPED_ANSWER_WINDOW
    prompts = _distinct(await context.store.prompts.unanswered(person, since, CHOICES_SHOWN))
    if not prompts:
        return False
    await _keep(context, person, TypedAnswer(text, tuple(p.id for p in prompts)))
    await replies.send(update, views.which_prompt(context.t, text, prompts))
    return True


async def on_typed_answer_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """More text while a typed answer waits: "yes" / "ie" and "no" / "na" answer the question;
    anything else is added to the kept words, and the question is asked again."""
    message = update.effective_message
    assert message is not None and message.text is not None
    state = TypedAnswer.from_json(stored)
    if state is None:
        await fallbacks.unreadable_flow(update, context, person)
        return
    prompts = await _prompts(context, state)
    said = match_choice(message.text, views.confirm_words(context.t))
    if said == "no" or not prompts:
        await _not_an_answer(update, context, person)
    elif said == "yes" and len(prompts) == 1:
        await _send_typed(update, context, person, prompts[0], state.text)
    else:
        more = clean_text(message.text)
        if said is None and more and not is_chit_chat(more):
            state = await _add_words(update, context, person, state, more)
        await replies.send(update, views.which_prompt(context.t, state.text, prompts))


@on_button(SendTyped)
async def send_typed_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: SendTyped
) -> None:
    """Yes (to which prompt) under "Send this as your answer…?"."""
    state = await _state(context, person)
    prompt = None
    if state is not None and pressed.prompt_id in state.prompts:
        prompt = await context.store.prompts.get(pressed.prompt_id)
    if state is None or prompt is None:
        await replies.stale(update, context)
        return
    await replies.notice(update)
    await _send_typed(update, context, person, prompt, state.text)


@on_button(NotAnAnswer)
async def not_an_answer_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: NotAnAnswer
) -> None:
    """No under "Send this as your answer…?": the kept words are dropped."""
    if await _state(context, person) is None:
        await replies.stale(update, context)
        return
    await replies.notice(update)
    await _not_an_answer(update, context, person)


async def _add_words(
    update: Update, context: CydlaisContext, person: Person, state: TypedAnswer, more: str
) -> TypedAnswer:
    """Add a further message to the kept words, up to the length an answer may have; a message
    that would go beyond it is given back (nothing lost) and the kept words stay as they were."""
    combined = f"{state.text}\n\n{more}"
    if len(combined) <= ANSWER_MAX:
        state = state.replace(text=combined)
        await _keep(context, person, state)
        return state
    await replies.send(update, views.too_many_words(context.t, len(combined)))
    await replies.give_back(update, more)
    return state


async def _send_typed(
    update: Update, context: CydlaisContext, person: Person, prompt: Prompt, text: str
) -> None:
    too_long = len(clean_text(text)) > ANSWER_MAX
    if too_long:
        # Too long to keep as it is: the bot says so and gives the words back; the next text
        # they send is their (shorter) answer to this prompt, as if they had pressed Reply.
        await wait_for_answer(context, person, prompt)
    if await store_answer(update, context, person, prompt, text, ends_conversation=True):
        await replies.show(update, views.thanks(context.t, context.config, prompt))
    elif not too_long:
        await context.store.conversations.clear(person)  # they may not answer at the moment


async def _not_an_answer(update: Update, context: CydlaisContext, person: Person) -> None:
    """Not an answer: words that look like an idea are offered as a proposal (kept as its
    draft: nothing lost, no dead end); anything else is dropped, with the main actions."""
    state = await _state(context, person)
    if state is not None and classify(state.text) is Intent.IDEA:
        await write_unprompted.offer_as_proposal(
            update, context, person, state.text, home.idea_offer(context.t)
        )
        return
    await context.store.conversations.clear(person)
    not_sent = views.not_sent(context.t)
    await replies.show(update, home.with_main_actions(context.t, not_sent.text))


async def _state(context: CydlaisContext, person: Person) -> TypedAnswer | None:
    """The kept words and the prompts offered; None when no typed answer waits."""
    return TypedAnswer.of(await context.store.conversations.get(person))


async def _keep(context: CydlaisContext, person: Person, state: TypedAnswer) -> None:
    await context.store.conversations.set(person, state.flow, state.to_json())


async def _prompts(context: CydlaisContext, state: TypedAnswer) -> list[Prompt]:
    found = [await context.store.prompts.get(i) for i in state.prompts]
    return [p for p in found if p is not None]


def _distinct(prompts: list[Prompt]) -> list[Prompt]:
    """One prompt per wording: a weekly check-in unanswered twice is offered once (the newest)."""
    seen: set[tuple[str, str | None, str | None]] = set()
    kept = []
    for prompt in prompts:
        key = (prompt.forum_id, prompt.text.cy, prompt.text.en)
        if key not in seen:
            seen.add(key)
            kept.append(prompt)
    return kept
