"""Text typed while writing a proposal (the flow itself is in ``write``).

Only the step that asks for the text takes it as the proposal's text. At a step that shows
buttons, typing what a button says ("Burry Port", "send", "anfon") counts as tapping it, and
anything else leaves the draft as it is and shows the buttons again.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.domain.choices import match_choice
from bot.domain.people import Person
from bot.domain.proposals import check_text, clean_text
from bot.telegram import replies
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers import fallbacks
from bot.telegram.handlers.resident.write import (
    Draft,
    Step,
    after_text,
    ask_for_text,
    explain_text_problem,
    forum_chosen,
    forum_question,
    keep,
    preview,
    send_draft,
)
from bot.telegram.views import writing as views
from bot.telegram.views.writing import PreviewAction as Do


async def on_proposal_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """Text while writing a proposal. Only the step that asks for the text takes it as the
    proposal's text; at a step that shows buttons, typing what a button says counts as tapping
    it, and anything else leaves the draft as it is and shows the buttons again."""
    message = update.effective_message
    assert message is not None and message.text is not None
    draft = Draft.from_json(stored)
    if draft is None:
        await fallbacks.unreadable_flow(update, context, person)
    elif draft.step is Step.TEXT and draft.forum is not None:
        await _take_text(update, context, person, draft, clean_text(message.text))
    elif draft.step is Step.COMMUNITY:
        await _typed_at_community(update, context, person, draft, message.text)
    elif draft.step is Step.PREVIEW:
        await _typed_at_preview(update, context, person, draft, message.text)
    else:
        await _typed_at_forum(update, context, person, draft, message.text)


async def _take_text(
    update: Update, context: CydlaisContext, person: Person, draft: Draft, text: str
) -> None:
    """The proposal's text arrived: keep it and move on, or explain the limit. Text that breaks
    a rule is kept aside (never lost) and does not replace a draft that was fine."""
    if check_text(text, context.config.proposals) is not None:
        await keep(context, person, draft.replace(attempt=text))
        await explain_text_problem(update, context, text)
        return
    await after_text(update, context, person, draft.replace(text=text, attempt=None))


async def _typed_at_forum(
    update: Update, context: CydlaisContext, person: Person, draft: Draft, typed: str
) -> None:
    """Text when the bot asked which forum: a forum's name picks it. Someone who writes their
    proposal straight away has it kept as the draft (they see it again before it is sent)."""
    forum = match_choice(typed, views.forum_words(context.config))
    if forum is not None:
        await forum_chosen(update, context, person, draft, forum)
        return
    text = clean_text(typed)
    fits = check_text(text, context.config.proposals) is None
    kept = draft.text is None and fits and not _names_a_button(context, typed)
    if kept:
        await keep(context, person, draft.replace(text=text, attempt=None))
    await replies.send(update, await forum_question(context, person, again=True, kept=kept))


async def _typed_at_community(
    update: Update, context: CydlaisContext, person: Person, draft: Draft, typed: str
) -> None:
    """Text when the bot asked which community: a community's name (or "the whole area")
    picks it; anything else keeps the draft and asks again."""
    choice = match_choice(typed, _community_words(context))
    if choice is not None:
        await preview(update, context, person, draft.replace(community=choice))
        return
    await replies.send(update, views.community_question(context.t, context.config, again=True))


async def _typed_at_preview(
    update: Update, context: CydlaisContext, person: Person, draft: Draft, typed: str
) -> None:
    """Text at the preview: "send", "yes", "anfon", "ie" send it; "change the text" asks for
    new text; anything else changes nothing and shows the buttons again."""
    choice = match_choice(typed, views.preview_words(context.t))
    if choice == Do.SEND:
        await send_draft(update, context, person, draft)
    elif choice == Do.EDIT and draft.forum is not None:
        await ask_for_text(update, context, person, draft)
    else:
        await replies.send(update, views.preview_again(context.t))


def _community_words(context: CydlaisContext) -> dict[str, tuple[str, ...]]:
    return views.community_words(context.config, context.services.i18n.translators)


def _names_a_button(context: CydlaisContext, typed: str) -> bool:
    """Whether ``typed`` is what some button of the writing flow says ("Burry Port", "send")."""
    return (
        match_choice(typed, _community_words(context)) is not None
        or match_choice(typed, views.preview_words(context.t)) is not None
    )
