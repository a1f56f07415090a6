"""The main-action buttons (send an idea, browse, my proposals, help) shown wherever the bot
would otherwise only say "send /help": each does exactly what its command does."""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Person
from bot.telegram import replies
from bot.telegram.buttons import on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers import help
from bot.telegram.handlers.resident import proposals, write
from bot.telegram.views.home import Go, MainAction


@on_button(MainAction)
async def main_action_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: MainAction
) -> None:
    """Do what the matching command does."""
    await replies.notice(update)
    commands = {
        Go.PROPOSE: write.propose_command,
        Go.BROWSE: proposals.proposals_command,
        Go.MINE: proposals.mine_command,
        Go.HELP: help.help_command,
    }
    context.args = []
    await commands[pressed.go](update, context)
