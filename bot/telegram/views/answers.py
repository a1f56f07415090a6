"""Answering prompts: the Reply button under a prompt, the request for an answer, the thanks,
why an answer could not be kept, and the question asked about text typed without Reply.

The buttons keep the data older versions put in people's chats: ``pa:<prompt>`` (Reply),
``pa:y:<prompt>`` (yes, send what I typed as my answer to that prompt) and ``pa:no``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup

from bot.config import Config
from bot.domain.choices import NO_WORDS, YES_WORDS
from bot.domain.prompts import ANSWER_MAX, Prompt
from bot.i18n import Html, Translator
from bot.render import prompts as render
from bot.telegram import keyboards
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View

ECHO = 300  # how much of the kept text the question shows back


@dataclass(frozen=True)
class Answer(CallbackData, prefix="pa"):
    """The Reply button under a prompt sent privately."""

    prompt_id: int


@dataclass(frozen=True)
class SendTyped(CallbackData, prefix="pa", tag="y"):
    """Yes: what I typed is my answer to this prompt."""

    prompt_id: int


@dataclass(frozen=True)
class NotAnAnswer(CallbackData, prefix="pa", tag="no"):
    """No: what I typed is not an answer."""


def reply_keyboard(t: Translator, prompt_id: int) -> InlineKeyboardMarkup:
    """The Reply button a prompt (or its reminder) carries in a private chat."""
    return Keyboard([[Button("💬 " + t._("Reply"), Answer(prompt_id).pack())]])


def ask_for_answer(t: Translator, prompt: Prompt) -> View:
    """After Reply: the next text is the answer."""
    return View(
        t._(
            "Write your answer to “{prompt}” and send it. Send /cancel to stop.",
            prompt=render.excerpt(t, prompt.text),
        )
    )


def prompt_gone(t: Translator) -> View:
    """The prompt being answered has been deleted meanwhile."""
    return View(t._("That prompt no longer exists. Nothing was saved."))


def thanks(t: Translator, config: Config, prompt: Prompt) -> View:
    """The answer is kept, and where it has gone."""
    forum = render.forum_label(t, config, prompt.forum_id, prompt.side)
    return View(
        t._("Thank you! Your answer has gone to the convenors of {forum}.", forum=Html(forum))
    )


def may_not_answer(t: Translator) -> View:
    """A paused person tried to answer."""
    return View(t._("Sorry, you can't send answers at the moment."))


def empty(t: Translator) -> View:
    """An answer with no words in it."""
    return View(t._("Your answer is empty. Please write a few words."))


def too_long(t: Translator, count: int) -> View:
    """An answer over the limit (their words follow, sent back verbatim)."""
    return View(
        t._(
            "That is {count} characters; answers can be up to {high}. Please shorten it "
            "and send it again. Here is what you wrote, so nothing is lost:",
            count=count,
            high=ANSWER_MAX,
        )
    )


def message_waiting(t: Translator, bot_username: str) -> View:
    """In a group, to someone the bot cannot reach privately: nothing about them is said."""
    return View(
        t._("I have a message for you about your answer: please open a chat with me."),
        keyboards.private_chat_link(t._("Message me privately"), bot_username, "group"),
    )


# ---- text typed while prompts wait for an answer -----------------------------------------


def which_prompt(t: Translator, text: str, prompts: Sequence[Prompt]) -> View:
    """Is the kept text the answer to the prompt (or which of them)? With its words."""
    words = text if len(text) <= ECHO else text[: ECHO - 1].rstrip() + "…"
    if len(prompts) == 1:
        question = t._(
            "Send this as your answer to “{prompt}”?\n\n<i>{words}</i>",
            prompt=render.excerpt(t, prompts[0].text),
            words=words,
        )
        yes = Button("✅ " + t._("Yes, send it"), SendTyped(prompts[0].id).pack())
        no = Button(t._("No, don't send it"), NotAnAnswer().pack())
        return View(question, Keyboard([[yes], [no]]))
    question = t._(
        "Which question is this your answer to? Tap it, and your answer goes to that forum's "
        "convenors.\n\n<i>{words}</i>",
        words=words,
    )
    rows = [[Button(render.excerpt(t, p.text), SendTyped(p.id).pack())] for p in prompts]
    rows.append([Button(t._("It is not an answer"), NotAnAnswer().pack())])
    return View(question, Keyboard(rows))


def confirm_words(t: Translator) -> dict[str, tuple[str, ...]]:
    """What may be typed for yes (send it) and no, while the question waits."""
    return {
        "yes": (t._("Yes, send it"), *YES_WORDS),
        "no": (t._("No, don't send it"), t._("It is not an answer"), *NO_WORDS),
    }


def not_sent(t: Translator) -> View:
    """The typed text was not an answer: it is dropped."""
    return View(t._("All right: I have not sent it. What would you like to do?"))


def too_many_words(t: Translator, count: int) -> View:
    """A further message would take the kept answer over the limit (it follows, verbatim)."""
    return View(
        t._(
            "An answer can be up to {high} characters, and with this message yours would be "
            "{count}. I have kept what you wrote before. Here is this message back, so nothing "
            "is lost:",
            high=ANSWER_MAX,
            count=count,
        )
    )
