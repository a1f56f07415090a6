"""The main actions as buttons, and the kind answers to text typed out of the blue.

Slash commands are not obvious to someone new to Telegram: wherever the bot would otherwise say
"send /help", it shows the next steps as buttons too (in the reader's language).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from telegram import Message

from bot.i18n import N_, I18n, Translator
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard, private_chat_link
from bot.telegram.views import View


class Go(StrEnum):
    """Where a main-action button leads."""

    PROPOSE = "propose"
    BROWSE = "browse"
    MINE = "mine"
    HELP = "help"


@dataclass(frozen=True)
class MainAction(CallbackData, prefix="home"):
    """A main-action button (they do what the matching command does)."""

    go: Go


def main_actions(t: Translator) -> Keyboard:
    """Send an idea, browse, my proposals, help: two to a row."""
    return Keyboard(
        [
            [
                Button(t._("✏️ Send an idea"), MainAction(Go.PROPOSE).pack()),
                Button(t._("📋 Browse proposals"), MainAction(Go.BROWSE).pack()),
            ],
            [
                Button(t._("🗂 My proposals"), MainAction(Go.MINE).pack()),
                Button(t._("❓ Help"), MainAction(Go.HELP).pack()),
            ],
        ]
    )


def with_main_actions(t: Translator, text: str) -> View:
    """``text`` with the main actions under it."""
    return View(text, main_actions(t))


def unclear(t: Translator) -> View:
    """Text the bot cannot place."""
    return with_main_actions(
        t, t._("I'm not sure what to do with that. Here is what you can do — or send /help.")
    )


def thanks(t: Translator) -> View:
    """'Thank you', 'diolch', 👍."""
    return with_main_actions(t, t._("You're welcome! Anything else?"))


def greeting(t: Translator, name: str) -> View:
    """'Hello', 'shwmae', 'bore da'."""
    return with_main_actions(t, t._("Hello, {name}! What would you like to do?", name=name))


def idea_offer(t: Translator) -> str:
    """Above the forum question when stray text looks like an idea."""
    return t._(
        "That sounds like an idea for your community: you can send it as a proposal. You will "
        "see it again before anything is sent, and /cancel drops it."
    )


def before_joining(i18n: I18n, bot_username: str) -> View:
    """Anything sent before joining: both languages, Welsh first (the person's language is not
    known yet), and one button that sends /start (a link to this chat with a start payload)."""
    hello = N_("Hello! Press the button below to choose your language and join.")
    start = N_("Start")
    cy, en = i18n("cy"), i18n("en")
    text = f"{cy._(hello)}\n\n{en._(hello)}"
    label = f"{cy._(start)} / {en._(start)}"
    return View(text, private_chat_link(label, bot_username, "join"))


def not_text(t: Translator, message: Message | None) -> str:
    """What to do instead of a sticker, voice note, location or picture, fitted to what was
    sent (older residents send voice notes and photos first)."""
    if message is not None and (message.voice or message.audio or message.video_note):
        return t._(
            "Thank you — I can't listen to voice messages, I'm afraid. Please type what you "
            "wanted to say. Tip: on most phones the keyboard has a microphone button that "
            "turns your speech into text."
        )
    if message is not None and message.location:
        return t._(
            "I don't use locations, so that has not been kept. Please describe the place in "
            "words (a street or a landmark) in your message."
        )
    if message is not None and (message.photo or message.video or message.document):
        return t._(
            "Thank you — I can only take words for now, so the picture has not been kept. "
            "Please type your idea or answer."
        )
    return t._("Sorry, I can only read text messages. Please type your message, or use /help.")
