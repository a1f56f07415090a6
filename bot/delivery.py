"""Sending what the outbox holds: notifications that must reach people.

Rows are rendered at send time in the recipient's current language, sent, then marked sent.
A crash between sending and marking means the message goes again after restart: delivery is
at least once, never zero times. People who blocked the bot are marked unreachable, not
retried forever; Telegram's flood waits are respected.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.domain.notifications import Kind, OutboxItem, gives_up, retry_delay
from bot.domain.proposals import Status, reference
from bot.render import proposals as render
from bot.services import Services

logger = logging.getLogger(__name__)
BATCH = 100


class Outbox:
    """Delivers pending outbox rows; one delivery run at a time."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()

    async def deliver(self, bot: Bot, services: Services) -> int:
        """Send everything due now; returns how many messages went out."""
        sent = 0
        async with self._lock:
            while True:
                batch = await services.store.pending_outbox(services.clock.now(), BATCH)
                for item in batch:
                    sent += await _deliver_one(bot, services, item)
                if len(batch) < BATCH:
                    return sent


def render_item(services: Services, item: OutboxItem) -> str:
    """The message text for an outbox row, in the recipient's language."""
    t = services.i18n(item.language or services.config.council.default_language)
    payload = item.payload
    if item.kind is Kind.STATUS_CHANGE:
        return render.status_notice(
            t,
            reference(int(payload["proposal_id"])),
            str(payload["title"]),
            Status(payload["to"]),
            str(payload.get("note") or ""),
        )
    raise ValueError(f"unknown outbox kind {item.kind}")


async def _deliver_one(bot: Bot, services: Services, item: OutboxItem) -> int:
    store = services.store
    if item.chat_id is None:
        await store.mark_failed(item.id, "no recipient")
        return 0
    try:
        await bot.send_message(
            item.chat_id, render_item(services, item), message_thread_id=item.thread_id
        )
    except Forbidden as error:
        logger.info("Outbox %s: recipient unreachable (%s)", item.id, error.message)
        if item.person_id is not None:
            await store.mark_unreachable(item.person_id)
        await store.mark_failed(item.id, str(error))
        return 0
    except RetryAfter as error:
        wait = error.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        await store.mark_retry(
            item.id, services.clock.now() + timedelta(seconds=seconds), str(error)
        )
        return 0
    except BadRequest as error:
        logger.warning("Outbox %s refused by Telegram: %s", item.id, error.message)
        await store.mark_failed(item.id, str(error))
        return 0
    except TelegramError as error:  # timeouts, 5xx: try again later, then give up
        if gives_up(item.attempts + 1):
            logger.error(
                "Outbox %s failed %s times; giving up: %s", item.id, item.attempts + 1, error
            )
            await store.mark_failed(item.id, str(error))
        else:
            await store.mark_retry(
                item.id, services.clock.now() + retry_delay(item.attempts + 1), str(error)
            )
        return 0
    await store.mark_sent(item.id)
    return 1
