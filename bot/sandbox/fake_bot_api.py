"""A fake Telegram Bot API we own: it keeps chats and messages, checks what the bot sends the way
Telegram would (HTML parse mode, lengths, callback data), records every call, and can be told
to fail (429 with retry_after, 403 blocked, 5xx, timeouts).

``FakeRequest`` plugs it into PTB in process as a ``BaseRequest``; the same ``FakeBotApi`` can
sit behind a loopback HTTP server. The demo and the tests both use it.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import count
from typing import Any

from telegram.request import BaseRequest, RequestData

from bot.clock import Clock, SystemClock

MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_NOTICE_LENGTH = 200  # answerCallbackQuery text
MAX_CALLBACK_DATA_BYTES = 64
# Not in the Bot API documentation; measured by the community (tginfo's Telegram-Limits):
# more buttons, or more markup data, are refused with REPLY_MARKUP_TOO_LONG.
MAX_BUTTONS = 100
MAX_MARKUP_BYTES = 10 * 1024
ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
    "a", "code", "pre", "blockquote", "tg-emoji",
}  # fmt: skip

JSON = dict[str, Any]


class TelegramHtmlError(ValueError):
    """Text Telegram would refuse with "can't parse entities"."""


# One token at a time: a tag, an entity or character reference, or a stray <, > or &. The text
# between tokens is what the reader sees. (A regular expression rather than html.parser: the
# fake checks every message in every test and benchmark, and this is about six times faster.)
_TOKEN = re.compile(
    r"<(?P<end>/?)(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:\s[^<>]*?)?)(?P<self>/?)>"
    r"|&(?:#(?P<dec>[0-9]{1,7})|#[xX](?P<hex>[0-9A-Fa-f]{1,6})|(?P<name>[A-Za-z][A-Za-z0-9]*));"
    r"|(?P<stray>[<>&])"
)
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def visible_text(text: str, parse_mode: str | None) -> str:
    """The text a reader sees; raises TelegramHtmlError where Telegram would refuse it.

    Telegram's HTML: only its tags, properly nested; only &lt; &gt; &amp; &quot; and numeric
    references; every other <, > and & escaped.
    """
    if parse_mode is None:
        return text
    if parse_mode != "HTML":
        raise TelegramHtmlError(f"the fake only speaks HTML, not {parse_mode}")
    open_tags: list[str] = []
    visible: list[str] = []
    done = 0
    for token in _TOKEN.finditer(text):
        visible.append(text[done : token.start()])
        done = token.end()
        visible.append(_token_text(token, open_tags))
    if open_tags:
        raise TelegramHtmlError(f'Unclosed tag "{open_tags[-1]}"')
    visible.append(text[done:])
    return "".join(visible)


def _token_text(token: re.Match[str], open_tags: list[str]) -> str:
    """What one token shows the reader (tags show nothing); checks it on the way."""
    tag = token["tag"]
    if tag is not None:
        tag = tag.lower()
        if token["self"]:
            raise TelegramHtmlError(f'Unsupported self-closing tag "{tag}"')
        if not token["end"]:
            if tag not in ALLOWED_TAGS:
                raise TelegramHtmlError(f'Unsupported start tag "{tag}"')
            open_tags.append(tag)
        elif not open_tags or open_tags.pop() != tag:
            raise TelegramHtmlError(f'Unmatched end tag "{tag}"')
        return ""
    if token["stray"]:
        raise TelegramHtmlError("Unescaped <, > or &")
    if token["name"] is not None:
        if token["name"] not in _NAMED:
            raise TelegramHtmlError(f'Unsupported entity "&{token["name"]};"')
        return _NAMED[token["name"]]
    code = int(token["dec"]) if token["dec"] is not None else int(token["hex"], 16)
    if not 0 < code <= 0x10FFFF:
        raise TelegramHtmlError("Invalid character reference")
    return chr(code)


def telegram_length(text: str) -> int:
    """A text's length as Telegram measures it against its limits: Unicode code points of the
    visible text (after entity parsing). The Bot API server is tdlib, which refuses a bot's
    message when ``utf8_length(text) > message_text_length_max``, and ``utf8_length`` counts
    code points; a live test sent 4,096 😀 (8,192 UTF-16 units) and was accepted, 4,097 refused.
    So 😀 counts 1 here, as in Python's ``len`` (what we send is bounded more strictly still:
    bot/render/limits.py counts UTF-16 units)."""
    return len(text)


@dataclass
class ApiCall:
    """One request the bot made, with Telegram's answer."""

    method: str
    params: JSON
    files: dict[str, tuple[str, bytes]]
    status: int
    result: Any
    at: datetime
    error: str | None = None  # Telegram's description when it refused the call


@dataclass
class Fault:
    """A planned failure: for calls matching ``method`` (and ``chat_id``), ``times`` times."""

    method: str
    status: int
    description: str
    chat_id: int | None = None
    retry_after: int | None = None
    times: int = 1
    timeout: bool = False


class ApiError(Exception):
    """Telegram's error answer, carried to the transport."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


# Every right a "restricted" ChatMember carries besides can_send_messages (PTB requires them).
_RESTRICTED_RIGHTS = (
    "can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos",
    "can_send_video_notes", "can_send_voice_notes", "can_send_polls",
    "can_send_other_messages", "can_add_web_page_previews", "can_change_info",
    "can_invite_users", "can_pin_messages", "can_manage_topics", "can_edit_tag",
    "can_react_to_messages",
)  # fmt: skip


@dataclass
class FakeGroup:
    """A group the bot has been added to, as far as getChat/getChatMember tell."""

    title: str
    is_forum: bool = False
    topics: set[int] = field(default_factory=set)
    bot_status: str = "member"  # member, administrator, restricted, left, kicked
    can_send_messages: bool = True


@dataclass
class FakeBotApi:
    """In-memory Telegram for one bot."""

    clock: Clock = field(default_factory=SystemClock)
    bot_id: int = 7_000_000_001
    username: str = "cydlais_bot"
    calls: list[ApiCall] = field(default_factory=list)
    messages: dict[tuple[int, int], JSON] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    faults: list[Fault] = field(default_factory=list)
    listeners: list[Callable[[ApiCall], None]] = field(default_factory=list)
    pending_updates: list[JSON] = field(default_factory=list)
    # Groups described for getChat/getChatMember (sending to others still works, as before).
    groups: dict[int, FakeGroup] = field(default_factory=dict)
    # The bot's profile texts by language_code ("" for every other language), as set.
    descriptions: dict[str, str] = field(default_factory=dict)
    short_descriptions: dict[str, str] = field(default_factory=dict)
    _message_ids: dict[int, count[int]] = field(default_factory=dict)
    _file_ids: count[int] = field(default_factory=lambda: count(1))
    _updates_event: asyncio.Event | None = None

    # ---- the bot's side ------------------------------------------------------------------

    @property
    def bot_user(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Cydlais",
            "username": self.username,
        }

    def _epoch(self) -> int:
        return int(self.clock.now().timestamp())

    def next_file_serial(self) -> int:
        """A number for a new file's id (people's photos and the bot's uploads)."""
        return next(self._file_ids)

    def next_message_id(self, chat_id: int) -> int:
        """Message ids are per chat and shared by the bot and people, as in Telegram."""
        return next(self._message_ids.setdefault(chat_id, count(1)))

    async def handle(
        self, method: str, params: JSON, files: dict[str, tuple[str, bytes]] | None = None
    ) -> tuple[int, JSON]:
        """Answer one Bot API call: (HTTP status, response body)."""
        files = files or {}
        try:
            fault = self._take_fault(method, params)
            if fault is not None:
                if fault.timeout:
                    raise TimeoutError(f"planned timeout for {method}")
                raise ApiError(fault.status, fault.description, fault.retry_after)
            result = await self._dispatch(method, params, files)
            status, body, refusal = 200, {"ok": True, "result": result}, None
        except ApiError as error:
            status, body, result, refusal = error.status, error.body(), None, error.description
        call = ApiCall(method, params, files, status, result, self.clock.now(), refusal)
        self.calls.append(call)
        for listener in self.listeners:
            listener(call)
        return status, body

    def _take_fault(self, method: str, params: JSON) -> Fault | None:
        chat_id = params.get("chat_id")
        for fault in self.faults:
            if fault.method == method and fault.chat_id in (None, _int(chat_id)) and fault.times:
                fault.times -= 1
                if not fault.times:
                    self.faults.remove(fault)
                return fault
        return None

    async def _dispatch(
        self, method: str, params: JSON, files: dict[str, tuple[str, bytes]]
    ) -> Any:
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        return await handler(params, files) if method == "getUpdates" else handler(params, files)

    def _check_chat(self, params: JSON) -> int:
        chat_id = _int(params.get("chat_id"))
        if chat_id is None:
            raise ApiError(400, "Bad Request: chat_id is empty")
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat_id

    def _check_markup(self, params: JSON) -> JSON | None:
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        if markup is None:
            return None
        keyboard = markup.get("inline_keyboard", [])
        if sum(len(row) for row in keyboard) > MAX_BUTTONS or (
            len(json.dumps(markup, ensure_ascii=False).encode()) > MAX_MARKUP_BYTES
        ):
            raise ApiError(400, "Bad Request: REPLY_MARKUP_TOO_LONG")
        for row in keyboard:
            for button in row:
                if not button.get("text"):
                    raise ApiError(
                        400, "Bad Request: text buttons are unallowed in the inline keyboard"
                    )
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return dict(markup)

    def _checked_text(
        self, params: JSON, key: str = "text", limit: int = MAX_MESSAGE_LENGTH
    ) -> str:
        text = params.get(key)
        if not isinstance(text, str) or not text.strip():
            if key == "caption" and not text:
                return ""
            raise ApiError(400, "Bad Request: message text is empty")
        try:
            visible = visible_text(text, params.get("parse_mode"))
        except TelegramHtmlError as error:
            raise ApiError(400, f"Bad Request: can't parse entities: {error}") from None
        if telegram_length(visible) > limit:
            what = "message caption" if key == "caption" else "message"
            raise ApiError(400, f"Bad Request: {what} is too long")
        if not visible.strip() and key == "text":
            raise ApiError(400, "Bad Request: message text is empty")
        return text

    def _new_message(self, chat_id: int, params: JSON, **content: Any) -> JSON:
        message: JSON = {
            "message_id": self.next_message_id(chat_id),
            "date": self._epoch(),
            "chat": _chat_json(chat_id),
            "from": self.bot_user,
            **content,
        }
        thread = params.get("message_thread_id")
        if thread is not None:
            message["message_thread_id"] = _int(thread)
            message["is_topic_message"] = True
        if params.get("parse_mode"):
            message["_parse_mode"] = params["parse_mode"]
        markup = self._check_markup(params)
        if markup is not None:
            message["reply_markup"] = markup
        self.messages[(chat_id, message["message_id"])] = message
        return message

    def _api_getMe(self, params: JSON, files: Any) -> JSON:  # noqa: N802 - Bot API names
        return {**self.bot_user, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}  # fmt: skip

    def _api_setMyCommands(self, params: JSON, files: Any) -> bool:  # noqa: N802
        commands = params.get("commands")
        if isinstance(commands, str):
            commands = json.loads(commands)
        for command in commands or []:
            name, description = command.get("command", ""), command.get("description", "")
            if not (1 <= len(name) <= 32 and name.replace("_", "").isalnum() and name.islower()):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise ApiError(400, "Bad Request: command description is invalid")
        return True

    def _api_setMyDescription(self, params: JSON, files: Any) -> bool:  # noqa: N802
        return self._set_profile_text(params, "description", 512, self.descriptions)

    def _api_setMyShortDescription(self, params: JSON, files: Any) -> bool:  # noqa: N802
        return self._set_profile_text(params, "short_description", 120, self.short_descriptions)

    @staticmethod
    def _set_profile_text(params: JSON, key: str, limit: int, into: dict[str, str]) -> bool:
        text = str(params.get(key) or "")
        if len(text) > limit:
            raise ApiError(400, f"Bad Request: {key} is too long")
        into[str(params.get("language_code") or "")] = text
        return True

    def _api_deleteMyCommands(self, params: JSON, files: Any) -> bool:  # noqa: N802
        return True

    def _api_deleteWebhook(self, params: JSON, files: Any) -> bool:  # noqa: N802
        return True

    def _api_sendChatAction(self, params: JSON, files: Any) -> bool:  # noqa: N802
        group = self.groups.get(self._check_chat(params))
        thread = _int(params.get("message_thread_id"))
        if group is not None and thread is not None and thread not in group.topics:
            raise ApiError(400, "Bad Request: message thread not found")
        return True

    def _api_getChat(self, params: JSON, files: Any) -> JSON:  # noqa: N802
        chat_id = self._check_chat(params)
        group = self.groups.get(chat_id)
        full = {"accent_color_id": 0, "max_reaction_count": 11}  # always in a ChatFullInfo
        if group is None:
            if chat_id > 0:
                return {"id": chat_id, "type": "private", "first_name": "Person", **full}
            raise ApiError(400, "Bad Request: chat not found")
        chat = {"id": chat_id, "type": "supergroup", "title": group.title, **full}
        return {**chat, "is_forum": True} if group.is_forum else chat

    def _api_getChatMember(self, params: JSON, files: Any) -> JSON:  # noqa: N802
        group = self.groups.get(self._check_chat(params))
        if group is None:
            raise ApiError(400, "Bad Request: chat not found")
        user = _int(params.get("user_id"))
        if user != self.bot_id:
            return {"status": "member", "user": {"id": user, "is_bot": False, "first_name": "P"}}
        member: JSON = {"status": group.bot_status, "user": self.bot_user}
        if group.bot_status == "restricted":
            member.update(is_member=True, until_date=0, can_send_messages=group.can_send_messages,
                          **dict.fromkeys(_RESTRICTED_RIGHTS, False))  # fmt: skip
        return member

    def _api_sendMessage(self, params: JSON, files: Any) -> JSON:  # noqa: N802
        chat_id = self._check_chat(params)
        return self._new_message(chat_id, params, text=self._checked_text(params))

    def _api_sendDocument(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> JSON:  # noqa: N802
        chat_id = self._check_chat(params)
        name, content = files.get("document", ("document", b""))
        if not content:
            raise ApiError(400, "Bad Request: file must be non-empty")
        caption = self._checked_text(params, "caption", MAX_CAPTION_LENGTH)
        document = {
            "file_id": f"doc{next(self._file_ids)}",
            "file_unique_id": "u",
            "file_name": name,
            "file_size": len(content),
        }
        return self._new_message(chat_id, params, caption=caption, document=document)

    def _api_sendPhoto(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> JSON:  # noqa: N802
        chat_id = self._check_chat(params)
        if isinstance(params.get("photo"), str):  # a file Telegram has already: by its id
            if params["photo"] not in self._photo_ids():
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            files = {"photo": ("photo", b"\xff\xd8")}
        _, content = files.get("photo", ("photo", b""))
        if not content.startswith(b"\x89PNG") and not content.startswith(b"\xff\xd8"):
            raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        caption = self._checked_text(params, "caption", MAX_CAPTION_LENGTH)
        file_id = f"photo{next(self._file_ids)}"
        photo = [{"file_id": file_id, "file_unique_id": "u", "width": 1, "height": 1}]
        return self._new_message(chat_id, params, caption=caption, photo=photo)

    def _stored(self, params: JSON) -> tuple[int, JSON]:
        chat_id = self._check_chat(params)
        message = self.messages.get((chat_id, _int(params.get("message_id")) or 0))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return chat_id, message

    def _api_editMessageText(self, params: JSON, files: Any) -> JSON:  # noqa: N802
        _, message = self._stored(params)
        text = self._checked_text(params)
        markup = self._check_markup(params)
        if text == message.get("text") and markup == message.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified")
        message["text"] = text
        message["_parse_mode"] = params.get("parse_mode")
        message["edit_date"] = self._epoch()
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        return message

    def _api_editMessageReplyMarkup(self, params: JSON, files: Any) -> JSON:  # noqa: N802
        _, message = self._stored(params)
        markup = self._check_markup(params)
        if markup == message.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified")
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        return message

    def _api_deleteMessage(self, params: JSON, files: Any) -> bool:  # noqa: N802
        chat_id, message = self._stored(params)
        del self.messages[(chat_id, message["message_id"])]
        return True

    def _api_answerCallbackQuery(self, params: JSON, files: Any) -> bool:  # noqa: N802
        text = params.get("text")
        if text is not None and telegram_length(text) > MAX_NOTICE_LENGTH:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    async def _api_getUpdates(self, params: JSON, files: Any) -> list[JSON]:  # noqa: N802
        offset = _int(params.get("offset")) or 0
        self.pending_updates = [u for u in self.pending_updates if u["update_id"] >= offset]
        if not self.pending_updates:
            if self._updates_event is None:
                self._updates_event = asyncio.Event()
            self._updates_event.clear()
            try:
                await asyncio.wait_for(
                    self._updates_event.wait(), timeout=float(params.get("timeout") or 0)
                )
            except TimeoutError:
                return []
        limit = _int(params.get("limit")) or 100
        return self.pending_updates[:limit]

    def wake_pollers(self) -> None:
        """Answer long polls that are waiting (with whatever is pending, maybe nothing)."""
        if self._updates_event is not None:
            self._updates_event.set()

    def queue_update(self, update: JSON) -> None:
        """Make an update available to getUpdates (for bots that poll)."""
        self.pending_updates.append(update)
        if self._updates_event is not None:
            self._updates_event.set()

    # ---- what tests and the demo look at -------------------------------------------------

    def _photo_ids(self) -> set[str]:
        """The file ids of every photo in any chat (people's and the bot's)."""
        return {size["file_id"] for m in self.messages.values() for size in m.get("photo", [])}

    def store_user_message(self, chat_id: int, message: JSON) -> None:
        """Keep a person's message so the bot's replies to it can be found."""
        self.messages[(chat_id, message["message_id"])] = message

    def chat_messages(self, chat_id: int) -> list[JSON]:
        """Every message in a chat that still exists, oldest first (bot's and people's)."""
        return [m for (c, _), m in sorted(self.messages.items()) if c == chat_id]

    def sent(self, method: str | None = None, chat_id: int | None = None) -> list[ApiCall]:
        """Successful calls, optionally of one method and to one chat."""
        return [
            c for c in self.calls
            if c.status == 200 and (method is None or c.method == method)
            and (chat_id is None or _int(c.params.get("chat_id")) == chat_id)
        ]  # fmt: skip

    def fail(self, fault: Fault) -> None:
        """Plan a failure."""
        self.faults.append(fault)


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _chat_json(chat_id: int) -> JSON:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
    return {"id": chat_id, "type": "supergroup", "title": f"Group {chat_id}", "is_forum": True}


class FakeRequest(BaseRequest):
    """PTB transport that hands every request to a ``FakeBotApi`` in the same process."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float | None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        """Answer from the fake; a planned timeout surfaces as PTB's TimedOut."""
        api_method = url.rstrip("/").rsplit("/", 1)[-1]
        params: JSON = dict(request_data.parameters) if request_data else {}
        files: dict[str, tuple[str, bytes]] = {}
        if request_data is not None and request_data.contains_files:
            for name, part in request_data.multipart_data.items():
                content = part[1]
                raw = content if isinstance(content, bytes) else content.read()
                files[name] = (part[0] or name, raw)
        try:
            status, body = await self.api.handle(api_method, params, files)
        except TimeoutError as error:
            from telegram.error import TimedOut

            raise TimedOut(str(error)) from error
        return status, json.dumps(body).encode()
