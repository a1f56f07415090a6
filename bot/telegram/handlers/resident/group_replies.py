"""Replies to the bot's own messages in forum groups: the bot remembers what each post was for."""

from __future__ import annotations

from telegram import Update

from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.resident import answers, group


async def on_group_reply(update: Update, context: CydlaisContext) -> None:
    """A reply to one of our posts: an answer (to a prompt) or a proposal (to an invitation)."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or message.reply_to_message is None or not message.text:
        return
    post = await context.store.posts.get(chat.id, message.reply_to_message.message_id)
    if post is None:
        return  # a reply to something we posted without remembering: chatter, stay quiet
    kind, forum_id, _side, ref_id = post
    if kind == "prompt" and ref_id is not None:
        await answers.answer_in_group(update, context, ref_id)
    elif kind == group.INVITATION and forum_id:
        await group.group_proposal(update, context, forum_id, message.text)
