"""/settings as admins see it: what the council has set (digest day and time, the answer
promise, quiet hours), the forums and communities with Rename / Well-being goals / Archive,
adding one, the questions for typed values, and the log of changes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from telegram import InlineKeyboardButton

from bot.config import WELLBEING_GOALS, CommunityConfig, Config, ForumConfig
from bot.domain.settings import NAME_MAX, PROMISE_DAYS
from bot.i18n import N_, Translator, escape
from bot.render.goals import GOAL_NAMES
from bot.store import SettingChange
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard, rows
from bot.telegram.views import View

ACTION_LABELS = {
    "add_forum": N_("added the forum"),
    "rename_forum": N_("renamed the forum"),
    "forum_goals": N_("changed the well-being goals of"),
    "archive_forum": N_("archived the forum"),
    "restore_forum": N_("restored the forum"),
    "add_community": N_("added the community"),
    "rename_community": N_("renamed the community"),
    "archive_community": N_("archived the community"),
    "restore_community": N_("restored the community"),
    "digest_day": N_("changed the digest's day and time"),
    "answer_promise": N_("changed the answer promise"),
    "quiet_hours": N_("changed the quiet hours"),
}


class Section(StrEnum):
    """A screen of /settings."""

    HOME = "h"
    FORUMS = "f"
    COMMUNITIES = "c"
    DIGEST = "d"
    PROMISE = "n"  # not "p": that is OpenPlace's tag
    QUIET = "q"
    LOG = "l"


class PlaceKind(StrEnum):
    """Forums or communities."""

    FORUM = "f"
    COMMUNITY = "c"


class PlaceAction(StrEnum):
    """What can be done to a forum or community."""

    RENAME = "r"
    GOALS = "g"
    ARCHIVE = "a"
    RESTORE = "u"


@dataclass(frozen=True)
class OpenSettings(CallbackData, prefix="cfg"):
    """One screen of /settings."""

    section: Section


@dataclass(frozen=True)
class OpenPlace(CallbackData, prefix="cfg", tag="p"):
    """A forum or community, with what can be done to it."""

    kind: PlaceKind
    place_id: str


@dataclass(frozen=True)
class OnPlace(CallbackData, prefix="cfg", tag="o"):
    """Rename, goals, archive or restore a forum or community."""

    kind: PlaceKind
    place_id: str
    action: PlaceAction


@dataclass(frozen=True)
class AddPlace(CallbackData, prefix="cfg", tag="a"):
    """➕ Add a forum or community."""

    kind: PlaceKind


@dataclass(frozen=True)
class ToggleGoal(CallbackData, prefix="cfg", tag="g"):
    """A Well-being of Future Generations goal on or off for a forum (its place in the list)."""

    forum_id: str
    goal: int


@dataclass(frozen=True)
class DigestDay(CallbackData, prefix="cfg", tag="w"):
    """The digest's weekday (0 = Monday); its time is asked next."""

    weekday: int


def _back(t: Translator, section: Section = Section.HOME) -> list[InlineKeyboardButton]:
    return [Button("◀️ " + t._("Back"), OpenSettings(section).pack())]


def home(t: Translator, config: Config) -> View:
    """What is set now, and a button for each part."""
    quiet = f"{config.prompts.quiet_start:%H:%M}–{config.prompts.quiet_end:%H:%M}"
    text = "\n".join(
        [
            t._("⚙️ <b>Settings</b> (admins only). Changes take effect at once and are logged."),
            "",
            t._(
                "📊 The digest goes on {day} at {time}.",
                day=t.weekday(config.digest.weekday, mid_sentence=True),
                time=f"{config.digest.time:%H:%M}",
            ),
            t._(
                "⏱ The council's promise: a first answer within {promise}.",
                promise=t.duration(config.accountability.answer_within_days),
            ),
            t._("🌙 Quiet hours: {hours}.", hours=quiet),
        ]
    )
    buttons = [
        Button("🗂 " + t._("Forums"), OpenSettings(Section.FORUMS).pack()),
        Button("📍 " + t._("Communities"), OpenSettings(Section.COMMUNITIES).pack()),
        Button("📊 " + t._("Digest day and time"), OpenSettings(Section.DIGEST).pack()),
        Button("⏱ " + t._("Answer promise"), OpenSettings(Section.PROMISE).pack()),
        Button("🌙 " + t._("Quiet hours"), OpenSettings(Section.QUIET).pack()),
        Button("📜 " + t._("Recent changes"), OpenSettings(Section.LOG).pack()),
    ]
    return View(text, Keyboard(rows(buttons, 2)))


def places(t: Translator, config: Config, kind: PlaceKind) -> View:
    """Every forum (or community), archived ones marked, and ➕ Add."""
    found: Sequence[ForumConfig | CommunityConfig] = (
        config.forums if kind is PlaceKind.FORUM else config.communities
    )
    keyboard: list[list[InlineKeyboardButton]] = []
    for place in found:
        label = place.name(t.language)
        if place.archived:
            label = t._("{name} (archived)", name=label)
        keyboard.append([Button(label, OpenPlace(kind, place.id).pack())])
    add = t._("Add a forum") if kind is PlaceKind.FORUM else t._("Add a community")
    keyboard.append([Button("➕ " + add, AddPlace(kind).pack())])
    keyboard.append(_back(t))
    text = (
        t._("Forums: tap one to rename it, choose its well-being goals or archive it.")
        if kind is PlaceKind.FORUM
        else t._("Communities and wards: tap one to rename or archive it.")
    )
    return View(text, Keyboard(keyboard))


def place(t: Translator, config: Config, kind: PlaceKind, place_id: str) -> View | None:
    """One forum or community: its names (and goals), and what can be done; None if unknown."""
    found: ForumConfig | CommunityConfig | None
    if kind is PlaceKind.FORUM:
        found = config.forum(place_id)
    else:
        found = next((c for c in config.communities if c.id == place_id), None)
    if found is None:
        return None
    archived = found.archived
    lines = [
        f"<b>{escape(found.name_cy)}</b> / <b>{escape(found.name_en)}</b>",
        t._("Its id: {id}", id=place_id),
    ]
    if isinstance(found, ForumConfig):
        goals = ", ".join(t._(GOAL_NAMES[g]) for g in found.wellbeing_goals) or "—"
        lines.append(t._("Well-being goals: {goals}", goals=goals))
    if archived:
        lines.append(t._("Archived: out of every menu; its history stays in digests and exports."))
    actions = [Button("✏️ " + t._("Rename"), OnPlace(kind, place_id, PlaceAction.RENAME).pack())]
    if kind is PlaceKind.FORUM:
        data = OnPlace(kind, place_id, PlaceAction.GOALS).pack()
        actions.append(Button("🎯 " + t._("Well-being goals"), data))
    if archived:
        data = OnPlace(kind, place_id, PlaceAction.RESTORE).pack()
        actions.append(Button("♻️ " + t._("Restore"), data))
    else:
        actions.append(
            Button("🗄 " + t._("Archive"), OnPlace(kind, place_id, PlaceAction.ARCHIVE).pack())
        )
    back = Section.FORUMS if kind is PlaceKind.FORUM else Section.COMMUNITIES
    return View("\n".join(lines), Keyboard([*rows(actions, 2), _back(t, back)]))


def goals(t: Translator, forum: ForumConfig) -> View:
    """The seven well-being goals, ticked where the forum serves them."""
    keyboard: list[list[InlineKeyboardButton]] = [
        [
            Button(
                ("✅ " if goal in forum.wellbeing_goals else "▫️ ") + t._(GOAL_NAMES[goal]),
                ToggleGoal(forum.id, index).pack(),
            )
        ]
        for index, goal in enumerate(WELLBEING_GOALS)
    ]
    keyboard.append([Button("◀️ " + t._("Done"), OpenPlace(PlaceKind.FORUM, forum.id).pack())])
    text = t._(
        "Which well-being goals does {forum} serve? The digest counts its proposals under each.",
        forum=forum.name(t.language),
    )
    return View(text, Keyboard(keyboard))


def archived_note(t: Translator, kind: PlaceKind, name: str, checkins: int) -> str:
    """After archiving: what happens now (an alert)."""
    if kind is PlaceKind.COMMUNITY:
        return t._("{name} is archived: no longer offered; proposals about it keep it.", name=name)
    return t.n_(
        "{name} is archived. Its {count} check-in stops until you restore it; its history "
        "stays in digests and exports.",
        "{name} is archived. Its {count} check-ins stop until you restore it; its history "
        "stays in digests and exports.",
        checkins,
        name=name,
    )


def ask_name(t: Translator, language: str, adding: bool) -> View:
    """The next name to type: Welsh first, then English."""
    if language == "cy":
        text = t._(
            "Send the name in Welsh (at most {most} characters). /cancel to stop.", most=NAME_MAX
        )
    else:
        text = t._("Now send the name in English (at most {most} characters).", most=NAME_MAX)
    return View(("➕ " if adding else "✏️ ") + text)


def bad_name(t: Translator, taken: bool) -> View:
    """A name that cannot be used (the step is asked again)."""
    if taken:
        return View(t._("Another forum or community already has that name. Please send another."))
    return View(t._("Please send a name of 1 to {most} characters.", most=NAME_MAX))


def digest_days(t: Translator, config: Config) -> View:
    """Which day? (then the time is asked)."""
    buttons = [
        Button(("✓ " if i == config.digest.weekday else "") + t.weekday(i), DigestDay(i).pack())
        for i in range(7)
    ]
    return View(
        t._("On which day should the weekly digest go?"), Keyboard([*rows(buttons, 2), _back(t)])
    )


def ask_value(t: Translator, section: Section) -> View:
    """The question for a typed value."""
    if section is Section.DIGEST:
        return View(t._("At what time? For example 9am or 09:00. /cancel to stop."))
    if section is Section.PROMISE:
        low, high = PROMISE_DAYS
        return View(
            t._(
                "Within how many days does the council promise a first answer to a proposal? "
                "Send a number from {low} to {high}. /cancel to stop.",
                low=low,
                high=high,
            )
        )
    return View(
        t._(
            "Send the quiet hours (no prompts or notices then), for example 21:00-08:00 or "
            "9pm to 8am. /cancel to stop."
        )
    )


def not_understood(t: Translator, section: Section) -> View:
    """A typed value that cannot be read (asked again)."""
    return View(t._("Sorry, I could not read that.") + "\n" + ask_value(t, section).text)


def saved(t: Translator) -> str:
    """After a change (a notice)."""
    return t._("Saved.")


def log(t: Translator, changes: Sequence[SettingChange]) -> View:
    """The latest changes: when, who, what."""
    if not changes:
        return View(t._("No changes have been made in the chat yet."), Keyboard([_back(t)]))
    lines = [t._("📜 <b>Recent changes</b> (newest first)")]
    for change in changes:
        action = t._(ACTION_LABELS[change.action]) if change.action in ACTION_LABELS else ""
        subject = change.target.split(":", 1)[-1] if ":" in change.target else ""
        detail = f" ({change.detail})" if change.detail else ""
        lines.append(
            f"{escape(t.date(change.at, 'short'))} · {escape(change.who or '—')} · "
            f"{action} {escape(subject)}{escape(detail)}"
        )
    return View("\n".join(lines), Keyboard([_back(t)]))


def only_admins(t: Translator) -> str:
    """/settings from someone who is not an admin."""
    return t._("Sorry, settings are for the council's administrators.")
