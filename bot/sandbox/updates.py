"""Telegram updates as the Bot API sends them (JSON), built one way for everything that fakes
them: the sandbox's people (tests and the demo) and the benchmarks.

Each function makes one piece (a user, a chat, a message, a button press, the update around
it); ``Update.de_json`` turns the result into what the Application receives.
"""

from __future__ import annotations

import re
from typing import Any

JSON = dict[str, Any]

# A leading /command, with the bot's @name when one is given, as Telegram marks it.
_COMMAND = re.compile(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?")
_FILE = {"file_id": "f1", "file_unique_id": "f1"}
# Things people send that are not text, as in a message.
OTHER_CONTENT: dict[str, JSON] = {
    "sticker": {
        "sticker": {
            **_FILE,
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
        }
    },
    "photo": {"photo": [{**_FILE, "width": 90, "height": 90}]},
    "voice": {"voice": {**_FILE, "duration": 3}},
    "location": {"location": {"latitude": 51.68, "longitude": -4.25}},
}


def photo(serial: int, caption: str | None = None) -> JSON:
    """A photo's content in three sizes (each with its own file id), and its caption."""
    sizes = [
        {"file_id": f"p{serial}-{side}", "file_unique_id": f"u{serial}-{side}",
         "width": side, "height": side}
        for side in (90, 320, 1280)
    ]  # fmt: skip
    return {"photo": sizes, **({"caption": caption} if caption else {})}


def user(
    user_id: int,
    first_name: str,
    last_name: str | None = None,
    language_code: str | None = None,
    is_bot: bool = False,
) -> JSON:
    """A Telegram user (a person, or a bot as the sender of its own messages)."""
    result: JSON = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
    if last_name:
        result["last_name"] = last_name
    if language_code:
        result["language_code"] = language_code
    return result


def private_chat(user_id: int, first_name: str) -> JSON:
    """A person's private chat with the bot (its id is the person's)."""
    return {"id": user_id, "type": "private", "first_name": first_name}


def supergroup(chat_id: int, title: str) -> JSON:
    """A group (ids of groups are negative, as on Telegram)."""
    return {"id": chat_id, "type": "supergroup", "title": title}


def text(words: str) -> JSON:
    """A message's text, a leading /command marked as Telegram marks it."""
    content: JSON = {"text": words}
    command = _COMMAND.match(words)
    if command:
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command[0])}]
    return content


def message(message_id: int, chat: JSON, sender: JSON, date: int, **content: Any) -> JSON:
    """A message in ``chat`` from ``sender`` at ``date`` (Unix time): ``text(...)``, one of
    ``OTHER_CONTENT``, and anything else a message carries (``reply_to_message``, …)."""
    return {"message_id": message_id, "date": date, "chat": chat, "from": sender, **content}


def callback_query(
    query_id: str, sender: JSON, on_message: JSON, data: str, chat_instance: str
) -> JSON:
    """A press of a button carrying ``data`` on ``on_message``."""
    return {
        "id": query_id,
        "from": sender,
        "message": on_message,
        "chat_instance": chat_instance,
        "data": data,
    }


def update(update_id: int, **content: JSON) -> JSON:
    """The update around one ``message``, ``edited_message`` or ``callback_query``."""
    return {"update_id": update_id, **content}
