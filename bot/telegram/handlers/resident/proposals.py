"""Residents' proposals: write one (privately or in a forum's group), browse, support, and see
what became of their own.

The writing flow: choose a forum → write → (choose a community) → preview → send. Its state
is kept in the database, so a restart mid-way loses nothing, and the bot confirms a proposal
with its reference only after the proposal has been committed.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot.domain.choices import CHANGE_WORDS, WHOLE_AREA_WORDS, YES_WORDS, match_choice
from bot.domain.people import Person, Side, side_for_band
from bot.domain.periods import day_start
from bot.domain.proposals import (
    SUPPORTABLE,
    WITHDRAWABLE,
    ChangeResult,
    CreateResult,
    Order,
    Page,
    PageRequest,
    Proposal,
    ProposalDraft,
    Status,
    SupportResult,
    TextProblem,
    check_text,
    clean_text,
    initial_status,
)
from bot.domain.roles import Action, Scope, can, configured_reviewers, scope_of
from bot.i18n import LANGUAGES, Translator
from bot.render import proposals as render
from bot.telegram import keyboards
from bot.telegram.callbacks import parse_id
from bot.telegram.context import CydlaisContext
from bot.telegram.keyboards import Keyboard
from bot.telegram.replies import (
    answer_button,
    edit_keyboard,
    edit_or_reply,
    reply,
    reply_with_private_link,
    stale_button,
)
from bot.telegram.sender import paused_text, require_may_post, require_member, require_person

FLOW = "propose"
PAGE_SIZE = 5
MINE_LIMIT = 10


def side_of(person: Person, context: CydlaisContext) -> Side:
    """The side (adult or youth forum) a person's contributions count on."""
    return side_for_band(person.age_band, context.config.youth)


# ---- writing a proposal (private chat) ---------------------------------------------------


async def propose_command(update: Update, context: CydlaisContext) -> None:
    """/propose [text]: choose a forum, then write (text given with the command is kept)."""
    person = await require_member(update, context)
    if person is None or not await require_may_post(update, context):
        return
    text = clean_text(" ".join(context.args or []))
    state: dict[str, Any] = {"step": "forum", "side": side_of(person, context).value}
    if text and check_text(text, context.config.proposals) is None:
        state["text"] = text
    elif text:
        state["attempt"] = text  # kept (nothing lost), but not a proposal's text yet
        await explain_text_problem(update, context, text)
    await context.store.conversations.set(person, FLOW, state)
    await reply(
        update, context.t._("Which forum is your proposal for?"), await _forum_choice(context)
    )


async def _forum_choice(context: CydlaisContext) -> InlineKeyboardMarkup:
    person = context.person
    joined = await context.store.forums.memberships(person) if person else frozenset[str]()
    return keyboards.forum_choice(
        context.t,
        context.config.forums,
        joined,
        lambda forum_id: keyboards.data(keyboards.PROPOSE, "f", forum_id),
    )


async def ask_for_text(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any]
) -> None:
    """Store the flow's state and ask for the proposal's text."""
    state["step"] = "text"
    await context.store.conversations.set(person, FLOW, state)
    limits = context.config.proposals
    forum = render.forum_name(context.config, state["forum"], context.t)
    await edit_or_reply(
        update,
        context.t._(
            "Write your proposal for <b>{forum}</b>. Put a short title on the first line, and "
            "any detail on the lines below ({low} to {high} characters).\n"
            "Send /cancel to stop.",
            forum=forum,
            low=limits.min_length,
            high=limits.max_length,
        ),
    )


async def propose_button(update: Update, context: CydlaisContext) -> None:
    """Forum and community choices, and the preview's Send / Change / Cancel."""
    person = await require_person(update, context)
    if person is None:
        return
    parts = (update.callback_query.data or "").split(":") if update.callback_query else []
    state = await context.store.conversations.get(person)
    if state is None or state[0] != FLOW or len(parts) < 2:
        await stale_button(update, context)
        return
    data = state[1]
    action = parts[1]
    if action == "f" and len(parts) == 3 and context.config.forum(parts[2]):
        await answer_button(update)
        await _forum_chosen(update, context, person, data, parts[2])
    elif action == "c" and len(parts) == 3 and data.get("step") == "community":
        await answer_button(update)
        known = {c.id for c in context.config.communities}
        data["community"] = parts[2] if parts[2] in known else None
        await _preview(update, context, person, data)
    elif action == "send" and data.get("step") == "preview":
        await _send(update, context, person, data)
    elif action == "edit" and "forum" in data:
        await answer_button(update)
        await ask_for_text(update, context, person, data)
    elif action == "stop":
        await context.store.conversations.clear(person)
        await answer_button(update)
        await edit_or_reply(update, context.t._("Cancelled. Nothing was sent."))
    else:
        await stale_button(update, context)


async def _forum_chosen(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any], forum: str
) -> None:
    state["forum"] = forum
    if "text" in state:
        await _after_text(update, context, person, state)
    else:
        await ask_for_text(update, context, person, state)


async def on_proposal_text(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any]
) -> None:
    """Text while writing a proposal. Only the step that asks for the text takes it as the
    proposal's text; at a step that shows buttons, typing what a button says counts as tapping
    it, and anything else leaves the draft as it is and shows the buttons again."""
    message = update.effective_message
    assert message is not None and message.text is not None
    step = state.get("step")
    if step == "text" and "forum" in state:
        await _take_text(update, context, person, state, clean_text(message.text))
    elif step == "community":
        await _typed_at_community(update, context, person, state, message.text)
    elif step == "preview":
        await _typed_at_preview(update, context, person, state, message.text)
    else:
        await _typed_at_forum(update, context, person, state, message.text)


async def _take_text(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any], text: str
) -> None:
    """The proposal's text arrived: keep it and move on, or explain the limit. Text that breaks
    a rule is kept aside (never lost) and does not replace a draft that was fine."""
    if check_text(text, context.config.proposals) is not None:
        state["attempt"] = text
        await context.store.conversations.set(person, FLOW, state)
        await explain_text_problem(update, context, text)
        return
    state["text"] = text
    state.pop("attempt", None)
    await _after_text(update, context, person, state)


async def _typed_at_forum(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any], typed: str
) -> None:
    """Text when the bot asked which forum: a forum's name picks it. Someone who writes their
    proposal straight away has it kept as the draft (they see it again before it is sent)."""
    forums = {f.id: (f.name_cy, f.name_en) for f in context.config.forums}
    forum = match_choice(typed, forums)
    if forum is not None:
        await _forum_chosen(update, context, person, state, forum)
        return
    t = context.t
    text = clean_text(typed)
    fits = check_text(text, context.config.proposals) is None
    if "text" not in state and fits and not _names_a_button(context, typed):
        state["text"] = text
        state.pop("attempt", None)
        await context.store.conversations.set(person, FLOW, state)
        note = t._(
            "Thank you: I have kept what you wrote as your proposal. Which forum is it for? "
            "Please tap one of the buttons below."
        )
    else:
        note = t._("Which forum is your proposal for? Please tap one of the buttons below.")
    await reply(update, note, await _forum_choice(context))


async def _typed_at_community(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any], typed: str
) -> None:
    """Text when the bot asked which community: a community's name (or "the whole area")
    picks it; anything else keeps the draft and asks again."""
    choice = match_choice(typed, _community_names(context))
    if choice is not None:
        state["community"] = None if choice == WHOLE_AREA else choice
        await _preview(update, context, person, state)
        return
    await reply(
        update,
        context.t._(
            "Your proposal is kept just as you wrote it. Which community is it about? "
            "Please tap one of the buttons below."
        ),
        _community_choice(context),
    )


async def _typed_at_preview(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any], typed: str
) -> None:
    """Text at the preview: "send", "yes", "anfon", "ie" send it; "change the text" asks for
    new text; anything else changes nothing and shows the buttons again."""
    choice = match_choice(typed, _preview_words(context.t))
    if choice == "send":
        await _send(update, context, person, state)
    elif choice == "edit" and "forum" in state:
        await ask_for_text(update, context, person, state)
    else:
        await reply(
            update,
            context.t._(
                "Your proposal has not been sent or changed. To send it, tap ✅ Send. To "
                "write it differently, tap ✏️ Change the text first."
            ),
            _preview_keyboard(context.t),
        )


WHOLE_AREA = "-"  # the community choice (in callback data too) for "the whole area"


def _community_names(context: CydlaisContext) -> dict[str, tuple[str, ...]]:
    """Each community's names in both languages, and the words for "the whole area"."""
    names: dict[str, tuple[str, ...]] = {
        c.id: (c.name_cy, c.name_en) for c in context.config.communities
    }
    whole = tuple(context.services.i18n(lang)._("The whole area") for lang in LANGUAGES)
    names[WHOLE_AREA] = (*whole, *WHOLE_AREA_WORDS)
    return names


def _preview_words(t: Translator) -> dict[str, tuple[str, ...]]:
    return {
        "send": (t._("Send"), *YES_WORDS),
        "edit": (t._("Change the text"), *CHANGE_WORDS),
    }


def _names_a_button(context: CydlaisContext, typed: str) -> bool:
    """Whether ``typed`` is what some button of the writing flow says ("Burry Port", "send")."""
    return (
        match_choice(typed, _community_names(context)) is not None
        or match_choice(typed, _preview_words(context.t)) is not None
    )


async def explain_text_problem(update: Update, context: CydlaisContext, text: str) -> bool:
    """Say what is wrong with a proposal's text (True), or nothing if it is fine (False)."""
    limits = context.config.proposals
    problem = check_text(text, limits)
    t = context.t
    if problem is None:
        return False
    if problem is TextProblem.EMPTY:
        await reply(update, t._("Your proposal is empty. Please write a few words."))
    elif problem is TextProblem.TOO_SHORT:
        await reply(
            update,
            t.n_(
                "That is {count} character; a proposal needs at least {low}. "
                "Please say a little more.",
                "That is {count} characters; a proposal needs at least {low}. "
                "Please say a little more.",
                len(text),
                low=limits.min_length,
            ),
        )
    else:
        await reply(
            update,
            t._(
                "That is {count} characters; the limit is {high}. Please shorten it and send "
                "it again. Here is what you wrote, so nothing is lost:",
                count=len(text),
                high=limits.max_length,
            ),
        )
        chat = update.effective_chat
        if chat is not None:
            await chat.send_message(text, parse_mode=None)  # their own words, verbatim
    return True


async def _after_text(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any]
) -> None:
    if check_text(state["text"], context.config.proposals) is not None:
        # Only a draft kept by an older version of the bot can get here: ask for new text.
        await explain_text_problem(update, context, state["text"])
        state["attempt"] = state.pop("text")
        await ask_for_text(update, context, person, state)
        return
    if context.config.communities and "community" not in state:
        state["step"] = "community"
        await context.store.conversations.set(person, FLOW, state)
        await edit_or_reply(
            update, context.t._("Which community is it about?"), _community_choice(context)
        )
        return
    await _preview(update, context, person, state)


def _community_choice(context: CydlaisContext) -> InlineKeyboardMarkup:
    t = context.t
    buttons = [
        keyboards.button(c.name(t.language), keyboards.PROPOSE, "c", c.id)
        for c in context.config.communities
    ]
    rows = keyboards.rows(buttons, 3)
    rows.append([keyboards.button(t._("The whole area"), keyboards.PROPOSE, "c", WHOLE_AREA)])
    return Keyboard(rows)


def _preview_keyboard(t: Translator) -> InlineKeyboardMarkup:
    return Keyboard(
        [
            [keyboards.button("✅ " + t._("Send"), keyboards.PROPOSE, "send")],
            [
                keyboards.button("✏️ " + t._("Change the text"), keyboards.PROPOSE, "edit"),
                keyboards.button("✖️ " + t._("Cancel"), keyboards.PROPOSE, "stop"),
            ],
        ]
    )


async def _preview(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any]
) -> None:
    state["step"] = "preview"
    await context.store.conversations.set(person, FLOW, state)
    t = context.t
    facts = [render.forum_name(context.config, state["forum"], t)]
    community = render.community_name(context.config, state.get("community"), t)
    if community:
        facts.append(community)
    if state.get("side") == Side.YOUTH:
        facts.append(t._("Youth forum"))
    text = render.preview(t, state["text"], facts)
    await edit_or_reply(update, text, _preview_keyboard(t))


async def _send(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any]
) -> None:
    """Send the draft, checking every rule again: how it got here does not matter."""
    if context.config.forum(str(state.get("forum"))) is None:
        await stale_button(update, context)
        return
    text = str(state.get("text", ""))
    if check_text(text, context.config.proposals) is not None:
        await answer_button(update)
        await explain_text_problem(update, context, text)
        if text:
            state["attempt"] = text
        state.pop("text", None)
        await ask_for_text(update, context, person, state)
        return
    meeting = bool(state.get("meeting"))
    if not await require_may_post(update, context):  # a pause stops meeting input too
        return
    side = Side(state.get("side", side_of(person, context).value))
    if meeting and not can(context.grants, Action.MEETING_INPUT, Scope(state["forum"], side)):
        await stale_button(update, context)  # a forum side they do not convene (forged button)
        return
    draft = ProposalDraft(
        forum_id=state["forum"],
        side=side,
        author_id=person.id,
        text=text,
        language=person.language,
        community_id=state.get("community"),
        meeting_input=meeting,
        status=initial_status(side, meeting, context.config.safety.youth_posts_need_approval),
    )
    outcome = await create(context, draft, ends_conversation=True)
    t = context.t
    if outcome is None:
        await answer_button(update)
        await reply(
            update,
            t.n_(
                "You have sent {count} proposal today, which is the daily limit. Your text is "
                "kept: press Send again tomorrow.",
                "You have sent {count} proposals today, which is the daily limit. Your text is "
                "kept: press Send again tomorrow.",
                context.config.proposals.per_person_per_day,
            ),
        )
        return
    proposal, created = outcome
    await answer_button(update)
    forum = render.forum_name(context.config, proposal.forum_id, t)
    if not created:
        text = t._(
            "You already sent this proposal: it is <b>{ref}</b>. There is no need to send it "
            "again.",
            ref=proposal.ref,
        )
    elif meeting:
        text = t._(
            "✅ Recorded as meeting input: <b>{ref}</b> in {forum}.", ref=proposal.ref, forum=forum
        )
    elif proposal.status is Status.SUBMITTED:
        text = awaiting_approval_text(t, proposal.ref, forum)
        await notify_reviewers(context, proposal)
    else:
        text = t._(
            "✅ Thank you! Your proposal is <b>{ref}</b> in {forum}. Others can now support it, "
            "and you will hear from us when its status changes. See it any time with /mine.",
            ref=proposal.ref,
            forum=forum,
        )
    await edit_keyboard(update, None)  # the preview stays, without buttons to press again
    await reply(update, text)


def awaiting_approval_text(t: Translator, ref: str, forum: str) -> str:
    """What a young person is told when their proposal waits for a convenor."""
    return t._(
        "✅ Thank you! Your proposal is <b>{ref}</b> in {forum}. A youth forum convenor will "
        "look at it soon; then others can see and support it. See it any time with /mine.",
        ref=ref,
        forum=forum,
    )


async def notify_reviewers(context: CydlaisContext, proposal: Proposal) -> None:
    """Tell the convenors of that forum side that something waits for their review."""
    reviewers = configured_reviewers(context.config, scope_of(proposal))
    await context.store.moderation.queue_review_notice(proposal.id, reviewers)
    await context.deliver_outbox()


async def create(
    context: CydlaisContext, draft: ProposalDraft, ends_conversation: bool = False
) -> tuple[Proposal, bool] | None:
    """Store a proposal; (proposal, True) if new, (existing, False) if a repeat, None if the
    author reached today's limit (the private flow then stays open for tomorrow)."""
    limits = context.config.proposals
    today = day_start(context.services.clock.now(), context.config.council.timezone)
    outcome = await context.store.proposals.create(
        draft, today, limits.per_person_per_day, ends_conversation
    )
    if outcome.result is CreateResult.DAILY_LIMIT or outcome.proposal is None:
        return None
    return outcome.proposal, outcome.result is CreateResult.CREATED


# ---- proposals in a forum's group ----------------------------------------------------------


async def group_propose_command(update: Update, context: CydlaisContext) -> None:
    """/propose <text> in a forum's group: the proposal goes straight into that forum."""
    message = update.effective_message
    if message is None or update.effective_chat is None:
        return
    linked = context.config.forum_for_chat(update.effective_chat.id, message.message_thread_id)
    if linked is None:
        await reply(
            update,
            context.t._("This group is not linked to a forum, so I can't take proposals here."),
        )
        return
    text = clean_text(" ".join(context.args or []))
    if not text:
        await _invite_group_reply(update, context, linked[0].id, linked[1])
        return
    await group_proposal(update, context, linked[0].id, text)


async def _invite_group_reply(
    update: Update, context: CydlaisContext, forum_id: str, side: str
) -> None:
    chat = update.effective_chat
    message = update.effective_message
    assert chat is not None and message is not None
    sent = await message.reply_text(
        context.t._(
            "Reply to this message with your proposal: a title on the first line, then any detail."
        )
    )
    await context.store.posts.record(chat.id, sent.message_id, "proposal_invite", forum_id, side)


async def group_proposal(
    update: Update, context: CydlaisContext, forum_id: str, text: str
) -> None:
    """Take a proposal written in a group (with /propose, or as a reply to the bot).

    What became of it is told privately. The group sees the same thanks whoever wrote it and
    whatever happened, so it never learns that the writer is young (their proposal waits for a
    youth convenor: "other residents never see your age") or paused.
    """
    person = context.person
    if person is None or not person.onboarded:
        await join_first(update, context)
        return
    text = clean_text(text)
    if await explain_text_problem(update, context, text):
        return  # about the words everyone in the group has just read
    await _tell_privately(
        update, context, person, await _group_outcome(context, person, forum_id, text)
    )


async def _group_outcome(context: CydlaisContext, person: Person, forum_id: str, text: str) -> str:
    """Store a group proposal (unless the person is paused); what its author alone is told."""
    t = context.t
    if not can(context.grants, Action.PROPOSE):
        return paused_text(context)
    side = side_of(person, context)
    draft = ProposalDraft(
        forum_id=forum_id,
        side=side,
        author_id=person.id,
        text=text,
        language=person.language,
        status=initial_status(side, False, context.config.safety.youth_posts_need_approval),
    )
    outcome = await create(context, draft)  # a private draft in progress is kept
    if outcome is None:
        return t._("You have reached today's limit for proposals. Please try again tomorrow.")
    proposal, created = outcome
    forum = render.forum_name(context.config, forum_id, t)
    if not created:
        return t._("That proposal is already in: <b>{ref}</b>.", ref=proposal.ref)
    if proposal.status is Status.SUBMITTED:
        await notify_reviewers(context, proposal)
        return awaiting_approval_text(t, proposal.ref, forum)
    return t._(
        "✅ Thank you! Proposal <b>{ref}</b> is now in {forum}.", ref=proposal.ref, forum=forum
    )


async def _tell_privately(
    update: Update, context: CydlaisContext, person: Person, text: str
) -> None:
    """Send ``text`` to the person's private chat, and thank them in the group in words that
    are the same for everyone."""
    t = context.t
    try:
        await context.bot.send_message(person.telegram_id, text)
    except TelegramError:  # they blocked the bot, or have no private chat with it any more
        await reply_with_private_link(
            update,
            context,
            t._(
                "Thank you! I could not send you a private message about your proposal: "
                "please open a chat with me."
            ),
            t._("Open a private chat"),
            "join",
        )
        return
    await reply(
        update, t._("✅ Thank you! I have sent you a private message about your proposal.")
    )


async def join_first(update: Update, context: CydlaisContext) -> None:
    """Someone who has not joined wrote in a group: point them to the private chat."""
    await reply_with_private_link(
        update,
        context,
        context.t._("To send proposals, please join first in a private chat with me."),
        context.t._("Join privately"),
        "join",
    )


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
