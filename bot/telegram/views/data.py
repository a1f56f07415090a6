"""/forget as people see it: what it deletes, the three choices, and the outcome."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.i18n import Translator
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View


class ForgetChoice(StrEnum):
    """The three buttons under "Forget me" (values as older versions wrote them)."""

    KEEP_WORDS = "keep"  # delete the person, keep their words anonymised
    WORDS_TOO = "words"  # delete the person and remove their words
    NO = "no"


@dataclass(frozen=True)
class Forget(CallbackData, prefix="fg"):
    """A choice under "Forget me"."""

    choice: ForgetChoice


def question(t: Translator, kept_after: str) -> View:
    """What /forget deletes and keeps, and the choice."""
    text = t._(
        "<b>Forget me</b>\nWe will delete your name, your Telegram number, your language, "
        "your age band and your forums. What you contributed stays, without your name (as "
        "“a resident”), so the council's figures stay right. You can also remove the words "
        "of your proposals and answers."
    )
    sure = t._("This cannot be undone. Are you sure?")
    keyboard = Keyboard(
        [
            [Button(t._("Delete my data"), Forget(ForgetChoice.KEEP_WORDS).pack())],
            [Button(t._("Delete my data and my words"), Forget(ForgetChoice.WORDS_TOO).pack())],
            [Button(t._("No, keep everything"), Forget(ForgetChoice.NO).pack())],
        ]
    )
    return View(f"{text}\n\n{kept_after}\n\n{sure}", keyboard)


def nothing_deleted(t: Translator) -> View:
    """They chose to keep everything."""
    return View(t._("Nothing was deleted."))


def forgotten(t: Translator) -> View:
    """After /forget did its work."""
    return View(
        t._(
            "Done: we have deleted your data. Thank you for taking part. If you send /start "
            "again, you will join as someone new."
        )
    )
