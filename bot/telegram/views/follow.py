"""Following a proposal one supports: the button under news about it that stops the news."""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import Translator
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View


@dataclass(frozen=True)
class StopFollowing(CallbackData, prefix="uf"):
    """Stop hearing about a proposal one supports (the support stays)."""

    proposal_id: int


def stop_keyboard(t: Translator, proposal_id: int) -> Keyboard:
    """Under news sent to a follower."""
    return Keyboard([[Button(t._("🔕 Stop news about this"), StopFollowing(proposal_id).pack())]])


def stopped(t: Translator, ref: str) -> View:
    """After the tap."""
    return View(
        t._(
            "You will no longer hear about {ref}. Your support still counts.",
            ref=ref,
        )
    )
