"""Every handler, registered in one place; the order and groups below matter.

Group -4 skips updates already handled (redelivered after a crash); group -3 holds back
floods; group -2 resolves the sender (person, roles, language) once per update; group -1
refuses a button pressed on a message outside the presser's own chat. Group 0 holds
the handlers proper: within a group only the first match runs, so specific handlers come
before the catch-alls that answer unknown commands, stale buttons and messages we cannot use.
Group 1 closes the update.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
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
from bot.telegram.context import CydlaisContext
from bot.telegram.flows import text_router
from bot.telegram.handlers import errors, fallbacks, help, middleware
from bot.telegram.handlers.convenor import compose, invites, meeting, prompts, review, schedules
from bot.telegram.handlers.officer import digest, export, status
from bot.telegram.handlers.resident import answers, data, group_replies, onboarding, proposals

PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
GROUPS = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
Callback = Callable[[Update, CydlaisContext], Coroutine[Any, Any, None]]

# Commands that work in a private chat, by their English name (the Welsh alias comes along).
PRIVATE_COMMANDS: dict[str, Callback] = {
    "start": onboarding.start,
    "help": help.help_command,
    "language": onboarding.language_command,
    "forums": onboarding.forums_command,
    "cancel": help.cancel_command,
    "privacy": data.privacy_command,
    "mydata": data.mydata_command,
    "forget": data.forget_command,
    "propose": proposals.propose_command,
    "proposals": proposals.proposals_command,
    "mine": proposals.mine_command,
    "prompt": prompts.prompt_command,
    "schedule": schedules.schedule_command,
    "meeting": meeting.meeting_command,
    "review": review.review_command,
    "invite": invites.invite_command,
    "status": status.status_command,
    "digest": digest.digest_command,
    "export": export.export_command,
}
# Commands that also mean something in a forum's group.
GROUP_COMMANDS: dict[str, Callback] = {
    "propose": proposals.group_propose_command,
}
# Buttons, by callback-data prefix.
BUTTONS: dict[str, Callback] = {
    "ob": onboarding.onboarding_button,
    "lang": onboarding.language_button,
    "fm": onboarding.forum_button,
    "pp": proposals.propose_button,
    "pl": proposals.list_button,
    "ps": proposals.support_button,
    "pm": proposals.mine_button,
    "pa": answers.answer_button_pressed,
    "pr": prompts.prompt_button,
    "pc": compose.compose_button,
    "sc": schedules.schedule_button,
    "st": status.status_button,
    "rv": review.review_button,
    "rp": review.report_button,
    "fg": data.forget_button,
    "mt": meeting.meeting_button,
}
# Where free text goes when someone is in the middle of a flow.
FLOWS = {
    proposals.FLOW: proposals.on_proposal_text,
    status.FLOW: status.on_note_text,
    answers.FLOW: answers.on_answer_text,
    answers.TYPED_FLOW: answers.on_typed_answer_text,
    compose.FLOW: compose.on_compose_text,
    review.FLOW: review.on_hide_reason,
}


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

    for name, callback in PRIVATE_COMMANDS.items():
        app.add_handler(CommandHandler(names(name), callback, filters=PRIVATE))
    for name, callback in GROUP_COMMANDS.items():
        app.add_handler(CommandHandler(names(name), callback, filters=GROUPS))
    app.add_handler(
        CommandHandler(
            [n for c in COMMANDS for n in c.names], fallbacks.private_only, filters=GROUPS
        )
    )

    for prefix, callback in BUTTONS.items():
        app.add_handler(CallbackQueryHandler(callback, pattern=rf"^{prefix}:"))
    app.add_handler(CallbackQueryHandler(fallbacks.unknown_button))

    # Text: replies to our posts in groups, flows in private, then the catch-alls.
    app.add_handler(
        MessageHandler(
            GROUPS & filters.REPLY & filters.TEXT & ~filters.COMMAND, group_replies.on_group_reply
        )
    )
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, text_router(FLOWS)))
    app.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, fallbacks.unknown_command)
    )
    app.add_handler(MessageHandler(PRIVATE & ~filters.TEXT, fallbacks.not_text))

    app.add_handler(TypeHandler(Update, middleware.done_with_update), group=1)
    app.add_error_handler(errors.ErrorHandler())
