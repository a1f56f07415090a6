"""Conversations as the council runs them: opening one (who it goes to, and when: quiet hours
and pacing as for prompts) and working out its results off the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.domain.common_ground import Round, RoundOutcome, RoundSide, analyse
from bot.domain.people import Side
from bot.domain.prompts import PromptText, earliest_send
from bot.domain.sense_checks import SenseCheck
from bot.services import Services
from bot.services.check_ins import youth_bands


async def open_round(
    services: Services,
    forum_id: str,
    side: RoundSide,
    question: PromptText,
    by: int | None,
    days: int,
    seeds: Sequence[tuple[str, str]],
) -> tuple[Round, int]:
    """Open a conversation for ``days`` and queue its invitation to the members on its side(s).

    Invitations to young people keep to quiet hours (as prompts do), so a conversation for both
    sides waits for the youth quiet hours to end for everyone: one message time for all.
    """
    now = services.clock.now()
    return await services.store.rounds.open(
        forum_id, side, question, by, now + timedelta(days=days), seeds,
        youth_bands(services), send_after(services, side),
    )  # fmt: skip


def send_after(services: Services, side: RoundSide) -> datetime:
    """When an invitation to ``side`` may go: now, or when its quiet hours end (a youth side's
    for a joint one, so everyone hears at the same time)."""
    prompts = services.config.prompts
    return earliest_send(
        services.clock.now(),
        Side.ADULT if side is RoundSide.ADULT else Side.YOUTH,
        False,
        prompts.quiet_start,
        prompts.quiet_end,
        prompts.quiet_hours_for_adults,
        services.config.council.timezone,
    )


async def open_sense_check(
    services: Services,
    forum_id: str,
    side: RoundSide,
    subject: str,
    proposal_id: int | None,
    by: int,
) -> tuple[SenseCheck, int]:
    """Put something to a forum side (or both) for a quick sense check, now or after quiet
    hours, as a conversation's invitation goes."""
    return await services.store.sense_checks.open(
        forum_id, side, subject, proposal_id, by, youth_bands(services),
        send_after(services, side),
    )  # fmt: skip


async def results(services: Services, found: Round) -> RoundOutcome:
    """The conversation's results with its statements' words. The analysis (PCA, k-means)
    runs in a worker thread: on a big conversation it takes a noticeable fraction of a
    second, which the bot's other updates should not wait for. The round's id seeds it, so
    the groups are the same each time for the same votes."""
    votes = await services.store.rounds.votes(found.id)
    texts = {s.id: s.text for s in await services.store.rounds.statements(found.id)}
    outcome = await asyncio.to_thread(
        analyse, votes.statements, votes.voters, votes.votes, found.id
    )
    return RoundOutcome(found, outcome, texts)


async def for_period(services: Services, start: datetime, end: datetime) -> list[RoundOutcome]:
    """Results of every conversation open at some time in [start, end), oldest first."""
    return [
        await results(services, found)
        for found in await services.store.rounds.open_between(start, end)
    ]
