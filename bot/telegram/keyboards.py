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
from bot.domain.people import AGE_BANDS, PREFER_NOT_TO_SAY, AgeBand
from bot.i18n import Translator, unescape
from bot.render import limits

ONBOARDING = "ob"
LANGUAGE = "lang"
FORUMS = "fm"
MAX_CALLBACK_BYTES = 64
LANGUAGE_NAMES = {"cy": "Cymraeg", "en": "English"}


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


def languages(
    prefix: str, action: str, suggested: str, invite: str | None = None
) -> InlineKeyboardMarkup:
    """Cymraeg / English; the language suggested by the person's Telegram app is ticked."""
    extra = [invite] if invite else []
    return Keyboard(
        [
            [
                Button(
                    ("✓ " if code == suggested else "") + name,
                    data(prefix, action, code, *extra),
                )
                for code, name in LANGUAGE_NAMES.items()
            ]
        ]
    )


def age_band_label(t: Translator, band: AgeBand | None) -> str:
    """A band's button label in the person's language."""
    if band is None:
        return t._("Prefer not to say")
    if band.low == 0:
        return t._("Under {age}", age=band.high + 1)
    if band.high >= 130:
        return t._("{age} or over", age=band.low)
    return f"{t.number(band.low)}–{t.number(band.high)}"


def age_bands(t: Translator, invite: str | None = None) -> InlineKeyboardMarkup:
    """The age-band question at onboarding (the language chosen, and any invite code, travel
    in the data: nothing is stored before consent)."""
    extra = [invite] if invite else []
    buttons = [
        Button(
            age_band_label(t, band),
            data(ONBOARDING, "age", t.language, band.code, *extra),
        )
        for band in AGE_BANDS
    ]
    keyboard = rows(buttons, 3)
    keyboard.append(
        [
            Button(
                age_band_label(t, None),
                data(ONBOARDING, "age", t.language, PREFER_NOT_TO_SAY, *extra),
            )
        ]
    )
    return Keyboard(keyboard)


def consent(t: Translator, band: str, invite: str | None = None) -> InlineKeyboardMarkup:
    """Agree / no thanks under the privacy notice."""
    extra = [invite] if invite else []
    return Keyboard(
        [
            [
                Button(
                    t._("I agree"),
                    data(ONBOARDING, "yes", t.language, band, *extra),
                ),
                Button(t._("No thanks"), data(ONBOARDING, "no", t.language)),
            ]
        ]
    )


def forum_toggles(
    t: Translator, forums: Sequence[ForumConfig], joined: frozenset[str], prompts_on: bool
) -> InlineKeyboardMarkup:
    """One button per forum (tap to join or leave), the prompts switch, and Done."""
    keyboard = [
        [
            Button(
                ("✅ " if forum.id in joined else "➕ ") + forum.name(t.language),
                data(FORUMS, "leave" if forum.id in joined else "join", forum.id),
            )
        ]
        for forum in forums
    ]
    switch = (
        ("🔔 " + t._("Prompts come to me: on"), "off")
        if prompts_on
        else ("🔕 " + t._("Prompts come to me: off"), "on")
    )
    keyboard.append([Button(switch[0], data(FORUMS, "prompts", switch[1]))])
    keyboard.append([Button(t._("Done"), data(FORUMS, "done"))])
    return Keyboard(keyboard)


LIST = "pl"
SUPPORT = "ps"
MINE = "pm"
STATUS = "st"
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
PROMPT = "pr"
COMPOSE = "pc"
SCHEDULE = "sc"


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
