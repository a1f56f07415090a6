"""Which Telegram updates have had their effect committed (``store.updates``).

``Database.write`` records the update being handled in the same transaction as its effect;
this part answers "was this one handled?" when Telegram delivers an update again.
"""

from __future__ import annotations

from datetime import datetime

from bot.store.base import Part, to_db
from bot.store.database import Tx


class Updates(Part):
    """Processed update ids."""

    async def handled(self, update_id: int) -> bool:
        """Whether an update's effect has been committed already.

        Telegram's update ids only grow, so an id above the highest one recorded when the
        store opened is new and needs no look-up: only redeliveries after a restart do.
        """
        if self._cache.newest_update is None:
            newest = await self._db.scalar("SELECT MAX(update_id) FROM processed_updates")
            self._cache.newest_update = int(newest) if newest is not None else -1
        if update_id > self._cache.newest_update:
            return False
        found = await self._db.one(
            "SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,)
        )
        return found is not None

    async def forget_before(self, before: datetime) -> int:
        """Drop update ids older than ``before`` (Telegram redelivers within hours, not weeks)."""

        def work(tx: Tx) -> int:
            return tx.execute(
                "DELETE FROM processed_updates WHERE processed_at < ?", (to_db(before),)
            )

        return await self._db.write(work)
