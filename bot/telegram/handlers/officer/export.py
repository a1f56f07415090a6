"""/export: officers download the open data (CSV and JSON, no personal data) as one ZIP."""

from __future__ import annotations

from telegram import Update

from bot.domain.roles import Action
from bot.render import open_data
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.officer import officer_chat


async def export_command(update: Update, context: CydlaisContext) -> None:
    """Send the open data."""
    refusal = context.t._("Sorry, exports are for council officers.")
    chat = await officer_chat(update, context, Action.EXPORT, refusal)
    if chat is None:
        return
    council = context.config.council
    named = open_data.files(
        await context.store.privacy.open_data(), council.name_cy, council.name_en
    )
    day = context.services.clock.now().date().isoformat()
    await chat.send_document(
        open_data.zipped(named),
        filename=f"cydlais-open-data-{day}.zip",
        caption=context.t._(
            "Open data: forums, proposals, their history and prompts, as CSV and JSON, with a "
            "README describing every column. No personal data."
        ),
    )
