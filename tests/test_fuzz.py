"""Thousands of generated updates through the real bot: nothing escapes a handler, everything
sent is valid for Telegram (the fake Bot API refuses what Telegram would), the database stays
sound."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.telegram.commands import COMMANDS
from tests.conftest import ThreadedSandbox

USERS = [601, 602, 603, 604, 605]  # 601-603 have joined; 604-605 never sent /start
GROUP = -1001
BOT = {"id": 7_000_000_001, "is_bot": True, "first_name": "Cydlais"}
NAMES = [n for c in COMMANDS for n in c.names]
PREFIXES = [
    "ob",
    "lang",
    "fm",
    "pp",
    "pl",
    "ps",
    "pm",
    "st",
    "mt",
    "pa",
    "pr",
    "pc",
    "sc",
    "rv",
    "rp",
    "fg",
    "po",
    "ph",
    "cfg",
    "guide",
    "fms",
    "fmt",
    "zz",
]

texts = st.one_of(
    st.text(max_size=50),
    st.text(min_size=3000, max_size=5000),
    st.builds(lambda c, a: f"/{c} {a}", st.sampled_from(NAMES), st.text(max_size=40)),
    st.builds(lambda c: f"/{c}@cydlais_bot", st.sampled_from(NAMES)),
    st.from_regex(r"/[a-z_]{1,12}", fullmatch=True),
    st.sampled_from(["<b>", "&amp;", "<script>x</script>", "P-0001", "18:00", "\u202e\u0000x"]),
)
callback_data = st.one_of(
    st.text(max_size=64),
    st.builds(
        lambda p, parts: ":".join([p, *parts]),
        st.sampled_from(PREFIXES),
        st.lists(
            st.one_of(
                st.from_regex(r"[a-z+\-_0-9]{1,12}", fullmatch=True), st.integers(-5, 99).map(str)
            ),
            max_size=5,
        ),
    ),
)


@st.composite
def updates(draw: st.DrawFn) -> dict[str, Any]:
    user_id = draw(st.sampled_from(USERS))
    user = {"id": user_id, "is_bot": False, "first_name": draw(st.text(min_size=1, max_size=20)),
            "language_code": draw(st.sampled_from(["cy", "en", "fr", None]))}  # fmt: skip
    user = {k: v for k, v in user.items() if v is not None}
    private = draw(st.booleans())
    chat = (
        {"id": user_id, "type": "private", "first_name": "x"}
        if private
        else {"id": GROUP, "type": "supergroup", "title": "G"}
    )
    kind = draw(
        st.sampled_from(
            ["message", "message", "message", "edited", "callback", "sticker", "other"]
        )
    )
    base = {
        "message_id": draw(st.integers(1, 50)),
        "date": 1_790_000_000,
        "chat": chat,
        "from": user,
    }
    if kind in ("message", "edited"):
        text = draw(texts)
        message: dict[str, Any] = {**base, "text": text or "."}
        if message["text"].startswith("/"):
            length = len(message["text"].split()[0]) if message["text"].split() else 1
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        if draw(st.booleans()) and not private:
            reply_id = draw(st.integers(1, 50))
            message["reply_to_message"] = {
                **base,
                "message_id": reply_id,
                "from": BOT,
                "text": "x",
            }
        return {"message" if kind == "message" else "edited_message": message}
    if kind == "callback":
        query = {
            "id": str(draw(st.integers(1, 10**6))),
            "from": user,
            "chat_instance": "c",
            "data": draw(callback_data),
            "message": {**base, "text": "old", "from": BOT},
        }
        return {"callback_query": query}
    if kind == "sticker":
        sticker = {"file_id": "s", "file_unique_id": "s", "width": 1, "height": 1,
                   "is_animated": False, "is_video": False, "type": "regular"}  # fmt: skip
        return {"message": {**base, "sticker": sticker}}
    return {
        "poll_answer": {
            "poll_id": "p",
            "user": user,
            "option_ids": [0],
            "option_persistent_ids": ["a"],
        }
    }


@given(batch=st.lists(updates(), min_size=1, max_size=10))
@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_updates_never_break_the_bot(
    threaded_sandbox: ThreadedSandbox, batch: list[dict[str, Any]]
) -> None:
    sandbox = threaded_sandbox.sandbox
    for user_id in USERS[:3]:
        threaded_sandbox.joined_person(f"U{user_id}", user_id)
    for update in batch:
        threaded_sandbox.run(sandbox.feed({"update_id": sandbox.next_update_id(), **update}))
    assert sandbox.errors == [], sandbox.errors
    services = sandbox.app.bot_data.services
    assert services is not None
    assert threaded_sandbox.run(services.store.integrity_ok())
