"""Residents' proposals: browse a forum's, support, and see what became of their own (/mine,
withdrawing). Writing one is in ``write`` and ``group``; the views in views/browse.py."""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Person, Side
from bot.domain.proposals import ChangeResult, Listed, Page, Proposal, Status
from bot.domain.roles import configured_reviewers, scope_of
from bot.domain.visibility import Viewer, may_see
from bot.render import proposals as render
from bot.telegram import replies
from bot.telegram.buttons import on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.sender import require_may_post, require_member, side_of
from bot.telegram.views import browse as views
from bot.telegram.views.browse import (
    ChooseCommunity,
    ListPage,
    Mine,
    MineAction,
    OpenProposal,
    ReportProposal,
    Support,
    Supporting,
    SupportOne,
)

PAGE_SIZE = 5
MINE_LIMIT = 10


async def proposals_command(update: Update, context: CydlaisContext) -> None:
    """/proposals: choose a forum to browse."""
    person = await require_member(update, context)
    if person is not None:
        joined = await context.store.forums.memberships(person)
        await replies.send(update, views.choose_forum(context.t, context.config, joined))


@on_button(ListPage)
async def list_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ListPage
) -> None:
    """A page of a forum's proposals (another page, the other order, a filter)."""
    if context.config.forum(pressed.forum_id) is None:
        await replies.stale(update, context)
        return
    await replies.notice(update)
    await show_page(update, context, person, pressed)


@on_button(ChooseCommunity)
async def community_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ChooseCommunity
) -> None:
    """Which community's proposals to show."""
    if context.config.forum(pressed.forum_id) is None or not context.config.communities:
        await replies.stale(update, context)
        return
    await replies.notice(update)
    await replies.show(update, views.choose_community(context.t, context.config, pressed))


async def show_page(update: Update, context: CydlaisContext, person: Person, at: ListPage) -> None:
    """Read and draw (or redraw) one page of proposals."""
    request = at.request(context.config, PAGE_SIZE)
    listing = await context.store.proposals.page(request, person.id)
    await draw_page(update, context, person, at, listing)


async def draw_page(
    update: Update, context: CydlaisContext, person: Person, at: ListPage, listing: Page
) -> None:
    """Put a page that has been read on the screen (replacing the message its button is on)."""
    request = at.request(context.config, PAGE_SIZE)
    text = render.page(context.t, context.config, request, listing, person.id)
    if listing.total == 0 and side_of(person, context) is Side.YOUTH:
        # A young person's own proposal waits for approval: say so, not "no proposals yet".
        waiting = [
            p
            for p in await context.store.proposals.by_author(person)
            if p.forum_id == at.forum_id and p.status is Status.SUBMITTED
        ]
        if waiting:
            text = render.own_waiting(context.t, waiting)
    view = views.page(context.t, context.config, person, text, at, listing)
    await replies.show(update, view)


@on_button(Support)
async def support_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: Support
) -> None:
    """Support or stop supporting a proposal, then redraw the page it was on."""
    if context.config.forum(pressed.forum_id) is None:
        await replies.stale(update, context)
        return
    if not await require_may_post(update, context):
        return
    at = pressed.list_page
    request = at.request(context.config, PAGE_SIZE)
    adding = pressed.action is Supporting.ADD
    outcome = await context.store.proposals.set_support(
        pressed.proposal_id, person, side_of(person, context), adding, then_show=request
    )
    if outcome.proposal is None or outcome.page is None:
        await replies.stale(update, context)
        return
    await replies.notice(update, views.support_notice(context.t, outcome.result, outcome.proposal))
    await draw_page(update, context, person, at, outcome.page)


async def visible_listed(
    context: CydlaisContext, person: Person | None, proposal_id: int
) -> Listed | None:
    """A proposal the person may see (as shown to everyone, or their own), or None."""
    item = await context.store.proposals.listed(proposal_id, person.id if person else None)
    viewer = Viewer(person.id if person else None, context.grants)
    if item is None or item.proposal.hidden or not may_see(viewer, item.proposal):
        return None  # as if there were none: a stale button cannot confirm one exists
    return item


def share_link(context: CydlaisContext, proposal: Proposal) -> str | None:
    """``https://t.me/<bot>?start=P-0042``, to share where people are (not for youth-side
    proposals, which only members see, nor for those not open to everyone yet)."""
    username = context.bot.username
    if not username or proposal.side is Side.YOUTH or not proposal.published:
        return None
    return f"https://t.me/{username}?start={proposal.ref}"


async def show_proposal(
    update: Update, context: CydlaisContext, person: Person | None, proposal_id: int
) -> bool:
    """Draw a proposal's own view (replacing the message its button is on); False if the
    person may not see it."""
    item = await visible_listed(context, person, proposal_id)
    if item is None:
        return False
    link = share_link(context, item.proposal)
    await replies.show(update, views.proposal(context.t, context.config, person, item, link))
    return True


@on_button(OpenProposal)
async def open_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: OpenProposal
) -> None:
    """A proposal's own view, from a list (or Cancel on the report question)."""
    if await show_proposal(update, context, person, pressed.proposal_id):
        await replies.notice(update)
    else:
        await replies.stale(update, context)


@on_button(SupportOne)
async def support_one_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: SupportOne
) -> None:
    """Support (or not) from a proposal's own view, then redraw it."""
    if not await require_may_post(update, context):
        return
    adding = pressed.action is Supporting.ADD
    outcome = await context.store.proposals.set_support(
        pressed.proposal_id, person, side_of(person, context), adding
    )
    if outcome.proposal is None:
        await replies.stale(update, context)
        return
    await replies.notice(update, views.support_notice(context.t, outcome.result, outcome.proposal))
    await show_proposal(update, context, person, pressed.proposal_id)


async def mine_command(update: Update, context: CydlaisContext) -> None:
    """/mine: the person's proposals, their status and support, and Withdraw while open."""
    person = await require_member(update, context)
    if person is not None:
        await show_mine(update, context, person)


async def show_mine(update: Update, context: CydlaisContext, person: Person) -> None:
    """Draw the list of the person's own proposals."""
    proposals = await context.store.proposals.by_author(person, MINE_LIMIT)
    await replies.show(update, views.mine(context.t, context.config, proposals))


@on_button(Mine)
async def mine_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: Mine
) -> None:
    """Withdraw one's own proposal, after a confirmation."""
    proposal = await context.store.proposals.get(pressed.proposal_id)
    if proposal is None or proposal.author_id != person.id:
        await replies.refuse(update, views.not_yours(context.t))
        return
    if pressed.action is MineAction.WITHDRAW:
        await replies.notice(update)
        await replies.show(update, views.confirm_withdraw(context.t, proposal))
        return
    if pressed.action is MineAction.NO:
        await replies.notice(update)
        await show_mine(update, context, person)
        return
    change = await context.store.proposals.change_status(
        proposal.id, Status.WITHDRAWN, person, "", author_only=True
    )
    t = context.t
    if change.result is ChangeResult.CHANGED:
        await replies.notice(update, views.withdrawn(t, proposal))
    elif change.result is ChangeResult.NOT_AUTHOR:
        await replies.refuse(update, views.not_yours(t))
        return
    else:
        status = render.status_label(t, change.previous or proposal.status)
        await replies.notice(update, views.cannot_withdraw(t, proposal, status), alert=True)
    await show_mine(update, context, person)


@on_button(ReportProposal)
async def report_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ReportProposal
) -> None:
    """Report a proposal: first why (the reason buttons, or Cancel), then its forum side's
    convenors are told (once, at once) and see the reason."""
    item = await visible_listed(context, person, pressed.proposal_id)
    if item is None or item.proposal.author_id == person.id:
        await replies.stale(update, context)
        return
    if not await require_may_post(update, context):
        return
    proposal = item.proposal
    if pressed.reason is None:
        await replies.notice(update)
        await replies.show(update, views.report_reasons(context.t, proposal))
        return
    reviewers = configured_reviewers(context.config, scope_of(proposal))
    new = await context.store.moderation.report(proposal.id, person, reviewers, pressed.reason)
    await replies.notice(update, views.reported(context.t, proposal), alert=True)
    await show_proposal(update, context, person, proposal.id)
    if new:
        await context.deliver_outbox()
