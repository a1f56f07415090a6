"""Inline keyboard building blocks: ``Button``, ``Keyboard``, ``rows``, a link button.

What a button carries is typed callback data (``bot.telegram.callbacks``), made by the views.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.config import ForumConfig
from bot.i18n import Translator
from bot.render import limits


class Button(InlineKeyboardButton):
    """A button that sends callback data, and turns itself into JSON in one step. Its label
    is plain text, kept to one short line (``limits.label``) whatever name it shows.

    PTB's generic ``to_dict`` inspects every attribute of every button by reflection; for a
    page of proposals that was a tenth of the time an update took (bench/throughput.py).
    """

    __slots__ = ()

    def __init__(self, text: str, callback_data: str) -> None:
        super().__init__(limits.label(text), callback_data=callback_data)

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        """The button as the Bot API takes it."""
        return {"text": self.text, "callback_data": self.callback_data}


class Keyboard(InlineKeyboardMarkup):
    """An inline keyboard that turns itself into JSON without PTB's reflection (see Button)."""

    __slots__ = ()

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        """The keyboard as the Bot API takes it; buttons other than ``Button`` use PTB's way."""
        return {"inline_keyboard": [[b.to_dict() for b in row] for row in self.inline_keyboard]}


def private_chat_link(label: str, bot_username: str, payload: str) -> InlineKeyboardMarkup:
    """One button that opens a private chat with the bot, starting it with ``payload``."""
    link = f"https://t.me/{bot_username}?start={payload}"
    return Keyboard([[InlineKeyboardButton(label, url=link)]])


def rows(buttons: Iterable[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    """Lay buttons out ``width`` to a row."""
    result: list[list[InlineKeyboardButton]] = []
    for button in buttons:
        if not result or len(result[-1]) >= width:
            result.append([])
        result[-1].append(button)
    return result


@lru_cache(maxsize=4096)
def shared(label: str, callback_data: str) -> Button:
    """A button that may be shared by every keyboard showing it (buttons cannot change once
    made): for the busiest screens, such as pages of proposals, where building each button
    anew showed in bench/throughput.py."""
    return Button(label, callback_data)


def forum_choice(
    t: Translator,
    forums: Sequence[ForumConfig],
    first: frozenset[str],
    callback: Callable[[str], str],
) -> InlineKeyboardMarkup:
    """Pick a forum: the person's own forums first, then the rest; ``callback(forum_id)``."""
    ordered = [f for f in forums if f.id in first] + [f for f in forums if f.id not in first]
    return Keyboard([[Button(f.name(t.language), callback(f.id))] for f in ordered])
