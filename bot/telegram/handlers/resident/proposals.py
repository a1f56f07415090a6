"""Residents' proposals: browse, support, and see what became of their own. (Writing one is
in ``write`` and ``group``.)"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType

from bot.domain.people import Person, Side
from bot.domain.proposals import (
    SUPPORTABLE,
    WITHDRAWABLE,
    ChangeResult,
    Order,
    Page,
    PageRequest,
    Proposal,
    Status,
    SupportResult,
)
from bot.i18n import Translator
from bot.render import proposals as render
from bot.telegram import keyboards
from bot.telegram.callbacks import parse_id
from bot.telegram.context import CydlaisContext
from bot.telegram.keyboards import Keyboard
from bot.telegram.replies import (
    answer_button,
    edit_or_reply,
    reply,
    stale_button,
)
from bot.telegram.sender import require_may_post, require_member, side_of

PAGE_SIZE = 5
MINE_LIMIT = 10


# ---- browsing and supporting --------------------------------------------------------------


async def proposals_command(update: Update, context: CydlaisContext) -> None:
    """/proposals: choose a forum to browse."""
    person = await require_member(update, context)
    if person is None:
        return
    joined = await context.store.forums.memberships(person)
    await reply(
        update,
        context.t._("Which forum's proposals would you like to see?"),
        keyboards.forum_choice(
            context.t,
            context.config.forums,
            joined,
            lambda forum_id: keyboards.data(keyboards.LIST, forum_id, Order.NEWEST.value, 0),
        ),
    )


def _page_args(parts: list[str]) -> tuple[str, Order, int] | None:
    """forum, order, page from callback parts (already stripped of prefix and action)."""
    page = parse_id(parts[2]) if len(parts) == 3 else None
    if page is None or parts[1] not in ("n", "s"):
        return None
    return parts[0], Order(parts[1]), page


async def list_button(update: Update, context: CydlaisContext) -> None:
    """Show a page of a forum's proposals (new page, other order)."""
    person = await require_member(update, context)
    if person is None:
        return
    parts = (update.callback_query.data or "").split(":")[1:] if update.callback_query else []
    args = _page_args(parts)
    if args is None or context.config.forum(args[0]) is None:
        await stale_button(update, context)
        return
    await answer_button(update)
    await show_page(update, context, person, *args)


async def show_page(
    update: Update, context: CydlaisContext, person: Person, forum_id: str, order: Order, page: int
) -> None:
    """Draw (or redraw) one page of proposals with Support buttons and page controls."""
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
    await edit_or_reply(update, text, _page_keyboard(context.t, person, forum_id, order, listing))


def _page_keyboard(
    t: Translator, person: Person, forum_id: str, order: Order, listing: Page
) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    here = (forum_id, order.value, listing.page)
    for item in listing.items:
        proposal = item.proposal
        if proposal.author_id == person.id:
            continue
        row = []
        if proposal.status in SUPPORTABLE and item.supported_by_viewer:
            label = "↩️ " + t._("Withdraw support for {ref}", ref=proposal.ref)
            row.append(keyboards.button(label, keyboards.SUPPORT, "-", proposal.id, *here))
        elif proposal.status in SUPPORTABLE:
            label = "👍 " + t._("Support {ref}", ref=proposal.ref)
            row.append(keyboards.button(label, keyboards.SUPPORT, "+", proposal.id, *here))
        row.append(keyboards.button("⚑ " + t._("Report"), keyboards.REPORT, proposal.id))
        rows.append(row)
    navigation = []
    if listing.page > 0:
        navigation.append(
            keyboards.button("◀️", keyboards.LIST, forum_id, order.value, listing.page - 1)
        )
    if listing.page + 1 < listing.pages:
        navigation.append(
            keyboards.button("▶️", keyboards.LIST, forum_id, order.value, listing.page + 1)
        )
    other = Order.NEWEST if order is Order.MOST_SUPPORTED else Order.MOST_SUPPORTED
    other_label = t._("Newest first") if other is Order.NEWEST else t._("Most supported first")
    navigation.append(keyboards.button(other_label, keyboards.LIST, forum_id, other.value, 0))
    rows.append(navigation)
    return Keyboard(rows)


async def support_button(update: Update, context: CydlaisContext) -> None:
    """Support or stop supporting a proposal, then redraw the page it was on."""
    person = await require_member(update, context)
    if person is None:
        return
    parts = (update.callback_query.data or "").split(":") if update.callback_query else []
    args = _page_args(parts[3:]) if len(parts) == 6 else None
    proposal_id = parse_id(parts[2]) if len(parts) == 6 else None
    if args is None or proposal_id is None or parts[1] not in ("+", "-"):
        await stale_button(update, context)
        return
    if not await require_may_post(update, context):
        return
    adding = parts[1] == "+"
    request = PageRequest(*args, PAGE_SIZE)
    outcome = await context.store.proposals.set_support(
        proposal_id, person, side_of(person, context), adding, then_show=request
    )
    if outcome.proposal is None or outcome.page is None:
        await stale_button(update, context)
        return
    await answer_button(update, _support_notice(context.t, outcome.result, outcome.proposal))
    await draw_page(update, context, person, request, outcome.page)


def _support_notice(t: Translator, result: SupportResult, proposal: Proposal) -> str:
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


# ---- your own proposals ------------------------------------------------------------------


async def mine_command(update: Update, context: CydlaisContext) -> None:
    """/mine: the person's proposals, their status and support, and Withdraw while open."""
    person = await require_member(update, context)
    if person is None:
        return
    await show_mine(update, context, person)


async def show_mine(update: Update, context: CydlaisContext, person: Person) -> None:
    """Draw the list of the person's own proposals."""
    t = context.t
    proposals = await context.store.proposals.by_author(person, MINE_LIMIT)
    if not proposals:
        await edit_or_reply(
            update, t._("You have not sent any proposals yet. Send one with /propose.")
        )
        return
    rows = [
        [keyboards.button(t._("Withdraw {ref}", ref=p.ref), keyboards.MINE, "w", p.id)]
        for p in proposals
        if p.status in WITHDRAWABLE
    ]
    text = render.mine_list(t, context.config, proposals)
    await edit_or_reply(update, text, Keyboard(rows) if rows else None)


async def mine_button(update: Update, context: CydlaisContext) -> None:
    """Withdraw one's own proposal, after a confirmation."""
    person = await require_member(update, context)
    if person is None:
        return
    parts = keyboards.parse(
        update.callback_query.data if update.callback_query else None, keyboards.MINE, 3
    )
    proposal_id = parse_id(parts[2]) if parts else None
    if parts is None or parts[1] not in ("w", "y", "n") or proposal_id is None:
        await stale_button(update, context)
        return
    proposal = await context.store.proposals.get(proposal_id)
    t = context.t
    if proposal is None or proposal.author_id != person.id:
        await answer_button(update, t._("You can only withdraw your own proposals."), alert=True)
        return
    if parts[1] == "w":
        await answer_button(update)
        keyboard = Keyboard(
            [
                [
                    keyboards.button(t._("Yes, withdraw it"), keyboards.MINE, "y", proposal.id),
                    keyboards.button(t._("No, keep it"), keyboards.MINE, "n", proposal.id),
                ]
            ]
        )
        await edit_or_reply(
            update,
            t._(
                "Withdraw <b>{ref}</b> “{title}”? It will no longer be open for support.",
                ref=proposal.ref,
                title=proposal.title,
            ),
            keyboard,
        )
    elif parts[1] == "n":
        await answer_button(update)
        await show_mine(update, context, person)
    else:
        await _withdraw(update, context, person, proposal)


async def _withdraw(
    update: Update, context: CydlaisContext, person: Person, proposal: Proposal
) -> None:
    change = await context.store.proposals.change_status(
        proposal.id, Status.WITHDRAWN, person, "", author_only=True
    )
    t = context.t
    if change.result is ChangeResult.CHANGED:
        await answer_button(update, t._("{ref} has been withdrawn.", ref=proposal.ref))
    elif change.result is ChangeResult.NOT_AUTHOR:
        await answer_button(update, t._("You can only withdraw your own proposals."), alert=True)
        return
    else:
        status = render.status_label(t, change.previous or proposal.status)
        await answer_button(
            update,
            t._(
                "{ref} can no longer be withdrawn: it is {status}.",
                ref=proposal.ref,
                status=status,
            ),
            alert=True,
        )
    await show_mine(update, context, person)


def is_private(update: Update) -> bool:
    """Whether the update came from a private chat."""
    return update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE
