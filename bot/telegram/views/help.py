"""/help (what this person can do, by role) and /cancel's answer."""

from __future__ import annotations

from bot.domain.roles import Grants, Role
from bot.i18n import N_, Translator
from bot.telegram.commands import commands_for, heading
from bot.telegram.views import View
from bot.telegram.views.home import main_actions

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
    return View("\n\n".join(sections), main_actions(t))


def cancelled(t: Translator, was_in_a_flow: bool) -> View:
    """/cancel's answer: whether there was anything to leave."""
    if was_in_a_flow:
        return View(t._("Cancelled. Nothing was sent."))
    return View(t._("There is nothing to cancel."))
