"""`cydlais doctor`: check a setup and say what to fix, one line each, in the operator's language.

The checks a clerk would otherwise discover one failure at a time: the token, the Bot API
server, the database (writable, schema current, intact), the timezone, and every linked group
(the bot is in it, may post, the topic exists). Nothing is changed: the database is read, not
migrated, and the only thing sent to a group is a "typing…" action.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime

from telegram import Bot, ChatMember
from telegram.constants import ChatAction
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.request import BaseRequest

from bot.config import TOKEN_ENV, ChatSettings, Config
from bot.i18n import N_, Translator
from bot.store.health import chat_forums, database_health, linked_groups

MAY_POST = {ChatMember.ADMINISTRATOR, ChatMember.OWNER, ChatMember.MEMBER}
TELEGRAM = "https://api.telegram.org/bot"

NO_TOKEN = N_("No bot token: set {variable} to the token from @BotFather.")
BAD_TOKEN = N_("Telegram refused the bot token: copy it again from @BotFather.")
UNREACHABLE = N_("Cannot reach the Bot API at {url} ({error}): check the network or base_url.")
BOT_OK = N_("Telegram knows the bot as @{username}.")
DB_NEW = N_("The database {path} will be created at start.")
DB_FOLDER = N_("The database folder {folder} is missing or not writable by this user.")
DB_READONLY = N_("The database {path} (or its folder) is not writable by this user.")
DB_UNREADABLE = N_("The database {path} cannot be read: {error}.")
DB_INTACT = N_("The database passes its integrity check.")
DB_DAMAGED = N_("The database fails its integrity check: restore the latest backup.")
SCHEMA_NEWER = N_(
    "The database schema ({found}) is newer than this release ({latest}): "
    "upgrade Cydlais or restore a backup."
)
SCHEMA_OLDER = N_(
    "The database schema ({found}) will be upgraded to {latest} at start; take a backup first."
)
SCHEMA_OK = N_("The database schema is current ({latest}).")
TIMEZONE = N_("Council time is {zone}: now {time}.")
ADULT_GROUP = N_("{forum} (adults)")
YOUTH_GROUP = N_("{forum} (youth)")
NOT_IN_GROUP = N_("{forum}: the bot is not in group {chat}: add it to the group.")
MAY_NOT_POST = N_("{forum}: the bot may not post in group {chat}: let it send messages.")
NO_TOPICS = N_("{forum}: group {chat} has no topics but topic_id is set: turn topics on.")
NO_SUCH_TOPIC = N_("{forum}: topic {topic} is not in group {chat}: check topic_id.")
GROUP_OK = N_("{forum}: the bot can post in {title}.")


@dataclass(frozen=True)
class Finding:
    """One line of the report: fine, or a problem and what to do about it."""

    ok: bool
    text: str

    def line(self) -> str:
        """The line as printed."""
        return f"{'✓' if self.ok else '✗'} {self.text}"


def _say(t: Translator, ok: bool, message: str, **values: object) -> Finding:
    # Translator._ escapes values for Telegram's HTML; a terminal wants them as they are.
    return Finding(ok, html.unescape(t._(message, **values)))


def _plain(t: Translator, message: str, forum: str) -> str:
    return html.unescape(t._(message, forum=forum))


async def examine(
    config: Config, token: str | None, t: Translator, request: BaseRequest | None = None
) -> list[Finding]:
    """Every check, in the order a person would fix them. Forums added in the chat (/settings)
    and groups linked there (/link) are checked as the bot uses them: they win over the file."""
    findings = [*_database(config, t), _timezone(config, t)]
    config = config.with_settings(ChatSettings(forums=chat_forums(config.database_path)))
    config = config.with_links(linked_groups(config.database_path))
    if token is None:
        return [*findings, _say(t, False, NO_TOKEN, variable=TOKEN_ENV)]
    url = config.telegram.base_url or TELEGRAM
    bot = Bot(token, base_url=url, request=request, get_updates_request=request)
    try:
        await bot.initialize()
    except InvalidToken:
        return [*findings, _say(t, False, BAD_TOKEN)]
    except NetworkError as error:
        return [*findings, _say(t, False, UNREACHABLE, url=url, error=str(error))]
    try:
        findings.append(_say(t, True, BOT_OK, username=bot.username))
        for label, chat_id, topic_id in _linked_chats(config, t):
            findings.append(await _group(bot, t, label, chat_id, topic_id))
    finally:
        await bot.shutdown()
    return findings


def report(findings: list[Finding]) -> tuple[str, int]:
    """The printed report and the exit status (1 when anything needs fixing)."""
    return "\n".join(f.line() for f in findings), 0 if all(f.ok for f in findings) else 1


def _database(config: Config, t: Translator) -> list[Finding]:
    path = config.database_path
    health = database_health(path)
    if not health.exists:
        if health.folder_writable:
            return [_say(t, True, DB_NEW, path=str(path))]
        return [_say(t, False, DB_FOLDER, folder=str(path.parent))]
    if not (health.file_writable and health.folder_writable):
        return [_say(t, False, DB_READONLY, path=str(path))]
    if health.error is not None:
        return [_say(t, False, DB_UNREADABLE, path=str(path), error=health.error)]
    found, latest = health.schema, health.latest
    findings = [_say(t, True, DB_INTACT) if health.intact else _say(t, False, DB_DAMAGED)]
    if found > latest:
        findings.append(_say(t, False, SCHEMA_NEWER, found=found, latest=latest))
    elif found < latest:
        findings.append(_say(t, True, SCHEMA_OLDER, found=found, latest=latest))
    else:
        findings.append(_say(t, True, SCHEMA_OK, latest=latest))
    return findings


def _timezone(config: Config, t: Translator) -> Finding:
    zone = config.council.timezone
    return _say(t, True, TIMEZONE, zone=str(zone), time=t.time(datetime.now(UTC).astimezone(zone)))


def _linked_chats(config: Config, t: Translator) -> list[tuple[str, int, int | None]]:
    chats = []
    for forum in config.open_forums:  # an archived forum posts nowhere
        name = forum.name(t.language)
        if forum.chat_id is not None:
            chats.append((_plain(t, ADULT_GROUP, name), forum.chat_id, forum.topic_id))
        if forum.youth_chat_id is not None:
            chats.append((_plain(t, YOUTH_GROUP, name), forum.youth_chat_id, forum.youth_topic_id))
    return chats


async def _group(
    bot: Bot, t: Translator, label: str, chat_id: int, topic_id: int | None
) -> Finding:
    try:
        chat = await bot.get_chat(chat_id)
        member = await bot.get_chat_member(chat_id, bot.id)
    except TelegramError:
        return _say(t, False, NOT_IN_GROUP, forum=label, chat=chat_id)
    if member.status not in MAY_POST and not getattr(member, "can_send_messages", False):
        return _say(t, False, MAY_NOT_POST, forum=label, chat=chat_id)
    if topic_id is not None:
        if not chat.is_forum:
            return _say(t, False, NO_TOPICS, forum=label, chat=chat_id)
        try:
            await bot.send_chat_action(chat_id, ChatAction.TYPING, message_thread_id=topic_id)
        except TelegramError:
            return _say(t, False, NO_SUCH_TOPIC, forum=label, chat=chat_id, topic=topic_id)
    return _say(t, True, GROUP_OK, forum=label, title=chat.title or str(chat_id))
