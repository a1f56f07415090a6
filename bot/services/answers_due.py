"""The council's promise kept in view: the day a proposal passes it unanswered, the people who
answer for it hear once (its forum side's convenors, the officers, the admins)."""

from __future__ import annotations

from datetime import time

from bot.domain.accountability import sent_before_for_overdue
from bot.domain.people import Side
from bot.domain.roles import Scope, configured_reviewers
from bot.services import Services

# Notices wait for the working day: a proposal becomes overdue at midnight, people hear at 9.
NOTICE_FROM = time(9, 0)


async def flag_newly_overdue(services: Services) -> int:
    """Queue the once-only overdue notices that are due now; the number of proposals flagged."""
    config, now = services.config, services.clock.now()
    zone = config.council.timezone
    if now.astimezone(zone).time() < NOTICE_FROM:
        return 0
    cutoff = sent_before_for_overdue(now, config.accountability.answer_within_days, zone)
    if not await services.store.accountability.newly_overdue(cutoff):
        return 0
    configured = {
        (forum.id, side.value): (
            *configured_reviewers(config, Scope(forum.id, side)),
            *config.roles.officers,
        )
        for forum in config.forums
        for side in Side
    }
    return len(await services.store.accountability.flag_overdue(cutoff, configured))
