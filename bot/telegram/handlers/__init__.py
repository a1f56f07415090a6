"""Every handler, registered in one place; the order and groups below matter.

Group -4 skips updates already handled (redelivered after a crash); group -3 holds back
floods; group -2 resolves the sender (person, roles, language) once per update; group -1
refuses a button pressed on a message outside the presser's own chat. Group 0 holds
the handlers proper: within a group only the first match runs, so specific handlers come
before the catch-alls that answer unknown commands, stale buttons and messages we cannot use.
Group 1 closes the update.
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

from bot.telegram import sender
from bot.telegram.commands import COMMANDS, names
from bot.telegram.flows import text_router
from bot.telegram.handlers import errors, fallbacks, help, middleware
from bot.telegram.handlers.admin.routes import ROUTES as ADMIN
from bot.telegram.handlers.convenor.routes import ROUTES as CONVENOR
from bot.telegram.handlers.officer.routes import ROUTES as OFFICER
from bot.telegram.handlers.resident import group_replies, write_unprompted
from bot.telegram.handlers.resident.routes import ROUTES as RESIDENT
from bot.telegram.handlers.routes import Routes

PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
GROUPS = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
EVERYONE = Routes(
    private_commands={"help": help.help_command, "cancel": help.cancel_command},
    buttons=(help.guide_pressed,),
)
ALL_ROUTES = (EVERYONE, RESIDENT, CONVENOR, OFFICER, ADMIN)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add all handlers to ``app``."""
    # Updates handled before (redelivered after a crash) stop here; then flood control: a
    # flood is answered once and goes no further.
    app.add_handler(TypeHandler(Update, middleware.skip_handled), group=-4)
    app.add_handler(TypeHandler(Update, middleware.FloodGuard()), group=-3)
    app.add_handler(TypeHandler(Update, sender.resolve_sender), group=-2)
    # A button pressed on a message in someone else's chat (forged) is stale, before it acts.
    app.add_handler(CallbackQueryHandler(middleware.refuse_foreign_press), group=-1)

    # Edits first, so that an edited command is not run a second time.
    app.add_handler(MessageHandler(filters.UpdateType.EDITED, fallbacks.edited_message))

    for routes in ALL_ROUTES:
        for name, callback in routes.private_commands.items():
            app.add_handler(CommandHandler(names(name), callback, filters=PRIVATE))
        for name, callback in routes.group_commands.items():
            app.add_handler(CommandHandler(names(name), callback, filters=GROUPS))
    app.add_handler(
        CommandHandler(
            [n for c in COMMANDS for n in c.names], fallbacks.private_only, filters=GROUPS
        )
    )

    for routes in ALL_ROUTES:
        for button in routes.buttons:
            app.add_handler(CallbackQueryHandler(button, pattern=button.kind.pattern()))
    app.add_handler(CallbackQueryHandler(fallbacks.unknown_button))

    # Text: replies to our posts in groups, flows in private, then the catch-alls.
    flows = {name: flow for routes in ALL_ROUTES for name, flow in routes.flows.items()}
    app.add_handler(
        MessageHandler(
            GROUPS & filters.REPLY & filters.TEXT & ~filters.COMMAND, group_replies.on_group_reply
        )
    )
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, text_router(flows)))
    app.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, fallbacks.unknown_command)
    )
    app.add_handler(MessageHandler(PRIVATE & filters.PHOTO, write_unprompted.on_photo))
    app.add_handler(MessageHandler(PRIVATE & ~filters.TEXT, fallbacks.not_text))

    app.add_handler(TypeHandler(Update, middleware.done_with_update), group=1)
    app.add_error_handler(errors.ErrorHandler())
