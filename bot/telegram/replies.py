"""Answering people: replying in their chat, editing the message a button sits on, notices.

Nothing is ever written into a chat that is not the presser's own (``pressed_in_own_chat``).
"""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import BadRequest

from bot.render import limits
from bot.telegram.context import CydlaisContext
from bot.telegram.keyboards import private_chat_link
from bot.telegram.views import View


async def reply(
    update: Update,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
    *,
    plain: bool = False,
) -> None:
    """Answer in the chat (and topic) the update came from (quietly does nothing if there is no
    chat); ``plain`` text is sent as it is, not read as HTML."""
    chat = update.effective_chat
    if chat is None:
        return
    message = update.effective_message
    thread = (
        message.message_thread_id if message is not None and message.is_topic_message else None
    )
    if plain:
        await chat.send_message(
            text, reply_markup=keyboard, message_thread_id=thread, parse_mode=None
        )
    else:
        await chat.send_message(text, reply_markup=keyboard, message_thread_id=thread)


async def reply_with_private_link(
    update: Update, context: CydlaisContext, text: str, label: str, payload: str
) -> None:
    """Answer (in a group) with a button that opens a private chat with the bot."""
    await reply(update, text, private_chat_link(label, context.bot.username, payload))


async def answer_button(update: Update, text: str | None = None, alert: bool = False) -> None:
    """Acknowledge a button press (Telegram shows a spinner until it is answered).

    The notice is plain text, not HTML, so the escaping our translator applies is undone; it
    is kept within Telegram's 200 characters.
    """
    if update.callback_query is not None:
        notice = limits.trim(html.unescape(text), limits.NOTICE_LIMIT) if text else None
        await update.callback_query.answer(notice, show_alert=alert)


def pressed_in_own_chat(update: Update) -> bool:
    """Whether a button was pressed on a message in the presser's own private chat.

    In a private chat the chat's id is the person's id. The bot puts buttons with callback
    data only in private chats (its posts in groups carry none), so a press naming a message
    anywhere else (another person's chat, a group, an inline message) is forged: acting on it
    would edit or write into a chat that is not the presser's. Should buttons ever be posted
    in a group, this is the one place to allow them, deciding who in the group may press.
    """
    query = update.callback_query
    if query is None:
        return True
    message = query.message
    return (
        message is not None
        and message.chat.type == ChatType.PRIVATE
        and message.chat.id == query.from_user.id
    )


async def edit_or_reply(
    update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the message a button sits on; send a new message when there is none."""
    query = update.callback_query
    if not pressed_in_own_chat(update):
        return  # never into someone else's chat (middleware.refuse_foreign_press answered)
    if query is not None and query.message is not None and query.message.is_accessible:
        try:
            await query.edit_message_text(text, reply_markup=keyboard)
        except BadRequest as error:
            if not _not_modified(error):
                raise
    else:
        await reply(update, text, keyboard)


async def edit_keyboard(update: Update, keyboard: InlineKeyboardMarkup | None) -> None:
    """Redraw the buttons under the message a button sits on (a repeat tap changes nothing)."""
    query = update.callback_query
    if query is None or query.message is None or not query.message.is_accessible:
        return
    if not pressed_in_own_chat(update):
        return  # never into someone else's chat (middleware.refuse_foreign_press answered)
    try:
        await query.edit_message_reply_markup(keyboard)
    except BadRequest as error:
        if not _not_modified(error):
            raise


def _not_modified(error: BadRequest) -> bool:
    """Telegram refuses an edit that would leave a message as it was: that is not a failure."""
    return "not modified" in error.message.lower()


async def stale_button(update: Update, context: CydlaisContext) -> None:
    """Tell someone the button they pressed no longer does anything."""
    await answer_button(
        update, context.t._("That button is out of date. Please start again."), alert=True
    )


# ---- the house's names (HOUSE.md "Replies"): handlers send views --------------------------


async def send(update: Update, view: View) -> None:
    """Send ``view`` as a new message in the chat the update came from."""
    await reply(update, view.text, view.keyboard)


async def show(update: Update, view: View) -> None:
    """Put ``view`` in place of the message a button sits on; send it when there is none."""
    await edit_or_reply(update, view.text, view.keyboard)


async def notice(update: Update, text: str | None = None, alert: bool = False) -> None:
    """Answer a button press (with a short notice, or an alert the person must dismiss)."""
    await answer_button(update, text, alert)


async def refuse(update: Update, text: str) -> None:
    """Say no politely: as an alert under a button, as a message otherwise."""
    if update.callback_query is not None:
        await answer_button(update, text, alert=True)
    else:
        await reply(update, text)


async def stale(update: Update, context: CydlaisContext) -> None:
    """The button pressed no longer does anything (see ``stale_button``)."""
    await stale_button(update, context)


async def send_verbatim(update: Update, words: str) -> None:
    """Give someone their own words back as plain text, exactly as they wrote them (after
    saying why: too long to keep, say), so nothing they wrote is lost."""
    await reply(update, words, plain=True)
