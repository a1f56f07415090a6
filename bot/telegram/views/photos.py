"""A photo sent with a proposal, for the people who may see it (its forum side's convenors
and the council's officers): the button that shows it, and its caption."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton

from bot.domain.proposals import Proposal
from bot.i18n import Translator
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button


@dataclass(frozen=True)
class SeePhoto(CallbackData, prefix="ph"):
    """📷 See the photo sent with a proposal."""

    proposal_id: int


def button(t: Translator, proposal: Proposal) -> list[InlineKeyboardButton]:
    """A row with the photo's button, or an empty row when it has none."""
    if proposal.photo_file_id is None:
        return []
    return [Button("📷 " + t._("See the photo"), SeePhoto(proposal.id).pack())]


def caption(t: Translator, proposal: Proposal) -> str:
    """Whose photo it is, and that it goes no further."""
    return t._(
        "The photo sent with {ref}. For convenors and the council only: please do not share it.",
        ref=proposal.ref,
    )
