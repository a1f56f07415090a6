"""Writing a proposal in the private chat: choose a forum → write → (choose a community) →
preview → send.

The draft is kept in the database, so a restart mid-way loses nothing, and the bot confirms a
proposal with its reference only after the proposal has been committed. What is typed along
the way is in ``write_typed``. Convenors' meeting input (``convenor/meeting.py``) goes through
the same flow: it starts a ``Draft`` with ``meeting=True`` and calls ``ask_for_text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from telegram import Update

from bot.domain.people import Person, Side
from bot.domain.periods import day_start
from bot.domain.proposals import (
    CreateResult,
    Proposal,
    ProposalDraft,
    Status,
    TextProblem,
    check_text,
    clean_text,
    initial_status,
)
from bot.domain.roles import Action, Scope, can, configured_reviewers, scope_of
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.sender import posts_wait_for_approval, require_may_post, require_member, side_of
from bot.telegram.views import View
from bot.telegram.views import writing as views
from bot.telegram.views.writing import WHOLE_AREA, AtPreview, PickCommunity, PickForum
from bot.telegram.views.writing import PreviewAction as Do


class Step(StrEnum):
    """Where the writer is: each step but TEXT shows buttons."""

    FORUM = "forum"
    TEXT = "text"
    COMMUNITY = "community"
    PREVIEW = "preview"


@dataclass(frozen=True)
class Draft(FlowState, flow="propose"):
    """A proposal being written. The field names are the keys older versions stored, so a
    draft begun before an upgrade carries on after it."""

    step: Step
    side: Side  # the forum side it goes to: the writer's, or the meeting's
    forum: str | None = None  # the forum's id, once chosen
    text: str | None = None  # the proposal, once its text keeps to the rules
    attempt: str | None = None  # text that broke a rule: kept (nothing lost), never sent
    community: str | None = None  # a community's id or WHOLE_AREA; None: not asked yet
    meeting: bool = False  # meeting input, recorded by a convenor
    meeting_id: int | None = None  # the forum meeting whose notes it was recorded from
    photo: str | None = None  # a photo sent with it (Telegram's file id)

    @property
    def community_id(self) -> str | None:
        """The community the proposal is about; None for the whole area."""
        return None if self.community == WHOLE_AREA else self.community


async def propose_command(update: Update, context: CydlaisContext) -> None:
    """/propose [text]: choose a forum, then write (text given with the command is kept)."""
    person = await require_member(update, context)
    if person is None or not await require_may_post(update, context):
        return
    text = clean_text(" ".join(context.args or []))
    draft = Draft(Step.FORUM, side_of(person, context))
    if text and check_text(text, context.config.proposals) is None:
        draft = draft.replace(text=text)
    elif text:
        draft = draft.replace(attempt=text)  # kept (nothing lost), but not a proposal's text yet
        await explain_text_problem(update, context, text)
    await keep(context, person, draft)
    await replies.send(update, await forum_question(context, person))


async def ask_for_text(
    update: Update, context: CydlaisContext, person: Person, draft: Draft
) -> None:
    """Keep the draft (its forum chosen) and ask for the proposal's text."""
    forum = draft.forum
    assert forum is not None, "a draft is asked for its text once its forum is chosen"
    await keep(context, person, draft.replace(step=Step.TEXT))
    await replies.show(update, views.text_request(context.t, context.config, forum))


# ---- buttons ------------------------------------------------------------------------------


@on_button(PickForum, Who.PERSON)
async def forum_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: PickForum
) -> None:
    """A forum chosen (at any step: it moves the draft to that forum)."""
    draft = await _draft(context, person)
    if draft is None or context.config.forum(pressed.forum_id) is None:
        await replies.stale(update, context)
        return
    await replies.notice(update)
    await forum_chosen(update, context, person, draft, pressed.forum_id)


@on_button(PickCommunity, Who.PERSON)
async def community_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: PickCommunity
) -> None:
    """A community chosen; one no longer configured counts as the whole area."""
    draft = await _draft(context, person)
    if draft is None or draft.step is not Step.COMMUNITY:
        await replies.stale(update, context)
        return
    await replies.notice(update)
    known = {c.id for c in context.config.open_communities}
    community = pressed.community_id if pressed.community_id in known else WHOLE_AREA
    await preview(update, context, person, draft.replace(community=community))


@on_button(AtPreview, Who.PERSON)
async def preview_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: AtPreview
) -> None:
    """Send / Change the text / Cancel under the preview."""
    draft = await _draft(context, person)
    if draft is None:
        await replies.stale(update, context)
    elif pressed.action is Do.SEND and draft.step is Step.PREVIEW:
        await send_draft(update, context, person, draft)
    elif pressed.action is Do.EDIT and draft.forum is not None:
        await replies.notice(update)
        await ask_for_text(update, context, person, draft)
    elif pressed.action is Do.STOP:
        await context.store.conversations.clear(person)
        await replies.notice(update)
        await replies.show(update, views.cancelled(context.t))
    else:
        await replies.stale(update, context)


async def explain_text_problem(update: Update, context: CydlaisContext, text: str) -> bool:
    """Say what is wrong with a proposal's text (True), or nothing if it is fine (False)."""
    limits = context.config.proposals
    problem = check_text(text, limits)
    if problem is None:
        return False
    await replies.send(update, views.text_problem(context.t, limits, text, problem))
    if problem is TextProblem.TOO_LONG:
        await replies.give_back(update, text)  # too long to keep: their words, given back
    return True


# ---- from step to step (``write_typed`` moves on by these too) ---------------------------


async def forum_chosen(
    update: Update, context: CydlaisContext, person: Person, draft: Draft, forum: str
) -> None:
    """The draft goes to ``forum``: on to its text, or past it when it is written already."""
    draft = draft.replace(forum=forum)
    if draft.text is not None:
        await after_text(update, context, person, draft)
    else:
        await ask_for_text(update, context, person, draft)


async def after_text(
    update: Update, context: CydlaisContext, person: Person, draft: Draft
) -> None:
    """The text is written: ask for the community (when the council names any), or preview."""
    assert draft.text is not None
    if check_text(draft.text, context.config.proposals) is not None:
        # Only a draft kept by an older version of the bot can get here: ask for new text.
        await explain_text_problem(update, context, draft.text)
        await ask_for_text(update, context, person, draft.replace(attempt=draft.text, text=None))
        return
    if context.config.open_communities and draft.community is None:
        draft = draft.replace(step=Step.COMMUNITY)
        await keep(context, person, draft)
        await replies.show(update, views.community_question(context.t, context.config))
        return
    await preview(update, context, person, draft)


async def preview(update: Update, context: CydlaisContext, person: Person, draft: Draft) -> None:
    """Show the draft as it will be sent, with Send / Change the text / Cancel."""
    forum, text = draft.forum, draft.text
    assert forum is not None and text is not None, "a draft is previewed once it is written"
    await keep(context, person, draft.replace(step=Step.PREVIEW))
    youth = draft.side is Side.YOUTH
    view = views.preview(
        context.t, context.config, text, forum, draft.community_id, youth, draft.photo is not None
    )
    await replies.show(update, view)


async def send_draft(
    update: Update, context: CydlaisContext, person: Person, draft: Draft
) -> None:
    """Send the draft, checking every rule again: how it got here does not matter."""
    forum = draft.forum
    if forum is None or context.config.forum(forum) is None:
        await replies.stale(update, context)
        return
    text = draft.text or ""
    if check_text(text, context.config.proposals) is not None:
        await replies.notice(update)
        await explain_text_problem(update, context, text)
        draft = draft.replace(text=None, attempt=text or draft.attempt)
        await ask_for_text(update, context, person, draft)
        return
    if not await require_may_post(update, context):  # a pause stops meeting input too
        return
    if draft.meeting and not can(context.grants, Action.MEETING_INPUT, Scope(forum, draft.side)):
        await replies.stale(update, context)  # a forum side they do not convene (forged button)
        return
    proposal_draft = ProposalDraft(
        forum_id=forum,
        side=draft.side,
        author_id=person.id,
        text=text,
        language=person.language,
        community_id=draft.community_id,
        meeting_input=draft.meeting,
        status=initial_status(draft.side, draft.meeting, posts_wait_for_approval(person, context)),
        meeting_id=draft.meeting_id,
        photo_file_id=draft.photo,
    )
    outcome = await create(context, proposal_draft, ends_conversation=True)
    await replies.notice(update)
    if outcome is None:
        await replies.send(update, views.daily_limit(context.t, context.config.proposals))
        return
    proposal, created = outcome
    if created and not draft.meeting and proposal.status is Status.SUBMITTED:
        await notify_reviewers(context, proposal)
    await replies.edit_keyboard(update, None)  # the preview stays, without its buttons
    await replies.send(
        update, views.sent(context.t, context.config, proposal, created, draft.meeting)
    )


# ---- shared with proposals written in a group -------------------------------------------


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


async def notify_reviewers(context: CydlaisContext, proposal: Proposal) -> None:
    """Tell the convenors of that forum side that something waits for their review."""
    reviewers = configured_reviewers(context.config, scope_of(proposal))
    await context.store.moderation.queue_review_notice(proposal.id, reviewers)
    await context.deliver_outbox()


# ---- the draft, kept --------------------------------------------------------------------


async def _draft(context: CydlaisContext, person: Person) -> Draft | None:
    """The person's draft; None when they are writing none (or it no longer reads)."""
    return Draft.of(await context.store.conversations.get(person))


async def keep(context: CydlaisContext, person: Person, draft: Draft) -> None:
    """Keep the draft as it now is (a restart loses nothing)."""
    await context.store.conversations.set(person, Draft.flow, draft.to_json())


async def forum_question(
    context: CydlaisContext, person: Person, again: bool = False, kept: bool = False
) -> View:
    """Which forum? (see ``views.writing.forum_question``)"""
    joined = await context.store.forums.memberships(person)
    return views.forum_question(context.t, context.config, joined, again, kept)
