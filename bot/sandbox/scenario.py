"""A small scenario language over the real Application and the fake Bot API.

    async with Sandbox(config, tmp_path / "bot.db") as sandbox:
        alys = sandbox.person("Alys", language_code="cy")
        await alys.send("/start")
        await alys.press("Cymraeg")
        assert "Croeso" in alys.last.text

People send real Update JSON (``Update.de_json``) through ``Application.process_update``; what
the bot sends comes back through the fake API, which keeps the chats. Used by the tests and
by ``cydlais demo``.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import count
from pathlib import Path
from types import TracebackType
from typing import Any

from telegram import Update

from bot.clock import ManualClock
from bot.config import Config
from bot.sandbox import updates
from bot.sandbox.fake_bot_api import JSON, ApiCall, FakeBotApi, FakeRequest, visible_text
from bot.telegram.app import CydlaisApp, build_application, start_application, stop_application

TOKEN = "123456:SANDBOX-TOKEN"


@dataclass
class Shown:
    """A message the bot sent (or edited), as a person would see it."""

    chat_id: int
    message_id: int
    html: str
    buttons: list[list[JSON]]
    kind: str = "text"
    file_name: str | None = None
    thread_id: int | None = None

    @property
    def text(self) -> str:
        """The visible text (tags removed, entities decoded)."""
        return visible_text(self.html, "HTML") if self.html else ""

    @property
    def labels(self) -> list[str]:
        """Every button's label, row by row."""
        return [b["text"] for row in self.buttons for b in row]

    def __contains__(self, fragment: str) -> bool:
        return fragment in self.text


def _shown(message: JSON) -> Shown:
    kind = "document" if "document" in message else "photo" if "photo" in message else "text"
    return Shown(
        chat_id=message["chat"]["id"],
        message_id=message["message_id"],
        html=message.get("text") or message.get("caption") or "",
        buttons=(message.get("reply_markup") or {}).get("inline_keyboard", []),
        kind=kind,
        file_name=(message.get("document") or {}).get("file_name"),
        thread_id=message.get("message_thread_id"),
    )


class ButtonNotFoundError(LookupError):
    """No message in the chat has a button with that label."""


class Sandbox:
    """The real bot against a fake Telegram and a real SQLite file."""

    def __init__(
        self,
        config: Config,
        database: Path,
        clock: ManualClock | None = None,
        api: FakeBotApi | None = None,
    ) -> None:
        self.clock = clock or ManualClock(datetime.fromisoformat("2026-11-23T10:00:00+00:00"))
        self.config = dataclasses.replace(config, database_path=database)
        self.api = api or FakeBotApi(clock=self.clock)
        self.errors: list[BaseException] = []
        self.transcript: list[tuple[str, str]] = []
        self._update_ids = count(1)
        self._callback_ids = count(1)
        self._people: dict[int, SimPerson] = {}
        self._presser: dict[str, SimPerson] = {}
        self._offstage = False
        self.last_update: JSON = {}
        self._app: CydlaisApp | None = None
        self.api.listeners.append(self._record_call)

    @property
    def app(self) -> CydlaisApp:
        """The running Application."""
        assert self._app is not None, "the sandbox is not started"
        return self._app

    async def start(self) -> None:
        """Build and start the Application (post_init included), as ``cydlais run`` would."""
        self._app = build_application(
            self.config, TOKEN, clock=self.clock, request=FakeRequest(self.api)
        )
        self._app.add_error_handler(self._record_error)
        await start_application(self._app)
        # The scheduler runs paused: jobs get their next run times, but only run when a test
        # moves the clock and calls run_job (the real clock never fires them).
        assert self._app.job_queue is not None
        self._app.job_queue.scheduler.start(paused=True)

    async def stop(self) -> None:
        """Shut the Application down cleanly."""
        if self._app is not None:
            queue = self._app.job_queue
            if queue is not None and queue.scheduler.running:
                queue.scheduler.shutdown(wait=False)
            await stop_application(self._app)
            self._app = None

    def jobs(self, prefix: str = "") -> dict[str, datetime | None]:
        """The JobQueue's jobs (name → next run time in UTC) whose names start with ``prefix``."""
        assert self.app.job_queue is not None
        return {
            job.name or "": job.next_t.astimezone(UTC) if job.next_t else None
            for job in self.app.job_queue.jobs()
            if (job.name or "").startswith(prefix)
        }

    async def run_job(self, name: str) -> None:
        """Run the JobQueue's job called ``name`` now, as APScheduler would when it falls due.

        The sandbox does not start the scheduler, so time only moves when a test moves the
        clock and runs the jobs it expects.
        """
        assert self.app.job_queue is not None
        jobs = self.app.job_queue.get_jobs_by_name(name)
        assert jobs, f"no job called {name!r}"
        for job in jobs:
            await job.run(self.app)

    async def restart(self) -> None:
        """Stop and start a fresh Application against the same database and fake Telegram."""
        await self.stop()
        await self.start()

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _record_error(self, update: object, context: Any) -> None:
        self.errors.append(context.error)

    # ---- people and groups ----------------------------------------------------------------

    def person(
        self, first_name: str, user_id: int | None = None, language_code: str | None = "en",
        last_name: str | None = None,
    ) -> SimPerson:  # fmt: skip
        """Someone with a Telegram account who can talk to the bot."""
        user_id = user_id or 500_000 + len(self._people) + 1
        person = SimPerson(self, user_id, first_name, language_code, last_name)
        self._people[user_id] = person
        return person

    def people_by_id(self, user_id: int) -> SimPerson:
        """A person created earlier with ``person(...)``."""
        return self._people[user_id]

    def group(self, chat_id: int, title: str = "Forum group") -> SimGroup:
        """A supergroup the bot is in (ids are negative, as on Telegram)."""
        return SimGroup(chat_id, title)

    # ---- feeding updates -------------------------------------------------------------------

    def new_callback_id(self, person: SimPerson) -> str:
        """A fresh callback query id, remembered so notices can be shown against the presser."""
        query_id = str(next(self._callback_ids))
        self._presser[query_id] = person
        return query_id

    def presser(self, call: ApiCall) -> SimPerson | None:
        """Who pressed the button an answerCallbackQuery call answers."""
        return self._presser.get(str(call.params.get("callback_query_id")))

    def next_update_id(self) -> int:
        """Update ids increase, as Telegram's do."""
        return next(self._update_ids)

    async def feed(self, update: JSON) -> None:
        """Process one update through the real Application."""
        self.last_update = update
        await self.app.process_update(Update.de_json(update, self.app.bot))

    def note(self, speaker: str, text: str) -> None:
        """Add a line to the transcript (unless the action is off stage)."""
        if not self._offstage:
            self.transcript.append((speaker, text))

    @contextmanager
    def offstage(self, summary: str) -> Iterator[None]:
        """Leave what happens in the block out of the transcript, noting ``summary`` instead."""
        self.note("—", summary)
        self._offstage = True
        try:
            yield
        finally:
            self._offstage = False

    def _record_call(self, call: ApiCall) -> None:
        if call.status != 200:
            return
        person = self._people.get(int(call.params.get("chat_id") or 0))
        if call.method == "answerCallbackQuery":
            person = self.presser(call)
        name = person.name if person else str(call.params.get("chat_id"))
        if call.method in ("sendMessage", "editMessageText", "sendDocument", "sendPhoto"):
            shown = _shown(call.result)
            prefix = {"editMessageText": "(edited) ", "sendDocument": "📎 ", "sendPhoto": "🖼 "}
            label = prefix.get(call.method, "")
            file_note = f"[{shown.file_name}] " if shown.file_name else ""
            buttons = "".join(
                f"\n  [{' | '.join(b['text'] for b in row)}]" for row in shown.buttons
            )
            self.note(f"bot → {name}", f"{label}{file_note}{shown.text}{buttons}")
        elif call.method == "answerCallbackQuery" and call.params.get("text"):
            self.note(f"bot → {name}", f"(notice) {call.params['text']}")

    def render_transcript(self) -> str:
        """The conversation so far, as a person would read it."""
        blocks = []
        for speaker, text in self.transcript:
            body = "\n".join("    " + line if line else "" for line in text.splitlines())
            blocks.append(f"{speaker}:\n{body}")
        return "\n\n".join(blocks)


@dataclass
class SimGroup:
    """A Telegram supergroup."""

    chat_id: int
    title: str

    def json(self) -> JSON:
        return updates.supergroup(self.chat_id, self.title)


class SimPerson:
    """A person using Telegram: sends text, presses buttons, reads what the bot sent."""

    def __init__(
        self, sandbox: Sandbox, user_id: int, first_name: str, language_code: str | None,
        last_name: str | None,
    ) -> None:  # fmt: skip
        self.sandbox = sandbox
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.language_code = language_code

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    def user_json(self) -> JSON:
        return updates.user(self.id, self.first_name, self.last_name, self.language_code)

    def _chat_json(self, group: SimGroup | None) -> JSON:
        if group is not None:
            return group.json()
        return updates.private_chat(self.id, self.first_name)

    def _now(self) -> int:
        return int(self.sandbox.clock.now().timestamp())

    def _message(self, group: SimGroup | None, **content: Any) -> JSON:
        chat = self._chat_json(group)
        message_id = self.sandbox.api.next_message_id(chat["id"])
        message = updates.message(message_id, chat, self.user_json(), self._now(), **content)
        self.sandbox.api.store_user_message(chat["id"], message)
        return message

    async def send(
        self, text: str, group: SimGroup | None = None, reply_to: Shown | None = None,
        thread_id: int | None = None,
    ) -> list[Shown]:  # fmt: skip
        """Type and send ``text`` (a leading /command gets its entity, as in Telegram)."""
        content = updates.text(text)
        if reply_to is not None:
            content["reply_to_message"] = self.sandbox.api.messages[
                (reply_to.chat_id, reply_to.message_id)
            ]
        if thread_id is not None:
            content["message_thread_id"] = thread_id
            content["is_topic_message"] = True
        where = f" (in {group.title})" if group else ""
        self.sandbox.note(f"{self.name}{where}", text)
        return await self._deliver(message=self._message(group, **content))

    async def send_other(self, kind: str, group: SimGroup | None = None) -> list[Shown]:
        """Send something that is not text: a sticker, photo, voice note, location…"""
        self.sandbox.note(self.name, f"({kind})")
        return await self._deliver(message=self._message(group, **updates.OTHER_CONTENT[kind]))

    async def send_photo(self, caption: str | None = None) -> list[Shown]:
        """Send a photo (in three sizes, as Telegram does), with a caption if given."""
        self.sandbox.note(self.name, f"(a photo) {caption or ''}".strip())
        content = updates.photo(self.sandbox.api.next_file_serial(), caption)
        return await self._deliver(message=self._message(None, **content))

    async def edit(self, message_id: int, text: str, group: SimGroup | None = None) -> list[Shown]:
        """Edit one of their earlier messages."""
        chat, now = self._chat_json(group), self._now()
        edited = updates.message(message_id, chat, self.user_json(), now, edit_date=now, text=text)
        self.sandbox.note(self.name, f"(edits a message) {text}")
        return await self._deliver(edited_message=edited)

    async def press(
        self, label: str, message: Shown | None = None, chat_id: int | None = None
    ) -> list[Shown]:
        """Press the newest button whose label is ``label`` (or contains it)."""
        target, data = self.find_button(label, message, chat_id)
        self.sandbox.note(self.name, f"[presses {label}]")
        return await self.press_data(target, data)

    async def press_data(self, message: Shown, data: str) -> list[Shown]:
        """Press a button with arbitrary callback data on ``message`` (for stale/forged tests)."""
        stored = self.sandbox.api.messages.get((message.chat_id, message.message_id))
        payload = stored or {
            "message_id": message.message_id, "date": 0, "chat": self._chat_json(None),
        }  # fmt: skip
        query_id = self.sandbox.new_callback_id(self)
        query = updates.callback_query(
            query_id, self.user_json(), payload, data, chat_instance=str(message.chat_id)
        )
        return await self._deliver(callback_query=query)

    def find_button(
        self, label: str, message: Shown | None = None, chat_id: int | None = None
    ) -> tuple[Shown, str]:
        """The message and callback data of the newest button labelled ``label``."""
        candidates = [message] if message else list(reversed(self.messages(chat_id)))
        for exact in (True, False):
            for shown in candidates:
                for row in shown.buttons:
                    for button in row:
                        text = button["text"]
                        matches = text == label if exact else label in text
                        if matches and "callback_data" in button:
                            return shown, button["callback_data"]
        raise ButtonNotFoundError(f"no button {label!r} in chat {chat_id or self.id}")

    async def _deliver(self, **content: JSON) -> list[Shown]:
        before = len(self.sandbox.api.calls)
        await self.sandbox.feed(updates.update(self.sandbox.next_update_id(), **content))
        return [
            _shown(call.result)
            for call in self.sandbox.api.calls[before:]
            if call.status == 200 and isinstance(call.result, dict) and "message_id" in call.result
        ]

    async def join(
        self,
        language: str = "en",
        age_band: str = "26–44",
        forums: tuple[str, ...] = (),
        side: str = "youth",
    ) -> None:
        """Go through onboarding: language, age band (for 18–25s, the ``side``: "youth" or
        "adult"), consent, forums (by name), Done."""
        t = self.sandbox.app.bot_data.services
        assert t is not None
        translator = t.i18n(language)
        await self.send("/start")
        await self.press("Cymraeg" if language == "cy" else "English")
        await self.press(age_band)
        sides = {"youth": translator._("Youth forums"), "adult": translator._("Adult forums")}
        if sides["youth"] in self.last.labels:
            await self.press(sides[side])
        await self.press(translator._("I agree"))
        for forum in forums:
            await self.press(forum)
        await self.press(translator._("Done"))

    # ---- reading --------------------------------------------------------------------------

    def messages(self, chat_id: int | None = None) -> list[Shown]:
        """Every bot message in this person's private chat (or ``chat_id``), oldest first."""
        bot_id = self.sandbox.api.bot_id
        return [
            _shown(m)
            for m in self.sandbox.api.chat_messages(chat_id or self.id)
            if m.get("from", {}).get("id") == bot_id
        ]

    @property
    def last(self) -> Shown:
        """The newest bot message in the private chat."""
        messages = self.messages()
        if not messages:
            raise LookupError(f"the bot has sent {self.name} nothing")
        return messages[-1]

    def notices(self) -> Iterator[str]:
        """Texts of button-press notices (answerCallbackQuery) the bot gave this person."""
        for call in self.sandbox.api.sent("answerCallbackQuery"):
            if self.sandbox.presser(call) is self and call.params.get("text"):
                yield html.unescape(str(call.params["text"]))

    @property
    def last_notice(self) -> str | None:
        """The most recent button notice this person was shown, if any."""
        notices = list(self.notices())
        return notices[-1] if notices else None
