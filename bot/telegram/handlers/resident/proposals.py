"""Residents' proposals: browse a forum's, support, and see what became of their own (/mine,
withdrawing). Writing one is in ``write`` and ``group``; the views in views/browse.py."""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Person, Side
from bot.domain.proposals import ChangeResult, Order, Page, PageRequest, Status
from bot.domain.roles import configured_reviewers, scope_of
from bot.domain.visibility import Viewer, may_see
from bot.render import proposals as render
from bot.telegram import replies
from bot.telegram.buttons import on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.sender import require_may_post, require_member, side_of
from bot.telegram.views import browse as views
from bot.telegram.views.browse import (
    ListPage,
    Mine,
    MineAction,
    ReportProposal,
    Support,
    Supporting,
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
    """A page of a forum's proposals (another page, the other order)."""
    if context.config.forum(pressed.forum_id) is None:
        await replies.stale(update, context)
        return
    await replies.notice(update)
    await show_page(update, context, person, pressed.forum_id, pressed.order, pressed.page)


async def show_page(
    update: Update, context: CydlaisContext, person: Person, forum_id: str, order: Order, page: int
) -> None:
    """Read and draw (or redraw) one page of proposals."""
    request = PageRequest(forum_id, order, page, PAGE_SIZE)
    listing = await context.store.proposals.page(request, person.id)
    await draw_page(update, context, person, request, listing)


async def draw_page(
    update: Update, context: CydlaisContext, person: Person, request: PageRequest, listing: Page
) -> None:
    """Put a page that has been read on the screen (replacing the message its button is on)."""
    forum_id, order = request.forum_id, request.order
    text = render.page(context.t, context.config, forum_id, listing, order)
    if listing.total == 0 and side_of(person, context) is Side.YOUTH:
        # A young person's own proposal waits for approval: say so, not "no proposals yet".
        waiting = [
            p
            for p in await context.store.proposals.by_author(person)
            if p.forum_id == forum_id and p.status is Status.SUBMITTED
        ]
        if waiting:
            text = render.own_waiting(context.t, waiting)
    await replies.show(update, views.page(context.t, person, text, forum_id, order, listing))


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
    request = PageRequest(pressed.forum_id, pressed.order, pressed.page, PAGE_SIZE)
    adding = pressed.action is Supporting.ADD
    outcome = await context.store.proposals.set_support(
        pressed.proposal_id, person, side_of(person, context), adding, then_show=request
    )
    if outcome.proposal is None or outcome.page is None:
        await replies.stale(update, context)
        return
    await replies.notice(update, views.support_notice(context.t, outcome.result, outcome.proposal))
    await draw_page(update, context, person, request, outcome.page)


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
    """A member reports a proposal to its forum side's convenors (told once, at once)."""
    proposal = await context.store.proposals.get(pressed.proposal_id)
    viewer = Viewer(person.id, context.grants)
    if proposal is None or proposal.hidden or not may_see(viewer, proposal):
        await replies.stale(update, context)  # reporting cannot confirm a proposal exists
        return
    if not await require_may_post(update, context):
        return
    reviewers = configured_reviewers(context.config, scope_of(proposal))
    new = await context.store.moderation.report(proposal.id, person, reviewers)
    await replies.notice(update, views.reported(context.t, proposal), alert=True)
    if new:
        await context.deliver_outbox()
