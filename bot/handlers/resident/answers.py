"""Answering "tell me about…" prompts: privately (the Reply button) or by replying in a group."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.error import TelegramError

from bot import keyboards
from bot.context import CydlaisContext
from bot.domain.people import Person
from bot.domain.prompts import ANSWER_MAX, Prompt
from bot.domain.proposals import clean_text
from bot.domain.roles import Action, can
from bot.handlers.guards import answer_button, reply, stale_button
from bot.handlers.resident.proposals import join_first, require_member, side_of
from bot.i18n import Html
from bot.render import prompts as render

FLOW = "answer"


async def answer_button_pressed(update: Update, context: CydlaisContext) -> None:
    """The Reply button under a prompt: ask for the answer."""
    person = await require_member(update, context)
    if person is None:
        return
    parts = keyboards.parse(
        update.callback_query.data if update.callback_query else None, keyboards.ANSWER, 2
    )
    prompt_id = keyboards.parse_id(parts[1]) if parts else None
    prompt = await context.store.prompt(prompt_id) if prompt_id is not None else None
    if prompt is None:
        await stale_button(update, context)
        return
    await answer_button(update)
    await context.store.set_conversation(person, FLOW, {"prompt": prompt.id})
    words = render.excerpt(context.t, prompt.text)
    await reply(
        update,
        context.t._(
            "Write your answer to “{prompt}” and send it. Send /cancel to stop.", prompt=words
        ),
    )


async def on_answer_text(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any]
) -> None:
    """The answer arrived privately."""
    message = update.effective_message
    assert message is not None and message.text is not None
    prompt = await context.store.prompt(int(state.get("prompt", 0)))
    if prompt is None:
        await context.store.clear_conversation(person)
        await reply(update, context.t._("That prompt no longer exists. Nothing was saved."))
        return
    if await _store_answer(update, context, person, prompt, message.text, ends_conversation=True):
        await reply(update, _thanks(context, prompt))


async def answer_in_group(update: Update, context: CydlaisContext, prompt_id: int) -> None:
    """A reply to a prompt's post in a forum group: an answer (thanked privately)."""
    message = update.effective_message
    person = context.person
    if message is None or message.text is None:
        return
    prompt = await context.store.prompt(prompt_id)
    if prompt is None:
        return
    if person is None or not person.onboarded:
        await join_first(update, context)
        return
    if not await _store_answer(update, context, person, prompt, message.text):
        return
    try:  # thank them privately, so the group is not filled with thank-yous
        await context.bot.send_message(person.telegram_id, _thanks(context, prompt))
    except TelegramError:
        await reply(update, _thanks(context, prompt))


async def _store_answer(
    update: Update,
    context: CydlaisContext,
    person: Person,
    prompt: Prompt,
    raw: str,
    ends_conversation: bool = False,
) -> bool:
    """Check and keep an answer (False, having told the person why, if it can't be kept)."""
    text = clean_text(raw)
    t = context.t
    if not can(context.grants, Action.ANSWER):
        await reply(update, t._("Sorry, you can't send answers at the moment."))
        return False
    if not text:
        await reply(update, t._("Your answer is empty. Please write a few words."))
        return False
    if len(text) > ANSWER_MAX:
        await reply(
            update,
            t._(
                "That is {count} characters; answers can be up to {high}. Please shorten it "
                "and send it again. Here is what you wrote, so nothing is lost:",
                count=len(text),
                high=ANSWER_MAX,
            ),
        )
        if update.effective_chat is not None:
            await update.effective_chat.send_message(text, parse_mode=None)
        return False
    await context.store.add_answer(
        prompt, person, side_of(person, context), person.language, text, ends_conversation
    )
    return True


def _thanks(context: CydlaisContext, prompt: Prompt) -> str:
    forum = render.forum_label(context.t, context.config, prompt.forum_id, prompt.side)
    return context.t._(
        "Thank you! Your answer has gone to the convenors of {forum}.", forum=Html(forum)
    )
