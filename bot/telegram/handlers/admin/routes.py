"""Everything administrators (the clerk setting it up) can send or press."""

from __future__ import annotations

from bot.telegram.handlers.admin import setup
from bot.telegram.handlers.routes import Routes

ROUTES = Routes(private_commands={"setup": setup.setup_command})
