"""Polite answers to what no handler takes: unknown commands and buttons, a private command in
a group, stickers and photos, edits, and stray text. Nothing is acted on; each answer says,
politely, what would work instead."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType

from bot.domain.people import Person
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import refuse, reply_with_private_link, stale


async def unknown_command(update: Update, context: CydlaisContext) -> None:
    """A command we do not have: say so in private; in groups only when it was meant for us."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    command = message.text.split()[0]
    in_group = update.effective_chat is not None and update.effective_chat.type != ChatType.PRIVATE
    if in_group and not command.endswith(f"@{context.bot.username}"):
        return
    await refuse(
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
    await refuse(
        update,
        context.t._(
            "Sorry, I can only read text messages. Please type your message, or use /help."
        ),
    )


async def edited_message(update: Update, context: CydlaisContext) -> None:
    """Edits are not picked up: say so in private, stay quiet in groups."""
    chat = update.effective_chat
    if chat is not None and chat.type == ChatType.PRIVATE:
        await refuse(
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
    await refuse(update, text)


async def unreadable_flow(update: Update, context: CydlaisContext, person: Person) -> None:
    """Text for a flow whose stored state no longer fits it (damaged, or kept by a version
    that stored it differently): the flow is forgotten and the text answered as stray."""
    await context.store.conversations.clear(person)
    await free_text(update, context)


async def unknown_button(update: Update, context: CydlaisContext) -> None:
    """A button whose data we do not recognise (an old message, or forged data)."""
    await stale(update, context)
