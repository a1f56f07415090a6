"""Choosing forums and language, as people see it: the forum picker (tap to join or leave, the
prompts switch, Done), what is said after each tap, and /language.

The data keeps the shape older versions put in chats ("fm:join:transport", "fm:prompts:on",
"fm:done", "lang:set:cy"), so buttons already in people's chats still work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.config import Config
from bot.domain.people import Side
from bot.i18n import Translator, escape, unescape
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View
from bot.telegram.views.onboarding import LANGUAGE_NAMES
from bot.telegram.views.writing import forum_descriptions


class Membership(StrEnum):
    """A forum button's action: the opposite of where the person is now."""

    JOIN = "join"
    LEAVE = "leave"


class Switch(StrEnum):
    """The prompts switch's action."""

    ON = "on"
    OFF = "off"


@dataclass(frozen=True)
class ToggleForum(CallbackData, prefix="fm"):
    """Join or leave one forum."""

    action: Membership
    forum_id: str


@dataclass(frozen=True)
class SwitchPrompts(CallbackData, prefix="fm", tag="prompts"):
    """Prompts privately: on or off."""

    switch: Switch


@dataclass(frozen=True)
class ForumsDone(CallbackData, prefix="fm", tag="done"):
    """Finished choosing."""


@dataclass(frozen=True)
class SetLanguage(CallbackData, prefix="lang", tag="set"):
    """/language's choice."""

    language: str


@dataclass(frozen=True)
class ChangeSide(CallbackData, prefix="fm", tag="side"):
    """An 18–25 moves to the youth or the adult forums."""

    side: Side


def toggles(
    t: Translator,
    config: Config,
    joined: frozenset[str],
    prompts_on: bool,
    switch_to: Side | None = None,
) -> Keyboard:
    """One button per forum (tap to join or leave), the prompts switch, for an 18–25 the
    other side (``switch_to``), and Done."""
    keyboard = [
        [
            Button(
                ("✅ " if forum.id in joined else "➕ ") + forum.name(t.language),
                ToggleForum(
                    Membership.LEAVE if forum.id in joined else Membership.JOIN, forum.id
                ).pack(),
            )
        ]
        for forum in config.open_forums
    ]
    if prompts_on:
        switch = Button("🔔 " + t._("Prompts come to me: on"), SwitchPrompts(Switch.OFF).pack())
    else:
        switch = Button("🔕 " + t._("Prompts come to me: off"), SwitchPrompts(Switch.ON).pack())
    keyboard.append([switch])
    if switch_to is not None:
        label = (
            t._("Take part in the adult forums instead")
            if switch_to is Side.ADULT
            else t._("Take part in the youth forums instead")
        )
        keyboard.append([Button("↔️ " + label, ChangeSide(switch_to).pack())])
    keyboard.append([Button(t._("Done"), ForumsDone().pack())])
    return Keyboard(keyboard)


def picker(
    t: Translator,
    config: Config,
    name: str | None,
    youth: bool,
    joined: frozenset[str],
    prompts_on: bool,
    switch_to: Side | None = None,
) -> View:
    """Which forums? (``name`` thanks a person who has just joined)."""
    lines = [
        t._("Thank you, {name}!", name=name) if name else "",
        t._(
            "Which forums would you like to join? Tap a forum to join or leave it, then tap Done."
        ),
    ]
    if youth:
        lines.append(
            t._(
                "You will take part in the youth forums: young people's ideas are counted "
                "alongside the adult forums and reach the council in the same way."
            )
        )
    text = "\n\n".join(line for line in lines if line) + forum_descriptions(t, config)
    return View(text, toggles(t, config, joined, prompts_on, switch_to))


def groups_for_admins(t: Translator, config: Config) -> str:
    """Where each forum side posts (for admins, under the picker): linked with /link or in the
    config file, or not linked."""
    lines = ["<b>" + t._("Forum groups (admins only)") + "</b>"]
    for forum in config.forums:
        for chat, topic, youth in (
            (forum.chat_id, forum.topic_id, False),
            (forum.youth_chat_id, forum.youth_topic_id, True),
        ):
            name = forum.name(t.language)
            if youth:
                name = unescape(t._("{forum} (youth forum)", forum=name))
            if chat is None:
                where = t._("not linked: send /link in its group")
            elif topic is None:
                where = t._("group {chat}", chat=str(chat))  # an id: not a number to format
            else:
                where = t._("group {chat}, topic {topic}", chat=str(chat), topic=str(topic))
            lines.append(f"• {escape(name)}: {where}")
    return "\n".join(lines)


def side_changed(t: Translator, side: Side) -> str:
    """After moving side (an alert)."""
    if side is Side.ADULT:
        return t._(
            "You now take part in the adult forums. What you sent before stays where it was."
        )
    return t._("You now take part in the youth forums. What you sent before stays where it was.")


def membership_note(t: Translator, forum: str, joining: bool, changed: bool) -> str:
    """The notice after a forum button."""
    if not changed:
        if joining:
            return t._("You are already in {forum}.", forum=forum)
        return t._("You are not in {forum}.", forum=forum)
    return t._("Joined {forum}.", forum=forum) if joining else t._("Left {forum}.", forum=forum)


def prompts_note(t: Translator, on: bool) -> str:
    """The notice after the prompts switch."""
    if on:
        return t._("Prompts from your forums will come to you here.")
    return t._("Prompts will no longer come to you here. You can still answer in the groups.")


def summary(t: Translator, names: Sequence[str]) -> str:
    """Which forums the person is in now."""
    if not names:
        return t._("You have not joined any forums yet. You can join any time with /forums.")
    return t.n_(
        "You are in this forum: {forums}.",
        "You are in these {count} forums: {forums}.",
        len(names),
        forums=", ".join(names),
    )


def all_set(t: Translator) -> str:
    """After Done, the first time."""
    return t._("You're all set! Here is what you can do next (or send /help):")


def saved(t: Translator, names: Sequence[str]) -> View:
    """After Done, later times."""
    return View(summary(t, names) + "\n\n" + t._("Saved."))


def choose_language(t: Translator, current: str) -> View:
    """/language: Cymraeg / English, the current one ticked."""
    buttons = [
        Button(("✓ " if code == current else "") + name, SetLanguage(code).pack())
        for code, name in LANGUAGE_NAMES.items()
    ]
    return View(t._("Which language would you like to use?"), Keyboard([buttons]))


def language_set(t: Translator) -> View:
    """In the language just chosen."""
    # TRANSLATORS: shown in the language just chosen: name your own
    # language here ("byddaf yn siarad Cymraeg â chi"), not English.
    return View(t._("Done: I will use English with you from now on."))
