"""/review as convenors see it: one waiting item at a time (a young person's proposal to
approve, or a reported one) with its buttons, the hidden list, the paused list, and what is said
after each action.

The data keeps the shape older versions put in chats ("rv:ap:12", "rv:i:3", "rv:hl", "rv:bk",
"rv:ub:7"), so buttons already in convenors' chats still work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from telegram import InlineKeyboardButton

from bot.config import Config
from bot.domain.moderation import ReviewItem
from bot.domain.proposals import Proposal
from bot.domain.visibility import PausedPerson
from bot.i18n import Translator, unescape
from bot.render import proposals as render
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View, photos


class ReviewAction(StrEnum):
    """What a convenor does with a proposal."""

    APPROVE = "ap"
    KEEP = "ok"
    HIDE = "hd"
    RESTORE = "rs"
    PAUSE_AUTHOR = "bl"


@dataclass(frozen=True)
class OnProposal(CallbackData, prefix="rv"):
    """Approve, keep, hide, restore, or pause the author."""

    action: ReviewAction
    proposal_id: int


@dataclass(frozen=True)
class ItemAt(CallbackData, prefix="rv", tag="i"):
    """The waiting item at ``index``."""

    index: int


@dataclass(frozen=True)
class HiddenList(CallbackData, prefix="rv", tag="hl"):
    """What is hidden."""


@dataclass(frozen=True)
class PausedList(CallbackData, prefix="rv", tag="bk"):
    """Who is paused."""


@dataclass(frozen=True)
class Unpause(CallbackData, prefix="rv", tag="ub"):
    """Let someone post again."""

    person_id: int


def _more(t: Translator) -> list[InlineKeyboardButton]:
    return [
        Button("🙈 " + t._("Hidden items"), HiddenList().pack()),
        Button("⛔ " + t._("Paused people"), PausedList().pack()),
    ]


def item(
    t: Translator, config: Config, found: ReviewItem, index: int, total: int, may_pause: bool
) -> View:
    """One waiting item, "Item 2 of 5", its actions, Next, and the two lists."""
    card = render.card(t, config, found.proposal, full=True)
    if found.awaiting_approval:
        heading = t._("🆕 <b>Waiting for approval</b> (youth forum)")
    else:
        heading = t.n_(
            "⚑ <b>Reported by {count} member</b>",
            "⚑ <b>Reported by {count} members</b>",
            found.reports,
        )
        if found.reasons:
            heading += "\n" + render.report_reasons(t, found.reasons)
    text = f"{heading}\n\n{card}\n\n" + t._(
        "Item {number} of {total}", number=index + 1, total=total
    )
    pid = found.proposal.id
    first = (
        Button("✅ " + t._("Approve"), OnProposal(ReviewAction.APPROVE, pid).pack())
        if found.awaiting_approval
        else Button("👍 " + t._("Keep"), OnProposal(ReviewAction.KEEP, pid).pack())
    )
    hide = Button("🙈 " + t._("Hide"), OnProposal(ReviewAction.HIDE, pid).pack())
    rows: list[list[InlineKeyboardButton]] = [[first, hide]]
    if found.proposal.photo_file_id is not None:
        rows.append(photos.button(t, found.proposal))
    if may_pause:
        pause = OnProposal(ReviewAction.PAUSE_AUTHOR, pid).pack()
        rows.append([Button("⛔ " + t._("Pause the author"), pause)])
    if total > 1:
        rows.append([Button(t._("Next ▶️"), ItemAt((index + 1) % total).pack())])
    rows.append(_more(t))
    return View(text, Keyboard(rows))


def nothing_waiting(t: Translator) -> View:
    """An empty queue (the two lists still reachable)."""
    return View(t._("Nothing is waiting for review. Thank you!"), Keyboard([_more(t)]))


def hidden(t: Translator, config: Config, shown: Sequence[Proposal]) -> View:
    """What is hidden, each with Restore."""
    if not shown:
        return View(t._("Nothing is hidden."))
    rows = [
        [
            Button(
                "↩️ " + t._("Restore {ref}", ref=p.ref),
                OnProposal(ReviewAction.RESTORE, p.id).pack(),
            )
        ]
        for p in shown
    ]
    return View(render.hidden_list(t, config, list(shown)), Keyboard(rows))


def paused(t: Translator, people: Sequence[PausedPerson]) -> View:
    """Who is paused, each with "let them post again"."""
    if not people:
        return View(t._("Nobody is paused."))
    rows = [
        [
            Button(
                unescape(t._("Let {name} post again", name=p.person.display_name)),
                Unpause(p.person.id).pack(),
            )
        ]
        for p in people
    ]
    return View(t._("<b>Paused people</b>"), Keyboard(rows))


def ask_reason(t: Translator, proposal: Proposal) -> View:
    """After Hide."""
    return View(
        t._(
            "Why are you hiding {ref}? Write a short reason (it is kept in the moderation log).",
            ref=proposal.ref,
        )
    )


def approved(t: Translator, proposal: Proposal) -> str:
    """After Approve."""
    return t._("{ref} is now open for support.", ref=proposal.ref)


def kept(t: Translator, proposal: Proposal) -> str:
    """After Keep."""
    return t._("{ref} stays as it is.", ref=proposal.ref)


def restored(t: Translator, proposal: Proposal) -> str:
    """After Restore."""
    return t._("{ref} is visible again.", ref=proposal.ref)


def author_paused(t: Translator, proposal: Proposal) -> str:
    """After "Pause the author"."""
    return t._("The author of {ref} can no longer post.", ref=proposal.ref)


def proposal_hidden(t: Translator, proposal: Proposal) -> View:
    """After the reason: hidden."""
    return View(
        t._("{ref} is hidden. It stays counted as hidden in the digest.", ref=proposal.ref)
    )


def answer_hidden(t: Translator) -> View:
    """After the reason, for an answer."""
    return View(t._("The answer is hidden. It stays counted in the figures."))


def reason_needed(t: Translator) -> View:
    """An empty reason."""
    return View(t._("A reason is needed to hide something. Nothing was hidden."))
