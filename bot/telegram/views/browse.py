"""Browsing and supporting proposals, and one's own proposals, as people see them: the forum
choice, a page with Support and "more" buttons, filters and page controls, a proposal's own
view (support, share its link, report it with a reason), the notices after a support, /mine
with Withdraw and its confirmation.

The data keeps the shape older versions put in chats ("pl:transport:n:0",
"ps:+:42:transport:n:0", "pm:w:42"), so buttons already in people's chats still work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from telegram import InlineKeyboardButton

from bot.config import Config
from bot.domain.moderation import ReportReason
from bot.domain.people import Person
from bot.domain.proposals import (
    SUPPORTABLE,
    WITHDRAWABLE,
    Listed,
    Order,
    Page,
    PageRequest,
    Proposal,
    SupportResult,
)
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
    """One page of a forum's proposals in an order; optionally only those open for support,
    and only those about one community (its place in the config's list, counting from 1: a
    community's id could make the data too long for Telegram)."""

    forum_id: str
    order: Order
    page: int
    open_only: bool | None = None
    community: int | None = None

    def request(self, config: Config, size: int) -> PageRequest:
        """The page to read (a community no longer configured shows them all)."""
        return PageRequest(
            self.forum_id, self.order, self.page, size, bool(self.open_only),
            community_at(config, self.community),
        )  # fmt: skip

    def elsewhere(self, **changes: object) -> ListPage:
        """The same list with some fields changed (another page, order or filter)."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Support(CallbackData, prefix="ps"):
    """Support (or not) a proposal, then redraw the page it was on (with its filters)."""

    action: Supporting
    proposal_id: int
    forum_id: str
    order: Order
    page: int
    open_only: bool | None = None
    community: int | None = None

    @property
    def list_page(self) -> ListPage:
        """The page to redraw."""
        return ListPage(self.forum_id, self.order, self.page, self.open_only, self.community)


@dataclass(frozen=True)
class ChooseCommunity(CallbackData, prefix="pl", tag="c"):
    """Which community's proposals to show in a forum's list."""

    forum_id: str
    order: Order
    open_only: bool | None = None


@dataclass(frozen=True)
class OpenProposal(CallbackData, prefix="po"):
    """A proposal's own view (also what its link ``?start=P-0042`` opens)."""

    proposal_id: int


@dataclass(frozen=True)
class SupportOne(CallbackData, prefix="po", tag="s"):
    """Support (or not) from a proposal's own view, then redraw it."""

    action: Supporting
    proposal_id: int


@dataclass(frozen=True)
class ReportProposal(CallbackData, prefix="rp"):
    """⚑ Report, in a proposal's own view: without a reason it asks for one (tapping a reason
    is the confirmation); with one, its forum side's convenors are told."""

    proposal_id: int
    reason: ReportReason | None = None


def community_at(config: Config, position: int | None) -> str | None:
    """The id of the community at this place in the config's list (from 1), if any."""
    if position is None or not 1 <= position <= len(config.communities):
        return None
    return config.communities[position - 1].id


@dataclass(frozen=True)
class Mine(CallbackData, prefix="pm"):
    """Withdraw one's own proposal (asked to confirm)."""

    action: MineAction
    proposal_id: int


def choose_forum(t: Translator, config: Config, joined: frozenset[str]) -> View:
    """/proposals: which forum (their own forums first)."""
    ordered = [f for f in config.open_forums if f.id in joined]
    ordered += [f for f in config.open_forums if f.id not in joined]
    rows = [[Button(f.name(t.language), ListPage(f.id, Order.NEWEST, 0).pack())] for f in ordered]
    return View(t._("Which forum's proposals would you like to see?"), Keyboard(rows))


def page(
    t: Translator, config: Config, person: Person, text: str, at: ListPage, listing: Page
) -> View:
    """A page of proposals: Support (or take back) and "more" under each (one's own: "more"
    only), then the filters and the page controls."""
    rows: list[list[InlineKeyboardButton]] = []
    shown = at.elsewhere(page=listing.page)
    for item in listing.items:
        proposal = item.proposal
        row: list[InlineKeyboardButton] = []
        if proposal.author_id != person.id and proposal.status in SUPPORTABLE:
            row.append(_support_button(t, item, shown))
        row.append(
            shared("ℹ️ " + t._("More: {ref}", ref=proposal.ref), OpenProposal(proposal.id).pack())
        )
        rows.append(row)
    if listing.total == 0 and (at.open_only or at.community is not None):
        everything = ListPage(at.forum_id, at.order, 0).pack()
        rows.append([Button("📋 " + t._("All proposals in this forum"), everything)])
    rows.append(_filters(t, config, shown))
    rows.append(_navigation(t, shown, listing))
    return View(text, Keyboard(rows))


def _support_button(t: Translator, item: Listed, at: ListPage) -> InlineKeyboardButton:
    proposal = item.proposal
    action = Supporting.REMOVE if item.supported_by_viewer else Supporting.ADD
    label = (
        "↩️ " + t._("Withdraw support for {ref}", ref=proposal.ref)
        if item.supported_by_viewer
        else "👍 " + t._("Support {ref}", ref=proposal.ref)
    )
    data = Support(
        action, proposal.id, at.forum_id, at.order, at.page, at.open_only, at.community
    ).pack()
    return shared(label, data)


def _filters(t: Translator, config: Config, at: ListPage) -> list[InlineKeyboardButton]:
    """Open only (or all again), and which community (when the council names any)."""
    first = at.elsewhere(page=0)
    row: list[InlineKeyboardButton] = [
        Button("📋 " + t._("Show all"), first.elsewhere(open_only=None).pack())
        if at.open_only
        else Button("🟢 " + t._("Open ones only"), first.elsewhere(open_only=True).pack())
    ]
    if config.communities:
        chosen = community_at(config, at.community) is not None
        label = t._("Another community") if chosen else t._("One community")
        data = ChooseCommunity(at.forum_id, at.order, at.open_only).pack()
        row.append(Button("📍 " + label, data))
    return row


def _navigation(t: Translator, at: ListPage, listing: Page) -> list[InlineKeyboardButton]:
    navigation: list[InlineKeyboardButton] = []
    if listing.page > 0:
        navigation.append(Button("◀️", at.elsewhere(page=listing.page - 1).pack()))
    if listing.page + 1 < listing.pages:
        navigation.append(Button("▶️", at.elsewhere(page=listing.page + 1).pack()))
    other = Order.NEWEST if at.order is Order.MOST_SUPPORTED else Order.MOST_SUPPORTED
    other_label = t._("Newest first") if other is Order.NEWEST else t._("Most supported first")
    navigation.append(Button(other_label, at.elsewhere(order=other, page=0).pack()))
    return navigation


def choose_community(t: Translator, config: Config, pressed: ChooseCommunity) -> View:
    """Which community's proposals to show (and "everywhere")."""
    rows = [
        [
            Button(
                c.name(t.language),
                ListPage(pressed.forum_id, pressed.order, 0, pressed.open_only, i).pack(),
            )
        ]
        for i, c in enumerate(config.communities, start=1)
        if not c.archived
    ]
    everywhere = ListPage(pressed.forum_id, pressed.order, 0, pressed.open_only)
    rows.append([Button(t._("Everywhere"), everywhere.pack())])
    return View(t._("Proposals about which community?"), Keyboard(rows))


def proposal(
    t: Translator, config: Config, person: Person | None, item: Listed, link: str | None
) -> View:
    """A proposal's own view: all of it, support, the link to share, Report, back to its list."""
    proposal = item.proposal
    own = person is not None and proposal.author_id == person.id
    lines = [render.card(t, config, proposal, full=True)]
    if own:
        lines.append(t._("✎ This is yours"))
    elif item.supported_by_viewer:
        lines.append(t._("✓ You support this"))
    if link is not None:
        lines.append("\n🔗 " + t._("To share it, send this link: {link}", link=link))
    rows: list[list[InlineKeyboardButton]] = []
    if person is not None and not own and proposal.status in SUPPORTABLE:
        action = Supporting.REMOVE if item.supported_by_viewer else Supporting.ADD
        label = (
            "↩️ " + t._("Withdraw support")
            if item.supported_by_viewer
            else "👍 " + t._("Support it")
        )
        rows.append([Button(label, SupportOne(action, proposal.id).pack())])
    if person is not None and not own:
        rows.append([Button("⚑ " + t._("Report it"), ReportProposal(proposal.id).pack())])
    if person is not None:
        back = ListPage(proposal.forum_id, Order.NEWEST, 0).pack()
        rows.append([Button("◀️ " + t._("All proposals in this forum"), back)])
    return View("\n".join(lines), Keyboard(rows) if rows else None)


def report_reasons(t: Translator, proposal: Proposal) -> View:
    """Why report it? Tapping a reason reports it; Cancel goes back to the proposal."""
    rows = [
        [Button(t._(label), ReportProposal(proposal.id, reason).pack())]
        for reason, label in render.REPORT_REASONS.items()
    ]
    rows.append([Button(t._("Cancel: don't report it"), OpenProposal(proposal.id).pack())])
    text = t._(
        "Report <b>{ref}</b> to the forum's convenors? They will look at it and may hide it. "
        "Nobody else is told who reported it. What is wrong with it?",
        ref=proposal.ref,
    )
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
