"""Polite answers to what no handler takes: unknown commands and buttons, a private command in
a group, stickers and photos, edits, and stray text. Nothing is acted on; each answer says,
politely, what would work instead."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType

from bot.domain.intents import Intent, classify
from bot.domain.people import Person
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers import help
from bot.telegram.handlers.resident import write_unprompted
from bot.telegram.replies import refuse, reply_with_private_link, send, stale
from bot.telegram.views import home


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
    """Stickers, voice notes and the like in a private chat (photos are taken with proposals,
    ``resident/write_unprompted.py``): a kind word on what to do instead."""
    await refuse(update, home.not_text(context.t, update.effective_message))


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
    """Text in private when no flow is waiting for it: read kindly (bot.domain.intents), so no
    one meets a dead end. "help" shows help, "diolch" is welcomed, a greeting is returned, and
    text that looks like an idea is offered as a proposal — kept as a draft at once, so it is
    not lost if the person wanders off. Everything else gets the main actions as buttons."""
    message = update.effective_message
    assert message is not None and message.text is not None
    person, t = context.person, context.t
    if person is None:
        await send(update, home.before_joining(context.services.i18n, context.bot.username))
        return
    if not person.onboarded:
        await refuse(
            update, t._("Please use the buttons above to finish joining, or send /start.")
        )
        return
    intent = classify(message.text)
    if intent is Intent.HELP:
        await help.help_command(update, context)
    elif intent is Intent.THANKS:
        await send(update, home.thanks(t))
    elif intent is Intent.GREETING:
        await send(update, home.greeting(t, person.display_name))
    elif intent is Intent.IDEA:
        await write_unprompted.offer_as_proposal(
            update, context, person, message.text, home.idea_offer(t)
        )
    else:
        await send(update, home.unclear(t))


async def unreadable_flow(update: Update, context: CydlaisContext, person: Person) -> None:
    """Text for a flow whose stored state no longer fits it (damaged, or kept by a version
    that stored it differently): the flow is forgotten and the text answered as stray."""
    await context.store.conversations.clear(person)
    await free_text(update, context)


async def unknown_button(update: Update, context: CydlaisContext) -> None:
    """A button whose data we do not recognise (an old message, or forged data)."""
    await stale(update, context)
