"""/link and /unlink: an admin links a forum's Telegram group (or a topic of a forum-mode
supergroup) in one step, sending /link there. The choice of forum side comes privately (the bot
puts no buttons in groups: a press there cannot be told from a forged one), the link is stored
(it wins over the config file) and confirmed in the group, Welsh first. The bot says so when it
cannot post in the group, and notes Telegram's privacy mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from bot.domain.people import Person, Side
from bot.services.setup import reload_config
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.handlers.resident.group import tell_privately
from bot.telegram.views import View
from bot.telegram.views import link as views
from bot.telegram.views import writing as writing_views
from bot.telegram.views.link import LinkTo


@dataclass(frozen=True)
class PendingLink(FlowState, flow="link_group"):
    """/link was sent in this group (and topic): the forum side is chosen privately next."""

    chat_id: int
    thread_id: int | None = None


def _where(update: Update) -> tuple[int, int | None] | None:
    """The group (and topic) the command came from; None in a private chat."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None or chat.type == ChatType.PRIVATE:
        return None
    return chat.id, message.message_thread_id if message.is_topic_message else None


async def _may_post(context: CydlaisContext, chat_id: int) -> bool:
    """Whether the bot can post in the group (if Telegram will not say, assume so: the
    command reached us from there)."""
    try:
        member = await context.bot.get_chat_member(chat_id, context.bot.id)
    except TelegramError:
        return True
    if member.status in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED):
        return False
    return member.status != ChatMemberStatus.RESTRICTED or bool(
        getattr(member, "can_send_messages", True)
    )


async def _admin_in_group(
    update: Update, context: CydlaisContext
) -> tuple[Person, tuple[int, int | None]] | None:
    """The admin and the group (and topic) the command came from (else answered)."""
    where = _where(update)
    if where is None:
        await replies.send_text(update, views.in_a_group(context.t))
        return None
    if context.person is None or not context.grants.admin:
        await replies.refuse(update, views.only_admins(context.t))
        return None
    return context.person, where


async def link_command(update: Update, context: CydlaisContext) -> None:
    """/link in a group: the forum side is asked privately."""
    asked = await _admin_in_group(update, context)
    if asked is None:
        return
    person, where = asked
    linked = context.config.forum_for_chat(*where)
    if linked is not None:
        name = views.side_name(context.t, context.config, linked[0].id, Side(linked[1]))
        await replies.send_text(update, views.already_linked(context.t, name))
        return
    if not await _may_post(context, where[0]):  # said privately: the group would refuse it
        await tell_privately(context, person, View(views.cannot_post(context.t)))
        return
    state = PendingLink(*where)
    await context.store.conversations.set(person, state.flow, state.to_json())
    choice = views.choose(context.t, context.config, topic=where[1] is not None)
    if not await tell_privately(context, person, choice):
        await replies.send(
            update, writing_views.open_private_chat(context.t, context.bot.username)
        )


@on_button(LinkTo, Who.MEMBER)
async def link_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: LinkTo
) -> None:
    """Store the link, use it at once, and confirm it in the group."""
    state = PendingLink.of(await context.store.conversations.get(person))
    if state is None or context.config.forum(pressed.forum_id) is None:
        await replies.stale(update, context)
        return
    if not context.grants.admin:
        await replies.refuse(update, views.only_admins(context.t))
        return
    await context.store.group_links.link(
        pressed.forum_id, pressed.side, state.chat_id, state.thread_id, person
    )
    await context.store.conversations.clear(person)
    await _reload_links(context)
    await replies.notice(update)
    name = views.side_name(context.t, context.config, pressed.forum_id, pressed.side)
    privacy_on = not context.bot.can_read_all_group_messages
    await replies.show(update, views.done_privately(context.t, name, privacy_on))
    confirmation = views.linked(
        context.services.i18n, context.config, pressed.forum_id, pressed.side
    )
    await context.bot.send_message(
        state.chat_id, confirmation.text, message_thread_id=state.thread_id
    )


async def unlink_command(update: Update, context: CydlaisContext) -> None:
    """/unlink in a group: whatever forum side it serves stops posting here."""
    asked = await _admin_in_group(update, context)
    if asked is None:
        return
    person, where = asked
    linked = context.config.forum_for_chat(*where)
    if linked is None:
        await replies.send_text(update, views.not_linked(context.t))
        return
    forum, side = linked[0], Side(linked[1])
    await context.store.group_links.unlink(forum.id, side, person)
    await _reload_links(context)
    i18n = context.services.i18n
    names = [
        (views.side_name(i18n("cy"), context.config, forum.id, side),
         views.side_name(i18n("en"), context.config, forum.id, side)),
    ]  # fmt: skip
    await replies.send(update, views.unlinked(i18n, names))


async def _reload_links(context: CydlaisContext) -> None:
    """Put the links from the database in force now (they win over the config file)."""
    await reload_config(context.services)
