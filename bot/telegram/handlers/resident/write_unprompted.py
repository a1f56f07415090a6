"""Proposals begun without /propose: text typed out of the blue that looks like an idea
(``fallbacks.free_text`` offers it), and photos.

A photo in the private chat goes with a proposal (issue 19). The largest size's file id is
kept, never the picture itself; its caption, if any, is the proposal's text. Only the
proposal's forum side's convenors and the council's officers see it (``convenor/review.py``).

With no proposal being written, a photo starts one (its caption kept as the text, the forum
asked as for an idea typed out of the blue). While one is being written the photo joins it, and
the step it was at is shown again. While the bot waits for anything else (an answer to a
prompt, a reason…) the photo is not taken, and the person is told so (``views.home.not_text``).
"""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Person
from bot.domain.proposals import check_text, clean_text
from bot.telegram import replies
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.resident import write
from bot.telegram.handlers.resident.meetings import WritingNotes, notes_photo
from bot.telegram.handlers.resident.write import Draft, Step
from bot.telegram.sender import require_may_post, side_of
from bot.telegram.views import View, home
from bot.telegram.views import writing as views


async def offer_as_proposal(
    update: Update,
    context: CydlaisContext,
    person: Person,
    typed: str,
    lead: str,
    photo: str | None = None,
) -> None:
    """Stray text that looks like an idea (or a photo's caption): kept at once as a draft's
    text (or, if it breaks a rule, as its attempt), with the ``photo`` if any, and the forum
    asked, under ``lead``. /cancel drops it."""
    if not await require_may_post(update, context):
        return
    text = clean_text(typed)
    draft = Draft(Step.FORUM, side_of(person, context), photo=photo)
    fits = bool(text) and check_text(text, context.config.proposals) is None
    draft = draft.replace(text=text) if fits else draft.replace(attempt=text or None)
    await write.keep(context, person, draft)
    question = await write.forum_question(context, person, kept=fits)
    await replies.send(update, View(f"{lead}\n\n{question.text}", question.keyboard))


async def on_photo(update: Update, context: CydlaisContext) -> None:
    """A photo (with or without a caption) sent in the private chat."""
    message, person = update.effective_message, context.person
    if message is None or not message.photo or person is None or not person.onboarded:
        await replies.refuse(update, home.not_text(context.t, message))
        return
    photo = message.photo[-1].file_id  # Telegram lists the sizes smallest first
    caption = clean_text(message.caption or "")
    current = await context.store.conversations.get(person)
    draft = Draft.of(current)
    notes = WritingNotes.of(current)
    if notes is not None:  # a host's flip charts, with the session's notes
        await notes_photo(update, context, person, notes, photo)
    elif current is not None and draft is None:
        await replies.refuse(update, home.not_text(context.t, message))  # waiting for others
    elif draft is None:
        lead = views.photo_offer(context.t, captioned=bool(caption))
        await offer_as_proposal(update, context, person, caption, lead, photo=photo)
    elif await require_may_post(update, context):
        await _join_draft(update, context, person, draft.replace(photo=photo), caption)


async def _join_draft(
    update: Update, context: CydlaisContext, person: Person, draft: Draft, caption: str
) -> None:
    """The photo joins the proposal being written; a caption fills a text not yet written."""
    fits = bool(caption) and check_text(caption, context.config.proposals) is None
    if fits and draft.text is None:
        draft = draft.replace(text=caption, attempt=None)
        if draft.step is Step.TEXT:
            await replies.send(update, View(views.photo_kept(context.t)))
            await write.after_text(update, context, person, draft)
            return
    await write.keep(context, person, draft)
    await replies.send(update, View(views.photo_kept(context.t)))
    match draft.step:
        case Step.PREVIEW:
            await write.preview(update, context, person, draft)
        case Step.COMMUNITY:
            await replies.send(update, views.community_question(context.t, context.config))
        case Step.TEXT if draft.forum is not None:
            await replies.send(update, views.text_request(context.t, context.config, draft.forum))
        case _:
            await replies.send(update, await write.forum_question(context, person, again=True))
