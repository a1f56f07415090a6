"""Long polling that confirms an update to Telegram only after it has been handled.

PTB's own Updater asks for the next batch (which confirms the last one) while the current batch
is still being handled, so a crash loses what was fetched but not yet handled. Here an update
is confirmed (by the next ``getUpdates`` offset) only once handling it has finished; after a
crash Telegram delivers it again, and the update ids the store recorded with their effects make
that harmless. Updates are handled one at a time, in order.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from contextlib import suppress
from datetime import timedelta

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut

from bot.telegram.app import CydlaisApp, close_services, open_services

logger = logging.getLogger(__name__)

POLL_TIMEOUT = 30  # seconds Telegram may hold a getUpdates open
BATCH = 100


async def serve(app: CydlaisApp) -> None:
    """Run the bot until SIGINT or SIGTERM: start, poll and handle, then stop cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    if not await _initialize_when_reachable(app, stop):
        return  # stopped while Telegram was still out of reach
    try:
        await open_services(app)
        await app.bot.delete_webhook()
        await app.start()
        logger.info("Polling for updates")
        await _poll(app, stop)
    finally:
        if app.running:
            await app.stop()
        await app.shutdown()
        await close_services(app)


async def _initialize_when_reachable(app: CydlaisApp, stop: asyncio.Event) -> bool:
    """``app.initialize()`` (which asks Telegram getMe), retried with back-off while Telegram
    cannot be reached — a supervisor restarting us at once would only hammer it too. A wrong
    token is not worth retrying: InvalidToken goes up. False if stopped before it worked."""
    backoff = 1.0
    while not stop.is_set():
        try:
            await app.initialize()
            return True
        except InvalidToken:
            raise
        except (TimedOut, NetworkError) as error:
            logger.warning(
                "Telegram unreachable at start (%s); trying again in %.0f s", error, backoff
            )
            await _pause(stop, backoff)
            backoff = min(backoff * 2, 60)
    return False


async def _poll(app: CydlaisApp, stop: asyncio.Event) -> None:
    offset: int | None = None
    backoff = 1.0
    while not stop.is_set():
        fetch = asyncio.ensure_future(
            app.bot.get_updates(
                offset=offset, timeout=POLL_TIMEOUT, limit=BATCH, allowed_updates=Update.ALL_TYPES
            )
        )
        stopping = asyncio.ensure_future(stop.wait())
        done, _ = await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if fetch not in done:
            fetch.cancel()
            break
        stopping.cancel()
        try:
            updates = fetch.result()
        except RetryAfter as error:
            await _pause(stop, error.retry_after)
            continue
        except (TimedOut, NetworkError) as error:
            if isinstance(error, (InvalidToken, Conflict)):
                raise
            logger.warning("getUpdates failed (%s); trying again in %.0f s", error, backoff)
            await _pause(stop, backoff)
            backoff = min(backoff * 2, 60)
            continue
        backoff = 1.0
        for update in updates:
            # One at a time and in order; handler errors go to the error handler.
            await app.process_update(update)
            offset = update.update_id + 1


async def _pause(stop: asyncio.Event, seconds: float | timedelta) -> None:
    delay = seconds.total_seconds() if isinstance(seconds, timedelta) else float(seconds)
    with suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=delay)
