"""Answering "tell me about…" prompts: privately (the Reply button, or Telegram's own swipe-reply
to the prompt), by replying in a group, or simply by typing.

Someone new to Telegram often types their answer straight under the prompt without pressing
Reply. Text typed while prompts wait for their answer is kept (in the conversations table, so a
restart loses nothing) and they are asked, with one tap, whether it is their answer, and to
which prompt when several wait.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.domain.choices import NO_WORDS, YES_WORDS, is_chit_chat, match_choice
from bot.domain.people import Person
from bot.domain.prompts import ANSWER_MAX, TYPED_ANSWER_WINDOW, Prompt
from bot.domain.proposals import clean_text
from bot.domain.roles import Action, can
from bot.i18n import Html
from bot.render import prompts as render
from bot.telegram import keyboards
from bot.telegram.callbacks import parse_id
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.resident.proposals import join_first, side_of
from bot.telegram.keyboards import Keyboard
from bot.telegram.replies import (
    answer_button,
    edit_or_reply,
    reply,
    reply_with_private_link,
    stale_button,
)
from bot.telegram.sender import require_member

FLOW = "answer"  # after the Reply button: the next text is the answer
TYPED_FLOW = "typed_answer"  # typed text kept until they say whether (and which) it answers
CHOICES_SHOWN = 5
ECHO = 300  # how much of the kept text the question shows back


async def answer_button_pressed(update: Update, context: CydlaisContext) -> None:
    """The Reply button under a prompt (``pa:<id>``): ask for the answer. Also the answers to
    "Send this as your answer…?" (``pa:y:<id>``, ``pa:no``)."""
    person = await require_member(update, context)
    if person is None:
        return
    data = update.callback_query.data if update.callback_query else None
    pressed = (data or "").split(":")
    if (len(pressed) == 3 and pressed[1] == "y") or pressed == [keyboards.ANSWER, "no"]:
        await _typed_answer_button(update, context, person, pressed)
        return
    parts = keyboards.parse(data, keyboards.ANSWER, 2)
    prompt_id = parse_id(parts[1]) if parts else None
    prompt = (
        await context.store.prompts.sent_to(person, prompt_id) if prompt_id is not None else None
    )
    if prompt is None:  # stale, or forged: a prompt sent to someone else (the youth side…)
        await stale_button(update, context)
        return
    await answer_button(update)
    await context.store.conversations.set(person, FLOW, {"prompt": prompt.id})
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
    prompt = await context.store.prompts.get(int(state.get("prompt", 0)))
    if prompt is None:
        await context.store.conversations.clear(person)
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
    prompt = await context.store.prompts.get(prompt_id)
    if prompt is None:
        return
    if person is None or not person.onboarded:
        await join_first(update, context)
        return
    if await _store_answer(update, context, person, prompt, message.text, in_group=True):
        await _tell(update, context, person, _thanks(context, prompt), in_group=True)


async def _tell(
    update: Update,
    context: CydlaisContext,
    person: Person,
    text: str,
    in_group: bool,
    plain: bool = False,
) -> None:
    """Answer the person: in private as usual; from a group, privately — the group must not
    learn that someone is paused or see their words repeated. Only if the private chat is
    closed does the group get a reply, one that says nothing about them."""
    parse_mode = None if plain else ParseMode.HTML
    if not in_group:
        if update.effective_chat is not None:
            await update.effective_chat.send_message(text, parse_mode=parse_mode)
        return
    try:
        await context.bot.send_message(person.telegram_id, text, parse_mode=parse_mode)
    except TelegramError:
        await reply_with_private_link(
            update,
            context,
            context.t._("I have a message for you about your answer: please open a chat with me."),
            context.t._("Message me privately"),
            "group",
        )


async def _store_answer(
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
        await _tell(
            update, context, person, t._("Sorry, you can't send answers at the moment."), in_group
        )
        return False
    if not text:
        await _tell(
            update,
            context,
            person,
            t._("Your answer is empty. Please write a few words."),
            in_group,
        )
        return False
    if len(text) > ANSWER_MAX:
        await _tell(
            update,
            context,
            person,
            t._(
                "That is {count} characters; answers can be up to {high}. Please shorten it "
                "and send it again. Here is what you wrote, so nothing is lost:",
                count=len(text),
                high=ANSWER_MAX,
            ),
            in_group,
        )
        await _tell(update, context, person, text, in_group, plain=True)  # verbatim
        return False
    await context.store.prompts.add_answer(
        prompt, person, side_of(person, context), person.language, text, ends_conversation
    )
    return True


def _thanks(context: CydlaisContext, prompt: Prompt) -> str:
    forum = render.forum_label(context.t, context.config, prompt.forum_id, prompt.side)
    return context.t._(
        "Thank you! Your answer has gone to the convenors of {forum}.", forum=Html(forum)
    )


# ---- answers that were typed or swipe-replied rather than sent after Reply ----------------


async def take_reply_to_prompt(
    update: Update,
    context: CydlaisContext,
    person: Person,
    state: tuple[str, dict[str, Any]] | None,
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
    waiting_for_it = state is not None and state[0] == FLOW and state[1].get("prompt") == prompt.id
    if await _store_answer(
        update, context, person, prompt, message.text, ends_conversation=waiting_for_it
    ):
        await reply(update, _thanks(context, prompt))
    return True


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
    state = {"text": text, "prompts": [p.id for p in prompts]}
    await context.store.conversations.set(person, TYPED_FLOW, state)
    await _ask_which(update, context, text, prompts)
    return True


async def on_typed_answer_text(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any]
) -> None:
    """More text while a typed answer waits: "yes" / "ie" and "no" / "na" answer the question;
    anything else is added to the kept words, and the question is asked again."""
    message = update.effective_message
    assert message is not None and message.text is not None
    prompts = await _prompts(context, state)
    t = context.t
    said = match_choice(
        message.text,
        {
            "yes": (t._("Yes, send it"), *YES_WORDS),
            "no": (t._("No, don't send it"), t._("It is not an answer"), *NO_WORDS),
        },
    )
    if said == "no" or not prompts:
        await _not_an_answer(update, context, person)
    elif said == "yes" and len(prompts) == 1:
        await _send_typed(update, context, person, prompts[0], str(state["text"]))
    else:
        more = clean_text(message.text)
        if said is None and more and not is_chit_chat(more):
            await _add_words(update, context, person, state, more)
        await _ask_which(update, context, str(state["text"]), prompts)


async def _add_words(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any], more: str
) -> None:
    """Add a further message to the kept words, up to the length an answer may have; a message
    that would go beyond it is given back (nothing lost) and the kept words stay as they were."""
    combined = f"{state['text']}\n\n{more}"
    if len(combined) <= ANSWER_MAX:
        state["text"] = combined
        await context.store.conversations.set(person, TYPED_FLOW, state)
        return
    await reply(
        update,
        context.t._(
            "An answer can be up to {high} characters, and with this message yours would be "
            "{count}. I have kept what you wrote before. Here is this message back, so nothing "
            "is lost:",
            high=ANSWER_MAX,
            count=len(combined),
        ),
    )
    if update.effective_chat is not None:
        await update.effective_chat.send_message(more, parse_mode=None)


async def _typed_answer_button(
    update: Update, context: CydlaisContext, person: Person, parts: list[str]
) -> None:
    """Yes (to which prompt) or No under "Send this as your answer…?"."""
    current = await context.store.conversations.get(person)
    if current is None or current[0] != TYPED_FLOW:
        await stale_button(update, context)
        return
    state = current[1]
    if parts[1] == "no":
        await answer_button(update)
        await _not_an_answer(update, context, person)
        return
    prompt_id = parse_id(parts[2])
    prompt = None
    if prompt_id is not None and prompt_id in state.get("prompts", []):
        prompt = await context.store.prompts.get(prompt_id)
    if prompt is None:
        await stale_button(update, context)
        return
    await answer_button(update)
    await _send_typed(update, context, person, prompt, str(state["text"]))


async def _send_typed(
    update: Update, context: CydlaisContext, person: Person, prompt: Prompt, text: str
) -> None:
    if len(clean_text(text)) > ANSWER_MAX:
        # Too long to keep as it is: the bot says so and gives the words back; the next text
        # they send is their (shorter) answer to this prompt, as if they had pressed Reply.
        await context.store.conversations.set(person, FLOW, {"prompt": prompt.id})
    if await _store_answer(update, context, person, prompt, text, ends_conversation=True):
        await edit_or_reply(update, _thanks(context, prompt))
    elif len(clean_text(text)) <= ANSWER_MAX:
        await context.store.conversations.clear(person)  # they may not answer at the moment


async def _not_an_answer(update: Update, context: CydlaisContext, person: Person) -> None:
    await context.store.conversations.clear(person)
    await edit_or_reply(
        update,
        context.t._("All right: I have not sent it. Send /help to see what you can do."),
    )


async def _ask_which(
    update: Update, context: CydlaisContext, text: str, prompts: list[Prompt]
) -> None:
    """Ask whether the kept text answers the prompt (or which of them), with its words."""
    t = context.t
    words = text if len(text) <= ECHO else text[: ECHO - 1].rstrip() + "…"
    no = keyboards.button(t._("No, don't send it"), keyboards.ANSWER, "no")
    if len(prompts) == 1:
        question = t._(
            "Send this as your answer to “{prompt}”?\n\n<i>{words}</i>",
            prompt=render.excerpt(t, prompts[0].text),
            words=words,
        )
        yes = keyboards.button("✅ " + t._("Yes, send it"), keyboards.ANSWER, "y", prompts[0].id)
        await reply(update, question, Keyboard([[yes], [no]]))
        return
    question = t._(
        "Which question is this your answer to? Tap it, and your answer goes to that forum's "
        "convenors.\n\n<i>{words}</i>",
        words=words,
    )
    rows = [
        [keyboards.button(render.excerpt(t, p.text), keyboards.ANSWER, "y", p.id)] for p in prompts
    ]
    rows.append([keyboards.button(t._("It is not an answer"), keyboards.ANSWER, "no")])
    await reply(update, question, Keyboard(rows))


async def _prompts(context: CydlaisContext, state: dict[str, Any]) -> list[Prompt]:
    found = [await context.store.prompts.get(int(i)) for i in state.get("prompts", [])]
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
