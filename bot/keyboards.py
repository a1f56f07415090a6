"""Inline keyboards and their callback data.

Callback data is ``prefix:action[:arg...]``, ASCII and well under Telegram's 64 bytes. Handlers
match on the prefix; ``parse`` splits data back into parts, and anything that does not parse is
treated as a stale or forged button.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.config import ForumConfig
from bot.domain.people import AGE_BANDS, PREFER_NOT_TO_SAY, AgeBand
from bot.i18n import Translator, unescape

ONBOARDING = "ob"
LANGUAGE = "lang"
FORUMS = "fm"
MAX_CALLBACK_BYTES = 64
LANGUAGE_NAMES = {"cy": "Cymraeg", "en": "English"}


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
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    ("✓ " if code == suggested else "") + name,
                    callback_data=data(prefix, action, code, *extra),
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
        InlineKeyboardButton(
            age_band_label(t, band),
            callback_data=data(ONBOARDING, "age", t.language, band.code, *extra),
        )
        for band in AGE_BANDS
    ]
    keyboard = rows(buttons, 3)
    keyboard.append(
        [
            InlineKeyboardButton(
                age_band_label(t, None),
                callback_data=data(ONBOARDING, "age", t.language, PREFER_NOT_TO_SAY, *extra),
            )
        ]
    )
    return InlineKeyboardMarkup(keyboard)


def consent(t: Translator, band: str, invite: str | None = None) -> InlineKeyboardMarkup:
    """Agree / no thanks under the privacy notice."""
    extra = [invite] if invite else []
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t._("I agree"),
                    callback_data=data(ONBOARDING, "yes", t.language, band, *extra),
                ),
                InlineKeyboardButton(
                    t._("No thanks"), callback_data=data(ONBOARDING, "no", t.language)
                ),
            ]
        ]
    )


def forum_toggles(
    t: Translator, forums: Sequence[ForumConfig], joined: frozenset[str], prompts_on: bool
) -> InlineKeyboardMarkup:
    """One button per forum (tap to join or leave), the prompts switch, and Done."""
    keyboard = [
        [
            InlineKeyboardButton(
                ("✅ " if forum.id in joined else "➕ ") + forum.name(t.language),
                callback_data=data(FORUMS, "leave" if forum.id in joined else "join", forum.id),
            )
        ]
        for forum in forums
    ]
    switch = (
        ("🔔 " + t._("Prompts come to me: on"), "off")
        if prompts_on
        else ("🔕 " + t._("Prompts come to me: off"), "on")
    )
    keyboard.append(
        [InlineKeyboardButton(switch[0], callback_data=data(FORUMS, "prompts", switch[1]))]
    )
    keyboard.append([InlineKeyboardButton(t._("Done"), callback_data=data(FORUMS, "done"))])
    return InlineKeyboardMarkup(keyboard)


PROPOSE = "pp"
LIST = "pl"
SUPPORT = "ps"
MINE = "pm"
STATUS = "st"
MEETING = "mt"


def button(label: str, *parts: object) -> InlineKeyboardButton:
    """A button whose callback data is ``parts`` joined."""
    return InlineKeyboardButton(label, callback_data=data(*parts))


def forum_choice(
    t: Translator,
    forums: Sequence[ForumConfig],
    first: frozenset[str],
    callback: Callable[[str], str],
) -> InlineKeyboardMarkup:
    """Pick a forum: the person's own forums first, then the rest; ``callback(forum_id)``."""
    ordered = [f for f in forums if f.id in first] + [f for f in forums if f.id not in first]
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(f.name(t.language), callback_data=callback(f.id))] for f in ordered]
    )


REPORT = "rp"
REVIEW = "rv"
ANSWER = "pa"
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
        rows.append([InlineKeyboardButton(label, callback_data=callback(forum_id, side))])
    return InlineKeyboardMarkup(rows)
