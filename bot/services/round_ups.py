"""The monthly "you said, we did" round-up: early each month, last month's decisions and
replies are posted to each forum's group (or topic) where one is configured, Welsh first.

Queued by the tick from 10:00 council time on the first days of the month (so a bot that was
down on the 1st still posts); the outbox key makes it once per forum side and month.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from bot.domain.notifications import Kind
from bot.domain.people import Side
from bot.services import Services

POST_FROM = time(10, 0)
CATCH_UP_DAYS = 7  # after the 7th, a month missed is not posted late


def last_month(today: date) -> tuple[date, date]:
    """The first and last day of the month before ``today``'s."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


async def queue_round_ups(services: Services) -> int:
    """Queue the round-ups due now; how many were queued (or already were)."""
    config, now = services.config, services.clock.now()
    local = now.astimezone(config.council.timezone)
    if local.day > CATCH_UP_DAYS or local.time() < POST_FROM:
        return 0
    first, last = last_month(local.date())
    queued = 0
    for forum in config.forums:
        for side, chat, topic in (
            (Side.ADULT, forum.chat_id, forum.topic_id),
            (Side.YOUTH, forum.youth_chat_id, forum.youth_topic_id),
        ):
            if chat is None:
                continue
            payload = {"forum_id": forum.id, "side": side.value, "first": first.isoformat(),
                       "last": last.isoformat()}  # fmt: skip
            key = f"roundup:{first:%Y-%m}:{forum.id}:{side.value}"
            await services.store.outbox.post(chat, topic, Kind.ROUND_UP, payload, key)
            queued += 1
    return queued
