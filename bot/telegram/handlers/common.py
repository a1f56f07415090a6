"""Handlers for everyone: who is asking, /help, /cancel, and polite answers to the unusable."""

from __future__ import annotations

import logging
from collections import deque
from datetime import datetime, timedelta

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.domain.people import normalise_language
from bot.domain.roles import Role, grants_from_config
from bot.i18n import N_
from bot.store import current_update
from bot.telegram.commands import commands_for, heading
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import answer_button, reply, reply_with_private_link, stale_button

logger = logging.getLogger(__name__)

ROLE_HEADINGS = {
    Role.RESIDENT: N_("<b>As a resident you can:</b>"),
    Role.CONVENOR: N_("<b>As a forum convenor you can also:</b>"),
    Role.OFFICER: N_("<b>As a council officer you can also:</b>"),
    Role.ADMIN: N_("<b>As an administrator you can also:</b>"),
}


async def skip_handled(update: Update, context: CydlaisContext) -> None:
    """An update whose effect is already committed (redelivered after a crash) goes no further.

    Otherwise its id is set for the store, which records it in the same transaction as the
    update's first change.
    """
    if context.bot_data.services is None:
        return
    if await context.store.update_handled(update.update_id):
        logger.info("Update %s was handled before; skipping it", update.update_id)
        raise ApplicationHandlerStop
    current_update.set(update.update_id)


async def done_with_update(update: Update, context: CydlaisContext) -> None:
    """Stop recording the update id (later work, such as jobs, is not part of it)."""
    current_update.set(None)


async def resolve_sender(update: Update, context: CydlaisContext) -> None:
    """Look up the sender once per update: their person record, roles and language."""
    user = update.effective_user
    if user is None or user.is_bot:
        return
    person = await context.store.person(user.id)
    if person is not None:
        today = context.services.clock.now().astimezone(context.config.council.timezone).date()
        await context.store.touch(person, today)
        if not person.active:  # they had blocked the bot and are back
            person = await context.store.person(user.id)
    context.person = person
    stored = await context.store.stored_grants(person) if person else frozenset()
    blocked = person.blocked if person else False
    context.grants = grants_from_config(user.id, context.config, stored, blocked)
    language = (
        person.language
        if person is not None
        else normalise_language(user.language_code, context.config.council.default_language)
    )
    context.t = context.services.i18n(language)


async def help_command(update: Update, context: CydlaisContext) -> None:
    """/help: what this person can do, grouped by their roles."""
    t, grants = context.t, context.grants
    sections = []
    for role in grants.roles:
        lines = [
            f"/{c.shown_name(t.language)} – {t._(c.description)}"
            for c in commands_for(grants)
            if heading(c, grants) is role
        ]
        if lines:
            sections.append("\n".join([t._(ROLE_HEADINGS[role]), *lines]))
    if context.person is None:
        sections.insert(0, t._("Send /start to choose your language and join."))
    await reply(update, "\n\n".join(sections))


async def cancel_command(update: Update, context: CydlaisContext) -> None:
    """/cancel: leave whatever flow the person is in."""
    person = context.person
    cancelled = person is not None and await context.store.clear_conversation(person)
    await reply(
        update,
        context.t._("Cancelled. Nothing was sent.")
        if cancelled
        else context.t._("There is nothing to cancel."),
    )


async def unknown_command(update: Update, context: CydlaisContext) -> None:
    """A command we do not have: say so in private; in groups only when it was meant for us."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    command = message.text.split()[0]
    in_group = update.effective_chat is not None and update.effective_chat.type != ChatType.PRIVATE
    if in_group and not command.endswith(f"@{context.bot.username}"):
        return
    await reply(
        update,
        context.t._(
            "Sorry, I don't know the command {command}. Send /help to see what you can do.",
            command=command.split("@")[0],
        ),
    )


async def private_only(update: Update, context: CydlaisContext) -> None:
    """A private-chat command used in a group: offer a button that opens the private chat."""
    await reply_with_private_link(
        update,
        context,
        context.t._("Let's talk about that in a private chat, so the group stays tidy."),
        context.t._("Message me privately"),
        "group",
    )


async def not_text(update: Update, context: CydlaisContext) -> None:
    """Stickers, photos, voice notes and the like in a private chat."""
    await reply(
        update,
        context.t._(
            "Sorry, I can only read text messages. Please type your message, or use /help."
        ),
    )


async def edited_message(update: Update, context: CydlaisContext) -> None:
    """Edits are not picked up: say so in private, stay quiet in groups."""
    chat = update.effective_chat
    if chat is not None and chat.type == ChatType.PRIVATE:
        await reply(
            update,
            context.t._(
                "I noticed you edited a message. I only read new messages, so please send it "
                "again if something changed."
            ),
        )


async def free_text(update: Update, context: CydlaisContext) -> None:
    """Text in private when no flow is waiting for it."""
    t = context.t
    if context.person is None:
        text = t._("Hello! Send /start to choose your language and join.")
    elif not context.person.onboarded:
        text = t._("Please use the buttons above to finish joining, or send /start.")
    else:
        text = t._("I'm not sure what to do with that. Send /help to see what you can do.")
    await reply(update, text)


async def unknown_button(update: Update, context: CydlaisContext) -> None:
    """A button whose data we do not recognise (an old message, or forged data)."""
    await stale_button(update, context)


async def on_error(update: object, context: CydlaisContext) -> None:
    """Log first, then tell the person something went wrong, in their language."""
    update_id = update.update_id if isinstance(update, Update) else None
    current_update.set(None)
    logger.error("Error while handling update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update) or context.bot_data.services is None:
        return
    try:
        await resolve_sender(update, context)  # error handlers get a fresh context
    except Exception:
        logger.warning("Could not look up the sender of update %s", update_id)
    text = context.t._("Sorry, something went wrong on our side. Please try again in a moment.")
    try:
        if update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE:
            await reply(update, text)
    except Exception:  # the apology itself failed (Telegram down?): the log above is enough
        logger.warning("Could not tell update %s's sender about the error", update_id)


class FloodGuard:
    """More than N messages a minute from one person: answer once with "slow down" and drop
    the rest of that minute's. Others are not affected. Edits count as messages (each one is
    answered too). Button presses are not counted (a person tapping through a flow is quick by
    nature; double taps are handled where they land)."""

    WINDOW = timedelta(minutes=1)

    def __init__(self) -> None:
        self._seen: dict[int, deque[datetime]] = {}
        self._warned: dict[int, datetime] = {}

    async def __call__(self, update: Update, context: CydlaisContext) -> None:
        user = update.effective_user
        typed = update.message or update.edited_message
        if user is None or typed is None or context.bot_data.services is None:
            return
        now = context.services.clock.now()
        recent = self._seen.setdefault(user.id, deque())
        while recent and now - recent[0] >= self.WINDOW:
            recent.popleft()
        recent.append(now)
        if len(self._seen) > 10_000:  # forget people who have gone quiet
            self._forget_quiet(now)
        if len(recent) <= context.config.safety.flood_messages_per_minute:
            return
        warned = self._warned.get(user.id)
        if warned is None or now - warned >= self.WINDOW:
            self._warned[user.id] = now
            await self._warn(update, context)
        raise ApplicationHandlerStop

    def _forget_quiet(self, now: datetime) -> None:
        for user_id in [
            u for u, seen in self._seen.items() if not seen or now - seen[-1] >= self.WINDOW
        ]:
            self._seen.pop(user_id, None)
            self._warned.pop(user_id, None)

    async def _warn(self, update: Update, context: CydlaisContext) -> None:
        await resolve_sender(update, context)
        text = context.t._(
            "You are sending messages very quickly. Please wait a minute: I have not acted on "
            "the last ones."
        )
        if update.callback_query is not None:
            await answer_button(update, text, alert=True)
        elif update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE:
            await reply(update, text)
