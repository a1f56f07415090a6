"""Jobs on PTB's JobQueue (APScheduler): what runs on a timer, rebuilt at every start.

PTB does not persist its JobQueue, so everything time-based is kept in the database and the
jobs here only wake the bot up to look at it.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import Application

from bot.context import CydlaisContext

logger = logging.getLogger(__name__)

OUTBOX_EVERY_SECONDS = 30


async def deliver_outbox(context: CydlaisContext) -> None:
    """Send queued notifications (also catches up after a restart or an outage)."""
    sent = await context.deliver_outbox()
    if sent:
        logger.info("Delivered %d queued messages", sent)


def install_jobs(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the bot's recurring jobs (called at start, after the services are open)."""
    queue = app.job_queue
    if queue is None:
        raise RuntimeError("the JobQueue is missing: install python-telegram-bot[job-queue]")
    for job in queue.get_jobs_by_name("outbox"):
        job.schedule_removal()
    queue.run_repeating(deliver_outbox, interval=OUTBOX_EVERY_SECONDS, first=1, name="outbox")
