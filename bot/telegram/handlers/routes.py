"""What one group of handlers answers: its commands, buttons and flows.

Each folder of handlers (resident/, convenor/, officer/) declares its ``ROUTES`` in its own
``routes.py``; ``bot.telegram.handlers.register`` adds them all to the application in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from telegram import Update

from bot.telegram.buttons import AnyoneButton, ButtonHandler
from bot.telegram.context import CydlaisContext
from bot.telegram.flows import FlowHandler

Callback = Callable[[Update, CydlaisContext], Coroutine[Any, Any, None]]


@dataclass(frozen=True)
class Routes:
    """Commands by English name (the Welsh alias comes along), buttons, and flows by name."""

    private_commands: dict[str, Callback] = field(default_factory=dict)
    group_commands: dict[str, Callback] = field(default_factory=dict)
    buttons: tuple[ButtonHandler[Any] | AnyoneButton[Any], ...] = ()
    flows: dict[str, FlowHandler] = field(default_factory=dict)
