"""Answering people: replying in their chat, editing the message a button sits on, notices.

What a handler needs:

- ``show(update, view)``: put the view on the message the button sits on (else send it);
- ``send(update, view)``: a new message in the chat the update came from;
- ``notice(update, text, alert=False)``: answer a button press (a toast, or an alert);
- ``refuse(update, text)``: say no politely: an alert if a button was pressed, else a message;
- ``stale(update, context)``: the button pressed no longer does anything;
- ``give_back(update, words)``: someone's own words back, verbatim, when refusing them.

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


async def show(update: Update, view: View) -> None:
    """Replace the message a button sits on with ``view``; send it when there is no such
    message (a command, or a message Telegram no longer lets us edit)."""
    query = update.callback_query
    if not pressed_in_own_chat(update):
        return  # never into someone else's chat (middleware.refuse_foreign_press answered)
    if query is not None and query.message is not None and query.message.is_accessible:
        try:
            await query.edit_message_text(view.text, reply_markup=view.keyboard)
        except BadRequest as error:
            if not _not_modified(error):
                raise
    else:
        await send(update, view)


async def send(update: Update, view: View) -> None:
    """Send ``view`` to the chat the update came from, in its topic if it came from one
    (quietly does nothing if there is no chat)."""
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(
            view.text, reply_markup=view.keyboard, message_thread_id=_topic(update)
        )


async def photo(update: Update, image: bytes | str, caption: str) -> None:
    """Send a picture (a chart, or a file id Telegram keeps) with a short caption to the chat
    the update came from."""
    chat = update.effective_chat
    if chat is not None:
        await chat.send_photo(
            image,
            caption=limits.trim(caption, limits.CAPTION_LIMIT),
            message_thread_id=_topic(update),
        )


async def document(update: Update, content: bytes, filename: str) -> None:
    """Send a file to the chat the update came from."""
    chat = update.effective_chat
    if chat is not None:
        await chat.send_document(content, filename=filename, message_thread_id=_topic(update))


async def send_text(update: Update, text: str) -> None:
    """``send`` for a message without buttons."""
    await send(update, View(text))


def _topic(update: Update) -> int | None:
    """The forum topic the update came from, if any: answers go back into it."""
    message = update.effective_message
    return message.message_thread_id if message is not None and message.is_topic_message else None


async def notice(update: Update, text: str | None = None, alert: bool = False) -> None:
    """Answer a button press (Telegram shows a spinner until it is answered); no text just
    stops the spinner. Does nothing when no button was pressed.

    The notice is plain text, not HTML, so the escaping our translator applies is undone; it
    is kept within Telegram's 200 characters.
    """
    if update.callback_query is not None:
        shown = limits.trim(html.unescape(text), limits.NOTICE_LIMIT) if text else None
        await update.callback_query.answer(shown, show_alert=alert)


async def refuse(update: Update, text: str) -> None:
    """Say no politely where the person is looking: an alert over the button they pressed,
    else a message in their chat."""
    if update.callback_query is not None:
        await notice(update, text, alert=True)
    else:
        await send(update, View(text))


async def give_back(update: Update, words: str) -> None:
    """Send someone's own words back to them verbatim, as plain text (nothing in them is our
    markup), in as many messages as Telegram needs: said when refusing them, so nothing is lost."""
    chat = update.effective_chat
    if chat is None:
        return
    for piece in limits.split(words):
        await chat.send_message(piece, parse_mode=None, message_thread_id=_topic(update))


async def stale(update: Update, context: CydlaisContext) -> None:
    """Tell someone the button they pressed no longer does anything (an old or forged one)."""
    await notice(
        update, context.t._("That button is out of date. Please start again."), alert=True
    )


async def reply_with_private_link(
    update: Update, context: CydlaisContext, text: str, label: str, payload: str
) -> None:
    """Answer (in a group) with a button that opens a private chat with the bot."""
    await send(update, View(text, private_chat_link(label, context.bot.username, payload)))


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
