"""/link and /unlink as an admin sees them in a forum's group: which forum side this group (or
topic) is for, the confirmation (Welsh first, then English, for everyone in the group), and
what is said when something is missing."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Config
from bot.domain.people import Side
from bot.i18n import I18n, Translator, unescape
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View


@dataclass(frozen=True)
class LinkTo(CallbackData, prefix="lk"):
    """Link this group (or topic) to a forum side."""

    forum_id: str
    side: Side


def side_name(t: Translator, config: Config, forum_id: str, side: Side) -> str:
    """ "Transport", or "Transport (youth forum)" (plain text)."""
    forum = config.forum(forum_id)
    name = forum.name(t.language) if forum else forum_id
    return unescape(t._("{forum} (youth forum)", forum=name)) if side is Side.YOUTH else name


def choose(t: Translator, config: Config, topic: bool) -> View:
    """Which forum side is this group (or topic) for? Every forum, both sides."""
    rows = [
        [Button(side_name(t, config, forum.id, side), LinkTo(forum.id, side).pack())]
        for forum in config.open_forums
        for side in Side
    ]
    text = (
        t._("Which forum is this topic for? Messages in this topic will go to it.")
        if topic
        else t._("Which forum is this group for? The forum's prompts will be posted here.")
    )
    return View(text, Keyboard(rows))


def linked(i18n: I18n, config: Config, forum_id: str, side: Side) -> View:
    """The confirmation, for everyone in the group: Welsh first, then English."""
    parts = [
        i18n(language)._(
            "✅ This group is now the forum {forum}'s: its prompts and round-ups come here, and "
            "members can send proposals with /propose.",
            forum=side_name(i18n(language), config, forum_id, side),
        )
        for language in ("cy", "en")
    ]
    return View("\n\n".join(parts))


def unlinked(i18n: I18n, names: list[tuple[str, str]]) -> View:
    """After /unlink (``names``: the forum sides' names in Welsh and English)."""
    parts = [
        i18n(language)._(
            "This group is no longer linked to {forums}.",
            forums=", ".join(cy if language == "cy" else en for cy, en in names),
        )
        for language in ("cy", "en")
    ]
    return View("\n\n".join(parts))


def done_privately(t: Translator, name: str, privacy_on: bool) -> View:
    """In the admin's private chat, after choosing (with the privacy-mode note if it is on)."""
    text = t._("Done: that group is now the forum {forum}'s.", forum=name)
    return View(text + ("\n\n" + privacy_mode(t) if privacy_on else ""))


def not_linked(t: Translator) -> str:
    """/unlink in a group that is not linked."""
    return t._("This group is not linked to any forum.")


def already_linked(t: Translator, name: str) -> str:
    """/link in a group already linked elsewhere."""
    return t._(
        "This group is already linked to {forum}. Send /unlink first to move it.", forum=name
    )


def only_admins(t: Translator) -> str:
    """A non-admin."""
    return t._("Only administrators can link or unlink groups.")


def in_a_group(t: Translator) -> str:
    """/link in a private chat."""
    return t._(
        "Send /link in the forum's Telegram group (or in the topic), after adding me to it."
    )


def cannot_post(t: Translator) -> str:
    """The bot may not post in the group: linking would lose every prompt."""
    return t._(
        "I cannot post in this group yet: make me an administrator (or allow members to send "
        "messages), then send /link again. Nothing was changed."
    )


def privacy_mode(t: Translator) -> str:
    """Telegram's privacy mode is on: replies to the bot still arrive, other messages do not."""
    return t._(
        "Note: my privacy mode is on, so I only see commands and replies to my messages in "
        "this group. That is enough for proposals and answers; turn it off with @BotFather "
        "(/setprivacy) if you want more."
    )
