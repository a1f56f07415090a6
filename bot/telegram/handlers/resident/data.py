"""Data rights: /privacy, /mydata (everything held about you) and /forget (let it go)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from telegram import Update

from bot.domain.people import Person, Side
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import notice, send, send_text, show
from bot.telegram.sender import require_person, side_of
from bot.telegram.views import data as views
from bot.telegram.views.data import Forget, ForgetChoice
from bot.telegram.views.onboarding import kept_after_forget, privacy_notice


async def privacy_command(update: Update, context: CydlaisContext) -> None:
    """/privacy: the privacy notice, any time."""
    young = context.person is not None and side_of(context.person, context) is Side.YOUTH
    await send_text(update, privacy_notice(context.t, context.config, young=young))


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
    await send_text(update, summary)
    export: dict[str, Any] = {"exported_at": context.services.clock.now().isoformat(), **data}
    content = json.dumps(export, ensure_ascii=False, indent=1, default=_json_default).encode()
    await chat.send_document(content, filename="cydlais-my-data.json")


async def forget_command(update: Update, context: CydlaisContext) -> None:
    """/forget: explain, then ask for confirmation with buttons."""
    person = await require_person(update, context)
    if person is not None:
        await send(update, views.question(context.t, kept_after_forget(context.t)))


@on_button(Forget, Who.PERSON)
async def forget_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: Forget
) -> None:
    """Do what the person chose."""
    await notice(update)
    if pressed.choice is ForgetChoice.NO:
        await show(update, views.nothing_deleted(context.t))
        return
    await context.store.privacy.forget(
        person, remove_words=pressed.choice is ForgetChoice.WORDS_TOO
    )
    context.person = None
    await show(update, views.forgotten(context.t))
