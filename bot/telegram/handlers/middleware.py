"""What runs around every update: skip one handled before, hold back floods, refuse a
forged press, and stop recording the update id when it is done (see ``register``'s groups)."""

from __future__ import annotations

import logging
from collections import deque
from datetime import datetime, timedelta

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.store import current_update
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import pressed_in_own_chat, refuse, stale
from bot.telegram.sender import resolve_sender

logger = logging.getLogger(__name__)


async def skip_handled(update: Update, context: CydlaisContext) -> None:
    """An update whose effect is already committed (redelivered after a crash) goes no further.

    Otherwise its id is set for the store, which records it in the same transaction as the
    update's first change.
    """
    if context.bot_data.services is None:
        return
    if await context.store.updates.handled(update.update_id):
        logger.info("Update %s was handled before; skipping it", update.update_id)
        raise ApplicationHandlerStop
    current_update.set(update.update_id)


async def done_with_update(update: Update, context: CydlaisContext) -> None:
    """Stop recording the update id (later work, such as jobs, is not part of it)."""
    current_update.set(None)


async def refuse_foreign_press(update: Update, context: CydlaisContext) -> None:
    """Before any handler: a press on a message outside the presser's own chat is stale."""
    if not pressed_in_own_chat(update):
        await stale(update, context)
        raise ApplicationHandlerStop


class FloodGuard:
    """More than N messages a minute from one person: answer once with "slow down" and drop
    the rest of that minute's. Others are not affected. Edits count as messages (each one is
    answered too). Button presses are not counted (a person tapping through a flow is quick by
    nature; double taps are handled where they land)."""

    WINDOW = timedelta(minutes=1)

    def __init__(self) -> None:
        self._seen: dict[int, deque[datetime]] = {}
        self._warned: dict[int, datetime] = {}

    async def __call__(self, update: Update, context: CydlaisContext) -> None:
        user = update.effective_user
        typed = update.message or update.edited_message
        if user is None or typed is None or context.bot_data.services is None:
            return
        now = context.services.clock.now()
        recent = self._seen.setdefault(user.id, deque())
        while recent and now - recent[0] >= self.WINDOW:
            recent.popleft()
        recent.append(now)
        if len(self._seen) > 10_000:  # forget people who have gone quiet
            self._forget_quiet(now)
        if len(recent) <= context.config.safety.flood_messages_per_minute:
            return
        warned = self._warned.get(user.id)
        if warned is None or now - warned >= self.WINDOW:
            self._warned[user.id] = now
            await self._warn(update, context)
        raise ApplicationHandlerStop

    def _forget_quiet(self, now: datetime) -> None:
        for user_id in [
            u for u, seen in self._seen.items() if not seen or now - seen[-1] >= self.WINDOW
        ]:
            self._seen.pop(user_id, None)
            self._warned.pop(user_id, None)

    async def _warn(self, update: Update, context: CydlaisContext) -> None:
        await resolve_sender(update, context)
        text = context.t._(
            "You are sending messages very quickly. Please wait a minute: I have not acted on "
            "the last ones."
        )
        chat = update.effective_chat
        if chat is not None and chat.type == ChatType.PRIVATE:  # a group is not told
            await refuse(update, text)
