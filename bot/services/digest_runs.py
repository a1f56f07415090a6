"""The weekly digest as the council runs it: which period, which officers, exactly once.

No Telegram here: this computes figures and queues one digest per period and officer in the
outbox; ``delivery`` renders and sends it.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.accountability import sent_before_for_overdue
from bot.domain.figures import DigestFigures
from bot.domain.indicators import TREND_WEEKS, IndicatorFigures, figures_for
from bot.domain.meetings import MeetingFigures
from bot.domain.periods import Period, iso_week, latest_digest, local_days, next_digest
from bot.domain.responsiveness import WINDOW
from bot.services import Services, common_ground

logger = logging.getLogger(__name__)
CATCH_UP_WEEKS = 8  # after a long outage, at most this many missed weeks are sent


async def figures(services: Services, period: Period) -> DigestFigures:
    """The digest's figures for ``period``, compared with the period just before it."""
    config = services.config
    tz, days = config.council.timezone, config.accountability.answer_within_days
    # Whatever was due (or answered) in the 12 weeks before the period's end.
    since = period.end - WINDOW - timedelta(days=days + 1)
    overdue_before = sent_before_for_overdue(period.end - timedelta(microseconds=1), days, tz)
    figures = await services.store.figures.for_period(
        period, period.previous(tz), since, overdue_before, weeks_up_to(period, tz)
    )
    conversations = await common_ground.for_period(services, period.start, period.end)
    indicators = await indicator_figures(services, period)
    held = await services.store.meetings.held_between(period.start, period.end)
    inputs = await services.store.meetings.input_counts([m.id for m in held])
    meetings = [
        MeetingFigures(m, await services.store.meetings.tally(m.id), inputs.get(m.id, 0))
        for m in held
    ]
    return dataclasses.replace(
        figures, conversations=conversations, indicators=indicators, meetings=meetings
    )


def weeks_up_to(period: Period, tz: ZoneInfo) -> list[Period]:
    """TREND_WEEKS weeks, oldest first: the whole ISO weeks before ``period``'s, then the
    period itself (a week so far stays as it is: the weeks before it are whole)."""
    monday = iso_week(period.first_day, tz).first_day
    earlier = [iso_week(monday - timedelta(weeks=k), tz) for k in range(TREND_WEEKS - 1, 0, -1)]
    return [*earlier, period]


async def indicator_figures(services: Services, period: Period) -> list[IndicatorFigures]:
    """The adopted indicators' answers in the period, and their weekly trend up to it."""
    tz = services.config.council.timezone
    weeks = weeks_up_to(period, tz)
    store = services.store.indicators
    found = await store.answered_between(period.start, period.end)
    answers = await store.answers([i.id for i in found], weeks[0].start, period.end)
    return figures_for(found, answers, [(w.start, w.end) for w in weeks])


def period_payload(period: Period) -> dict[str, Any]:
    """How a period travels in the outbox."""
    return {"first": period.first_day.isoformat(), "last": period.last_day.isoformat()}


def period_from(services: Services, payload: dict[str, Any]) -> Period:
    """The inverse of ``period_payload``."""
    tz = services.config.council.timezone
    return local_days(
        date.fromisoformat(payload["first"]), date.fromisoformat(payload["last"]), tz
    )


async def officers(services: Services) -> list[int]:
    """Telegram ids of everyone who gets the digest: officers in the config and by invitation."""
    invited = await services.store.invites.granted_officers()
    return list(dict.fromkeys([*services.config.roles.officers, *invited]))


async def queue_due_digests(services: Services) -> int:
    """Queue the digest of every period that has fallen due and was not queued yet.

    The first time only the latest period is queued; after downtime the missed weeks are
    caught up (oldest first, at most ``CATCH_UP_WEEKS``). Each period is recorded once.
    """
    config = services.config
    tz = config.council.timezone
    _, latest = latest_digest(services.clock.now(), config.digest.weekday, config.digest.time, tz)
    last_key = await services.store.digest_runs.last_period()
    periods = [latest]
    if last_key is not None:
        while len(periods) < CATCH_UP_WEEKS:
            earlier = periods[-1].previous(tz)
            if earlier.key <= last_key:
                break
            periods.append(earlier)
    queued = 0
    recipients = await officers(services)
    for period in reversed(periods):
        count = await services.store.digest_runs.queue(period, recipients, period_payload(period))
        if count:
            logger.info("Digest for the week of %s queued for %d officers", period.key, count)
        queued += count
    return queued


def when_next(services: Services) -> Any:
    """When the next digest falls due (UTC)."""
    config = services.config
    return next_digest(
        services.clock.now(), config.digest.weekday, config.digest.time, config.council.timezone
    )
