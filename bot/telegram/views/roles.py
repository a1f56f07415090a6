"""/roles as an admin sees it: who holds which role — from the config file (changed there) and
given in the chat (with Revoke) — and what is said after revoking. Names are shown to admins
only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.config import Config
from bot.domain.moderation import GrantHolder
from bot.i18n import N_, Translator, escape, unescape
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View

ROLE_NAMES = {
    "admin": N_("Administrator"),
    "officer": N_("Council officer"),
    "convenor": N_("Convenor"),
}


@dataclass(frozen=True)
class Revoke(CallbackData, prefix="ro"):
    """Take a role given in the chat away."""

    grant_id: int


def _what(t: Translator, config: Config, role: str, forum_id: str | None, side: str | None) -> str:
    name = t._(ROLE_NAMES[role]) if role in ROLE_NAMES else role
    forum = config.forum(forum_id) if forum_id else None
    if forum is None:
        return name
    where = forum.name(t.language)
    if side == "youth":
        where = unescape(t._("{forum} (youth forum)", forum=where))
    return f"{name}: {where}"


def _person(names: Mapping[int, str], telegram_id: int) -> str:
    return escape(names.get(telegram_id, "")) or f"<code>{telegram_id}</code>"


def listing(
    t: Translator, config: Config, given: Sequence[GrantHolder], names: Mapping[int, str]
) -> View:
    """Both lists; ``names`` maps the config file's Telegram ids to names where known."""
    lines = ["<b>" + t._("Roles in the config file") + "</b> " + t._("(change them there)")]
    roles = config.roles
    for telegram_id in roles.admins:
        lines.append(
            f"• {_person(names, telegram_id)}: {escape(_what(t, config, 'admin', None, None))}"
        )
    for telegram_id in roles.officers:
        lines.append(
            f"• {_person(names, telegram_id)}: {escape(_what(t, config, 'officer', None, None))}"
        )
    for forum in config.forums:
        for side, ids in (("adult", forum.convenors), ("youth", forum.youth_convenors)):
            for telegram_id in ids:
                what = _what(t, config, "convenor", forum.id, side)
                lines.append(f"• {_person(names, telegram_id)}: {escape(what)}")
    lines.append("\n<b>" + t._("Roles given in the chat") + "</b>")
    if not given:
        lines.append(t._("None yet: /invite makes a code for one."))
    rows = []
    for holder in given:
        what = _what(t, config, holder.role, holder.forum_id, holder.side)
        lines.append(f"• {escape(holder.name)}: {escape(what)}")
        label = unescape(t._("✖️ Revoke: {name}, {role}", name=holder.name, role=what))
        rows.append([Button(label, Revoke(holder.id).pack())])
    return View("\n".join(lines), Keyboard(rows) if rows else None)


def revoked(t: Translator, config: Config, holder: GrantHolder) -> str:
    """After Revoke."""
    what = _what(t, config, holder.role, holder.forum_id, holder.side)
    return t._("{name} no longer has the role {role}.", name=holder.name, role=what)


def only_admins(t: Translator) -> str:
    """Someone who is not an admin."""
    return t._("Only administrators can see and change roles.")
