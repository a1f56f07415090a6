"""/help (what this person can do, by role) and /cancel's answer."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.roles import Grants, Role
from bot.i18n import N_, Translator
from bot.render.guides import guide_path
from bot.telegram.callbacks import CallbackData
from bot.telegram.commands import commands_for, heading
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View
from bot.telegram.views.home import main_actions

GUIDE_LABELS = {
    Role.CONVENOR: N_("Convenors' guide"),
    Role.OFFICER: N_("Officers' guide"),
    Role.ADMIN: N_("The clerk's guide"),
}


@dataclass(frozen=True)
class GuideFor(CallbackData, prefix="guide"):
    """📘 A role's guide, sent as a file in the reader's language."""

    role: Role


ROLE_HEADINGS = {
    Role.RESIDENT: N_("<b>As a resident you can:</b>"),
    Role.CONVENOR: N_("<b>As a forum convenor you can also:</b>"),
    Role.OFFICER: N_("<b>As a council officer you can also:</b>"),
    Role.ADMIN: N_("<b>As an administrator you can also:</b>"),
}


def help_text(t: Translator, grants: Grants, joined: bool) -> View:
    """The commands open to someone with ``grants``, under a heading for each of their roles
    (in the Welsh names for Welsh readers); those who have not joined are told how first."""
    sections = []
    for role in grants.roles:
        lines = [
            f"/{c.shown_name(t.language)} – {t._(c.description)}"
            for c in commands_for(grants)
            if heading(c, grants) is role
        ]
        if lines:
            sections.append("\n".join([t._(ROLE_HEADINGS[role]), *lines]))
    if not joined:
        sections.insert(0, t._("Send /start to choose your language and join."))
        return View("\n\n".join(sections))
    keyboard = main_actions(t)
    guides = [
        [Button("📘 " + t._(GUIDE_LABELS[role]), GuideFor(role).pack())]
        for role in grants.roles
        if role in GUIDE_LABELS and guide_path(role, t.language) is not None
    ]
    if guides:
        keyboard = Keyboard([*keyboard.inline_keyboard, *guides])
    return View("\n\n".join(sections), keyboard)


def cancelled(t: Translator, was_in_a_flow: bool) -> View:
    """/cancel's answer: whether there was anything to leave."""
    if was_in_a_flow:
        return View(t._("Cancelled. Nothing was sent."))
    return View(t._("There is nothing to cancel."))
