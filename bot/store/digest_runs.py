"""Which periods' digests have been queued for the officers (``store.digest_runs``)."""

from __future__ import annotations

from typing import Any

from bot.domain.notifications import Kind
from bot.domain.periods import Period
from bot.store.base import Part, to_db
from bot.store.database import Tx
from bot.store.outbox import enqueue


class DigestRuns(Part):
    """Each period's digest is queued exactly once, whatever restarts or second processes do."""

    async def queued(self, period_key: str) -> bool:
        """Whether the digest of this period has been queued for the officers."""
        row = await self._db.one("SELECT 1 FROM digest_runs WHERE period_key = ?", (period_key,))
        return row is not None

    async def last_period(self) -> str | None:
        """The most recent period whose digest was queued."""
        key = await self._db.scalar("SELECT MAX(period_key) FROM digest_runs")
        return key or None

    async def queue(self, period: Period, officer_ids: list[int], payload: dict[str, Any]) -> int:
        """Queue a period's digest once for each officer (who has joined); returns how many.

        Recorded in the same transaction, so a restart or a second process queues nothing
        more for the same period.
        """
        now = self._now()

        def work(tx: Tx) -> int:
            if not tx.execute(
                """INSERT INTO digest_runs (period_key, start_at, end_at, queued_at)
                   VALUES (?, ?, ?, ?) ON CONFLICT (period_key) DO NOTHING""",
                (period.key, to_db(period.start), to_db(period.end), now),
            ):
                return 0
            queued = 0
            for telegram_id in officer_ids:
                person_id = tx.scalar(
                    "SELECT id FROM people WHERE telegram_id = ?", (telegram_id,)
                )
                if person_id is None:
                    continue
                enqueue(
                    tx, now, person_id, Kind.DIGEST, payload, f"digest:{period.key}:{person_id}"
                )
                queued += 1
            return queued

        return await self._db.write(work)
