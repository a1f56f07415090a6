"""/meeting as convenors see it: which forum side's meeting it was (then the writing flow).

The data keeps the shape older versions put in chats ("mt:transport:adult")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.config import Config
from bot.domain.people import Side
from bot.domain.roles import Scope
from bot.i18n import Translator
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Keyboard
from bot.telegram.views import View
from bot.telegram.views.prompting import side_rows


@dataclass(frozen=True)
class MeetingSide(CallbackData, prefix="mt"):
    """The forum side whose meeting raised the proposal."""

    forum_id: str
    side: Side


def choose_side(t: Translator, config: Config, targets: Sequence[Scope]) -> View:
    """Which forum's meeting was it?"""
    rows = side_rows(t, config, targets, lambda s: MeetingSide(s.forum_id, s.side).pack())
    return View(t._("Which forum's meeting was it?"), Keyboard(rows))


def refused(t: Translator) -> str:
    """Someone who does not convene a forum side."""
    return t._("Sorry, only forum convenors can record meeting input.")
