"""What /setup says: how to use it, and each outcome."""

from __future__ import annotations

from bot.domain.moderation import SetupResult
from bot.i18n import Translator
from bot.telegram.views import View


def how_to_use(t: Translator) -> View:
    """/setup with no code."""
    return View(
        t._(
            "Send /setup followed by the setup code the bot printed when it started, for "
            "example: <code>/setup K7Q9 MZP4 X2AB CDEF</code>. Spaces do not matter."
        )
    )


def result(t: Translator, outcome: SetupResult, wait_minutes: int) -> View:
    """The outcome of a /setup attempt."""
    if outcome is SetupResult.ADMIN:
        return View(
            t._(
                "You are now this bot's administrator. Next: /invite gives officers and "
                "convenors their roles, and /help lists everything you can do."
            )
        )
    if outcome is SetupResult.ALREADY_SET_UP:
        return View(
            t._(
                "This bot already has an administrator. Ask them for an invite code (/invite) "
                "if you need a role."
            )
        )
    if outcome is SetupResult.EXPIRED:
        return View(
            t._(
                "That setup code has expired (codes last 24 hours). Restart the bot for a new "
                "one: it is printed in the log."
            )
        )
    if outcome is SetupResult.TOO_MANY_TRIES:
        return View(
            t.n_(
                "Too many wrong codes. Please wait {count} minute and try again.",
                "Too many wrong codes. Please wait {count} minutes and try again.",
                wait_minutes,
            )
        )
    return View(
        t._(
            "That is not the setup code. Check it against the bot's log (letters and numbers "
            "only; there is no 0, O, 1, I or L in a code) and try again."
        )
    )
