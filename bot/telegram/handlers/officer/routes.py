"""Everything council officers can send or press."""

from __future__ import annotations

from bot.telegram.handlers.officer import answering, digest, export, status
from bot.telegram.handlers.routes import Routes

ROUTES = Routes(
    private_commands={
        "status": status.status_command,
        "digest": digest.digest_command,
        "export": export.export_command,
        "respond": answering.respond_command,
        "overdue": answering.overdue_command,
    },
    buttons=(
        status.status_chosen,
        status.without_note,
        answering.reply_pressed,
        answering.decide_pressed,
    ),
    flows={
        status.WaitingForNote.flow: status.on_note_text,
        answering.WaitingForReply.flow: answering.on_reply_text,
    },
)
