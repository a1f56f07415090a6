"""Browsing and supporting proposals, and one's own proposals, as people see them: the forum
choice, a page with Support / Report buttons and page controls, the notices after a support,
/mine with Withdraw and its confirmation.

The data keeps the shape older versions put in chats ("pl:transport:n:0",
"ps:+:42:transport:n:0", "pm:w:42"), so buttons already in people's chats still work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from telegram import InlineKeyboardButton

from bot.config import Config
from bot.domain.people import Person
from bot.domain.proposals import SUPPORTABLE, WITHDRAWABLE, Order, Page, Proposal, SupportResult
from bot.i18n import Translator
from bot.render import proposals as render
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard, shared
from bot.telegram.views import View


class Supporting(StrEnum):
    """Support, or take support back."""

    ADD = "+"
    REMOVE = "-"


class MineAction(StrEnum):
    """/mine's buttons: withdraw, then yes or no."""

    WITHDRAW = "w"
    YES = "y"
    NO = "n"


@dataclass(frozen=True)
class ListPage(CallbackData, prefix="pl"):
    """One page of a forum's proposals in an order."""

    forum_id: str
    order: Order
    page: int


@dataclass(frozen=True)
class Support(CallbackData, prefix="ps"):
    """Support (or not) a proposal, then redraw the page it was on."""

    action: Supporting
    proposal_id: int
    forum_id: str
    order: Order
    page: int


@dataclass(frozen=True)
class ReportProposal(CallbackData, prefix="rp"):
    """⚑ Report under a proposal: its forum side's convenors are told."""

    proposal_id: int


@dataclass(frozen=True)
class Mine(CallbackData, prefix="pm"):
    """Withdraw one's own proposal (asked to confirm)."""

    action: MineAction
    proposal_id: int


def choose_forum(t: Translator, config: Config, joined: frozenset[str]) -> View:
    """/proposals: which forum (their own forums first)."""
    ordered = [f for f in config.forums if f.id in joined]
    ordered += [f for f in config.forums if f.id not in joined]
    rows = [[Button(f.name(t.language), ListPage(f.id, Order.NEWEST, 0).pack())] for f in ordered]
    return View(t._("Which forum's proposals would you like to see?"), Keyboard(rows))


def page(
    t: Translator, person: Person, text: str, forum_id: str, order: Order, listing: Page
) -> View:
    """A page of proposals: Support (or take back) and Report under each, then the controls."""
    rows: list[list[InlineKeyboardButton]] = []
    for item in listing.items:
        proposal = item.proposal
        if proposal.author_id == person.id:
            continue
        row: list[InlineKeyboardButton] = []
        if proposal.status in SUPPORTABLE:
            action = Supporting.REMOVE if item.supported_by_viewer else Supporting.ADD
            label = (
                "↩️ " + t._("Withdraw support for {ref}", ref=proposal.ref)
                if item.supported_by_viewer
                else "👍 " + t._("Support {ref}", ref=proposal.ref)
            )
            data = Support(action, proposal.id, forum_id, order, listing.page).pack()
            row.append(shared(label, data))
        row.append(shared("⚑ " + t._("Report"), ReportProposal(proposal.id).pack()))
        rows.append(row)
    navigation: list[InlineKeyboardButton] = []
    if listing.page > 0:
        navigation.append(Button("◀️", ListPage(forum_id, order, listing.page - 1).pack()))
    if listing.page + 1 < listing.pages:
        navigation.append(Button("▶️", ListPage(forum_id, order, listing.page + 1).pack()))
    other = Order.NEWEST if order is Order.MOST_SUPPORTED else Order.MOST_SUPPORTED
    other_label = t._("Newest first") if other is Order.NEWEST else t._("Most supported first")
    navigation.append(Button(other_label, ListPage(forum_id, other, 0).pack()))
    rows.append(navigation)
    return View(text, Keyboard(rows))


def support_notice(t: Translator, result: SupportResult, proposal: Proposal) -> str:
    """The notice after a Support button."""
    ref = proposal.ref
    match result:
        case SupportResult.ADDED:
            return t._("Thank you for supporting {ref}.", ref=ref)
        case SupportResult.REMOVED:
            return t._("You no longer support {ref}.", ref=ref)
        case SupportResult.ALREADY:
            return t._("You already support {ref}.", ref=ref)
        case SupportResult.NOT_SUPPORTING:
            return t._("You were not supporting {ref}.", ref=ref)
        case SupportResult.OWN:
            return t._(
                "{ref} is your own proposal: you can't support it, but you can share it!",
                ref=ref,
            )
        case _:
            return t._("{ref} is no longer open for support.", ref=ref)


def mine(t: Translator, config: Config, proposals: Sequence[Proposal]) -> View:
    """/mine: the person's proposals, with Withdraw under those still open."""
    if not proposals:
        return View(t._("You have not sent any proposals yet. Send one with /propose."))
    rows = [
        [Button(t._("Withdraw {ref}", ref=p.ref), Mine(MineAction.WITHDRAW, p.id).pack())]
        for p in proposals
        if p.status in WITHDRAWABLE
    ]
    return View(render.mine_list(t, config, list(proposals)), Keyboard(rows) if rows else None)


def confirm_withdraw(t: Translator, proposal: Proposal) -> View:
    """Are you sure?"""
    buttons = [
        Button(t._("Yes, withdraw it"), Mine(MineAction.YES, proposal.id).pack()),
        Button(t._("No, keep it"), Mine(MineAction.NO, proposal.id).pack()),
    ]
    text = t._(
        "Withdraw <b>{ref}</b> “{title}”? It will no longer be open for support.",
        ref=proposal.ref,
        title=proposal.title,
    )
    return View(text, Keyboard([buttons]))


def reported(t: Translator, proposal: Proposal) -> str:
    """After Report (an alert)."""
    return t._("Thank you. The forum's convenors will look at {ref}.", ref=proposal.ref)


def not_yours(t: Translator) -> str:
    """Someone else's proposal (a forged button)."""
    return t._("You can only withdraw your own proposals.")


def withdrawn(t: Translator, proposal: Proposal) -> str:
    """After withdrawing."""
    return t._("{ref} has been withdrawn.", ref=proposal.ref)


def cannot_withdraw(t: Translator, proposal: Proposal, status: str) -> str:
    """Decided (or withdrawn) meanwhile."""
    return t._(
        "{ref} can no longer be withdrawn: it is {status}.", ref=proposal.ref, status=status
    )
