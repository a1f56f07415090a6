"""/help (what this person can do, by role) and /cancel (leave the flow they are in)."""

from __future__ import annotations

from telegram import Update

from bot.domain.roles import Role
from bot.i18n import N_
from bot.telegram.commands import commands_for, heading
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import reply

ROLE_HEADINGS = {
    Role.RESIDENT: N_("<b>As a resident you can:</b>"),
    Role.CONVENOR: N_("<b>As a forum convenor you can also:</b>"),
    Role.OFFICER: N_("<b>As a council officer you can also:</b>"),
    Role.ADMIN: N_("<b>As an administrator you can also:</b>"),
}


async def help_command(update: Update, context: CydlaisContext) -> None:
    """/help: what this person can do, grouped by their roles."""
    t, grants = context.t, context.grants
    sections = []
    for role in grants.roles:
        lines = [
            f"/{c.shown_name(t.language)} – {t._(c.description)}"
            for c in commands_for(grants)
            if heading(c, grants) is role
        ]
        if lines:
            sections.append("\n".join([t._(ROLE_HEADINGS[role]), *lines]))
    if context.person is None:
        sections.insert(0, t._("Send /start to choose your language and join."))
    await reply(update, "\n\n".join(sections))


async def cancel_command(update: Update, context: CydlaisContext) -> None:
    """/cancel: leave whatever flow the person is in."""
    person = context.person
    cancelled = person is not None and await context.store.conversations.clear(person)
    await reply(
        update,
        context.t._("Cancelled. Nothing was sent.")
        if cancelled
        else context.t._("There is nothing to cancel."),
    )
