"""Every handler, registered in one place; the order and groups below matter.

Group -1 resolves the sender (person, roles, language) once per update. Group 0 holds the
handlers proper: within a group only the first match runs, so specific handlers come before
the catch-alls that answer unknown commands, stale buttons and messages we cannot use.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.handlers import common
from bot.handlers.menu import COMMANDS, names
from bot.handlers.resident import onboarding

PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
GROUPS = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add all handlers to ``app``."""
    app.add_handler(TypeHandler(Update, common.resolve_sender), group=-1)

    # Edits first, so that an edited command is not run a second time.
    app.add_handler(MessageHandler(filters.UpdateType.EDITED, common.edited_message))

    # Private-chat commands.
    private_commands = {
        "start": onboarding.start,
        "help": common.help_command,
        "language": onboarding.language_command,
        "forums": onboarding.forums_command,
        "cancel": common.cancel_command,
    }
    for name, callback in private_commands.items():
        app.add_handler(CommandHandler(names(name), callback, filters=PRIVATE))
    app.add_handler(
        CommandHandler([n for c in COMMANDS for n in c.names], common.private_only, filters=GROUPS)
    )

    # Buttons, by callback-data prefix; anything else is stale or forged.
    app.add_handler(CallbackQueryHandler(onboarding.onboarding_button, pattern=r"^ob:"))
    app.add_handler(CallbackQueryHandler(onboarding.language_button, pattern=r"^lang:"))
    app.add_handler(CallbackQueryHandler(onboarding.forum_button, pattern=r"^fm:"))
    app.add_handler(CallbackQueryHandler(common.unknown_button))

    # Catch-alls.
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, common.free_text))
    app.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, common.unknown_command)
    )
    app.add_handler(MessageHandler(PRIVATE & ~filters.TEXT, common.not_text))

    app.add_error_handler(common.on_error)
