"""What officers see when they answer residents: /respond and /overdue ("closing the loop")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.config import Config
from bot.domain.accountability import RESPONSE_MAX
from bot.domain.proposals import Proposal, reference
from bot.i18n import Translator
from bot.render import limits
from bot.render import proposals as render
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View

SHOWN = 10  # overdue proposals in one message (each with two buttons)


@dataclass(frozen=True)
class ReplyTo(CallbackData, prefix="rs"):
    """From /overdue: write a reply to this proposal's author."""

    proposal_id: int


@dataclass(frozen=True)
class Decide(CallbackData, prefix="rs", tag="st"):
    """From /overdue: show the proposal with its status buttons (as /status P-0042 does)."""

    proposal_id: int


def usage(t: Translator) -> View:
    """How to write /respond."""
    return View(
        t._(
            "Write /respond, the proposal's reference and your message to its author, e.g. "
            "<code>/respond P-0042 Thank you — we have asked the highways team and will tell "
            "you what they say by the end of the month.</code> This answers the proposal "
            "without deciding it; use /status to decide."
        )
    )


def ask_for_reply(t: Translator, proposal: Proposal) -> View:
    """After the Reply button: the words come next."""
    return View(
        t._(
            "Write your reply to the author of {ref} (“{title}”). It counts as the council's "
            "answer; supporters who follow it hear it too. /cancel to stop.",
            ref=proposal.ref,
            title=limits.trim(proposal.title, render.TITLE_ROOM),
        )
    )


def too_long(t: Translator, count: int) -> View:
    """A reply over RESPONSE_MAX: nothing sent; the words follow, given back."""
    return View(
        t._(
            "That reply is {count} characters; the limit is {high}. Nothing was sent. Please "
            "shorten it and send it again. Here is what you wrote, so nothing is lost:",
            count=count,
            high=RESPONSE_MAX,
        )
    )


def sent(t: Translator, proposal: Proposal, author_told: bool, followers: int) -> View:
    """After a reply was kept and queued."""
    lines = [t._("Your reply to {ref} is kept in its history.", ref=proposal.ref)]
    if author_told:
        lines.append(t._("Its author will receive it."))
    if followers:
        lines.append(
            t.n_(
                "{count} supporter who follows it will too.",
                "{count} supporters who follow it will too.",
                followers,
            )
        )
    return View(" ".join(lines))


def overdue_list(
    t: Translator, config: Config, overdue: list[Proposal], due: dict[int, date]
) -> View:
    """Proposals past the promise, oldest first, grouped by forum, with Reply / Decide."""
    days = t.duration(config.accountability.answer_within_days)
    if not overdue:
        return View(t._("Every proposal has had an answer within {promise}. 🎉", promise=days))
    lines = [
        t.n_(
            "<b>{count} proposal has had no answer within {promise}</b> (oldest first):",
            "<b>{count} proposals have had no answer within {promise}</b> (oldest first):",
            len(overdue),
            promise=days,
        )
    ]
    buttons = []
    for forum in config.forums:
        mine = [p for p in overdue[:SHOWN] if p.forum_id == forum.id]
        if not mine:
            continue
        lines.append(f"\n<b>{render.forum_name(config, forum.id, t)}</b>")
        for proposal in mine:
            lines.append(_line(t, proposal, due[proposal.id]))
            buttons.append(
                [
                    Button(
                        t._("💬 Reply to {ref}", ref=proposal.ref), ReplyTo(proposal.id).pack()
                    ),
                    Button(t._("Decide {ref}", ref=proposal.ref), Decide(proposal.id).pack()),
                ]
            )
    if len(overdue) > SHOWN:
        lines.append(
            "\n" + t._("…and {count} more: answer these first.", count=len(overdue) - SHOWN)
        )
    return View("\n".join(lines), Keyboard(buttons))


def _line(t: Translator, proposal: Proposal, due: date) -> str:
    title = limits.trim(proposal.title, 80)
    return t._(
        "{ref} “{title}” — due {date}",
        ref=reference(proposal.id),
        title=title,
        date=t.date(due, "medium"),
    )
