"""Jobs on PTB's JobQueue (APScheduler), rebuilt from the database at every start.

PTB does not persist its JobQueue, so everything time-based lives in the database: each
active check-in gets a one-off job at its next occurrence (re-planned after it runs), and a
"tick" every minute catches up on whatever is due (check-ins missed while the bot was down,
reminders, queued messages). Running a job twice is harmless: what it sends is recorded
once in the database.
"""

from __future__ import annotations

import logging
from datetime import time, timedelta
from typing import Any

from telegram.ext import Application

from bot.domain.prompts import Schedule, latest_occurrence
from bot.services import Services, answers_due, check_ins, digest_runs, meetings, round_ups
from bot.telegram.context import CydlaisContext

logger = logging.getLogger(__name__)

TICK_EVERY_SECONDS = 60
TICK = "tick"
DIGEST = "digest"
RETENTION = "retention"
RETENTION_AT = time(3, 0)  # council time: a quiet hour


def checkin_job_name(schedule_id: int) -> str:
    """The JobQueue name of a check-in's next run."""
    return f"checkin:{schedule_id}"


async def tick(context: CydlaisContext) -> None:
    """Catch up on everything due: check-ins, reminders, digests, overdue notices, queued
    messages."""
    services = context.services
    fired = await check_ins.fire_due_checkins(services)
    reminded = await check_ins.queue_due_reminders(services)
    digested = await digest_runs.queue_due_digests(services)
    overdue = await answers_due.flag_newly_overdue(services)
    await round_ups.queue_round_ups(services)
    await meetings.queue_due_reminders(services)
    await meetings.queue_harvest_asks(services)
    sent = await context.deliver_outbox()
    if fired or reminded or digested or overdue or sent:
        logger.info(
            "Tick: %d check-ins, %d reminders, %d digests and %d overdue notices queued, "
            "%d messages sent",
            fired, reminded, digested, overdue, sent,
        )  # fmt: skip


async def digest_due(context: CydlaisContext) -> None:
    """The weekly digest's time has come: queue it for every officer, send, plan the next."""
    await digest_runs.queue_due_digests(context.services)
    await context.deliver_outbox()
    plan_digest(context.application, context.services)


async def retention(context: CydlaisContext) -> None:
    """Daily: remove answers and accounts older than the council keeps them (counts logged)."""
    services = context.services
    now = services.clock.now()
    keep = services.config.retention
    answers, people = await services.store.privacy.apply_retention(
        now - timedelta(days=keep.answers_days), now - timedelta(days=keep.inactive_account_days)
    )
    logger.info("Retention: removed %d answers and %d inactive accounts", answers, people)
    await services.store.updates.forget_before(now - timedelta(days=7))


def plan_digest(app: Application[Any, Any, Any, Any, Any, Any], services: Services) -> None:
    """(Re)place the one-off job for the next weekly digest."""
    queue = app.job_queue
    assert queue is not None
    for job in queue.get_jobs_by_name(DIGEST):
        job.schedule_removal()
    queue.run_once(digest_due, when=digest_runs.when_next(services), name=DIGEST)


async def checkin_due(context: CydlaisContext) -> None:
    """A check-in's time has come: send it, then plan its next run."""
    services = context.services
    job = context.job
    schedule_id = int(job.data) if job is not None and isinstance(job.data, int) else 0
    schedule = await services.store.schedules.get(schedule_id)
    if schedule is None:
        return  # cancelled meanwhile
    now = services.clock.now()
    due = latest_occurrence(schedule, now, services.config.council.timezone)
    grace = timedelta(hours=services.config.prompts.missed_grace_hours)
    if due is not None and now - due <= grace:
        await check_ins.fire_checkin(services, schedule, due)
    await context.deliver_outbox()
    await plan_checkin(context.application, services, schedule)


async def plan_checkin(
    app: Application[Any, Any, Any, Any, Any, Any], services: Services, schedule: Schedule
) -> None:
    """(Re)place the one-off job for a check-in's next occurrence."""
    queue = app.job_queue
    assert queue is not None
    unplan_checkin(app, schedule.id)
    when = await check_ins.next_checkin(services, schedule)
    queue.run_once(checkin_due, when=when, name=checkin_job_name(schedule.id), data=schedule.id)


def unplan_checkin(app: Application[Any, Any, Any, Any, Any, Any], schedule_id: int) -> None:
    """Remove a check-in's job (when it is cancelled)."""
    queue = app.job_queue
    assert queue is not None
    for job in queue.get_jobs_by_name(checkin_job_name(schedule_id)):
        job.schedule_removal()


async def install_jobs(app: Application[Any, Any, Any, Any, Any, Any], services: Services) -> None:
    """Build the JobQueue from the database (called at every start)."""
    queue = app.job_queue
    if queue is None:
        raise RuntimeError("the JobQueue is missing: install python-telegram-bot[job-queue]")
    for job in queue.get_jobs_by_name(TICK):
        job.schedule_removal()
    queue.run_repeating(tick, interval=TICK_EVERY_SECONDS, first=0, name=TICK)
    plan_digest(app, services)
    for job in queue.get_jobs_by_name(RETENTION):
        job.schedule_removal()
    at = RETENTION_AT.replace(tzinfo=services.config.council.timezone)
    queue.run_daily(retention, time=at, name=RETENTION)
    for schedule in await services.store.schedules.active():
        await plan_checkin(app, services, schedule)
