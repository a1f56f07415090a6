"""Inline keyboards and their callback data.

Callback data is ``prefix:action[:arg...]``, ASCII and well under Telegram's 64 bytes. Handlers
match on the prefix; ``parse`` splits data back into parts (``bot.telegram.callbacks.parse_id``
reads an id), and anything that does not parse is treated as a stale or forged button.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.config import ForumConfig
from bot.i18n import Translator, unescape
from bot.render import limits

MAX_CALLBACK_BYTES = 64


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


def data(*parts: object) -> str:
    """Join callback parts; refuses data Telegram would reject."""
    text = ":".join(str(p) for p in parts)
    if len(text.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data too long: {text!r}")
    return text


def parse(callback_data: str | None, prefix: str, size: int) -> list[str] | None:
    """Split ``callback_data`` if it starts with ``prefix`` and has ``size`` parts, else None."""
    if not callback_data:
        return None
    parts = callback_data.split(":")
    if parts[0] != prefix or len(parts) != size or not all(parts):
        return None
    return parts


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


MEETING = "mt"


def button(label: str, *parts: object) -> InlineKeyboardButton:
    """A button whose callback data is ``parts`` joined."""
    return _button(label, data(*parts))


@lru_cache(maxsize=4096)
def _button(label: str, callback_data: str) -> InlineKeyboardButton:
    """Buttons cannot change once made, so the same one is shared by every keyboard showing it."""
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


REPORT = "rp"
REVIEW = "rv"


def forum_sides(
    t: Translator,
    forums: Sequence[ForumConfig],
    targets: Sequence[tuple[str, str]],
    callback: Callable[[str, str], str],
) -> InlineKeyboardMarkup:
    """Pick a forum side a convenor looks after; shadow forums are labelled as youth forums."""
    names = {f.id: f.name(t.language) for f in forums}
    rows = []
    for forum_id, side in targets:
        label = names.get(forum_id, forum_id)
        if side == "youth":
            label = unescape(t._("{forum} (youth forum)", forum=label))
        rows.append([Button(label, callback(forum_id, side))])
    return Keyboard(rows)
