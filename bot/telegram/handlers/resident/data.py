"""Data rights: /privacy, /mydata (everything held about you) and /forget (let it go)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from telegram import Update

from bot.domain.people import Side
from bot.telegram import keyboards
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.resident.onboarding import kept_after_forget, privacy_notice
from bot.telegram.keyboards import Keyboard
from bot.telegram.replies import answer_button, edit_or_reply, reply, stale_button
from bot.telegram.sender import require_person, side_of

FORGET = "fg"


async def privacy_command(update: Update, context: CydlaisContext) -> None:
    """/privacy: the privacy notice, any time."""
    young = context.person is not None and side_of(context.person, context) is Side.YOUTH
    await reply(update, privacy_notice(context, asking=False, young=young))


def _json_default(value: object) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


async def mydata_command(update: Update, context: CydlaisContext) -> None:
    """/mydata: a JSON file of every row that refers to you, and a short summary."""
    person = await require_person(update, context)
    chat = update.effective_chat
    if person is None or chat is None:
        return
    data = await context.store.privacy.personal_data(person)
    t = context.t
    counts = {table: len(rows) for table, rows in data.items()}
    language = "Cymraeg" if person.language == "cy" else "English"
    joined = t.date(person.consent_at, "long")
    summary = "\n".join(
        [
            t._("<b>What we hold about you</b>"),
            t._("Name: {name} · language: {language} · joined: {date}",
                name=person.display_name, language=language, date=joined),
            t.n_("{count} forum", "{count} forums", counts.get("memberships", 0)),
            t.n_("{count} proposal", "{count} proposals", counts.get("proposals", 0)),
            t.n_("{count} proposal you support", "{count} proposals you support",
                 counts.get("supports", 0)),
            t.n_("{count} answer", "{count} answers", counts.get("answers", 0)),
            t._("Everything is in the attached file. To have it deleted, send /forget."),
        ]
    )  # fmt: skip
    await reply(update, summary)
    export: dict[str, Any] = {"exported_at": context.services.clock.now().isoformat(), **data}
    content = json.dumps(export, ensure_ascii=False, indent=1, default=_json_default).encode()
    await chat.send_document(content, filename="cydlais-my-data.json")


async def forget_command(update: Update, context: CydlaisContext) -> None:
    """/forget: explain, then ask for confirmation with buttons."""
    person = await require_person(update, context)
    if person is None:
        return
    t = context.t
    keyboard = Keyboard(
        [
            [keyboards.button(t._("Delete my data"), FORGET, "keep")],
            [keyboards.button(t._("Delete my data and my words"), FORGET, "words")],
            [keyboards.button(t._("No, keep everything"), FORGET, "no")],
        ]
    )
    text = t._(
        "<b>Forget me</b>\nWe will delete your name, your Telegram number, your language, "
        "your age band and your forums. What you contributed stays, without your name (as "
        "“a resident”), so the council's figures stay right. You can also remove the words "
        "of your proposals and answers."
    )
    question = t._("This cannot be undone. Are you sure?")
    await reply(update, f"{text}\n\n{kept_after_forget(t)}\n\n{question}", keyboard)


async def forget_button(update: Update, context: CydlaisContext) -> None:
    """Do what the person chose."""
    person = await require_person(update, context)
    if person is None:
        return
    parts = keyboards.parse(
        update.callback_query.data if update.callback_query else None, FORGET, 2
    )
    if parts is None or parts[1] not in ("keep", "words", "no"):
        await stale_button(update, context)
        return
    t = context.t
    await answer_button(update)
    if parts[1] == "no":
        await edit_or_reply(update, t._("Nothing was deleted."))
        return
    await context.store.privacy.forget(person, remove_words=parts[1] == "words")
    context.person = None
    await edit_or_reply(
        update,
        t._(
            "Done: we have deleted your data. Thank you for taking part. If you send /start "
            "again, you will join as someone new."
        ),
    )
