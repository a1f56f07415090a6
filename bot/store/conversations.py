"""Where each person is in a multi-step flow (``store.conversations``), kept across restarts."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from bot.domain.people import Person
from bot.store.base import Part, when
from bot.store.cache import StoredFlow
from bot.store.database import Tx


def end_conversation(tx: Tx, person_id: int) -> bool:
    """Within a write: the person's flow is over (returns whether there was one).

    Ending a flow in the same transaction as what it was for (an answer, a proposal) means a
    crash can never leave one without the other. Tell the cache ``conversation_ended`` once
    the transaction has committed.
    """
    return tx.execute("DELETE FROM conversations WHERE person_id = ?", (person_id,)) > 0


class Conversations(Part):
    """Pending flows, answered from memory after the first look-up."""

    async def get(
        self, person: Person, max_age: timedelta | None = None
    ) -> tuple[str, dict[str, Any]] | None:
        """The flow the person is in the middle of (name and its data), if recent enough.

        Every text message a person sends asks this, so it is answered from memory after the
        first look-up; ``set`` and ``clear`` write the cache through after they commit.
        """
        cached = self._cache.conversations
        if person.id not in cached:

            def work(tx: Tx) -> StoredFlow | None:
                row = tx.one(
                    "SELECT flow, data, updated_at FROM conversations WHERE person_id = ?",
                    (person.id,),
                )
                return StoredFlow(row["flow"], row["data"], row["updated_at"]) if row else None

            read = await self._db.read(work)
            cached.setdefault(person.id, read)  # a write meanwhile is newer
        stored = cached[person.id]
        if stored is None:
            return None
        if max_age is not None and when(stored.updated_at) < self._clock.now() - max_age:
            return None
        return stored.flow, json.loads(stored.data)

    async def set(self, person: Person, flow: str, data: dict[str, Any]) -> None:
        """Remember where the person is in a multi-step flow (survives restarts)."""
        stored = StoredFlow(flow, json.dumps(data, ensure_ascii=False), self._now())

        def work(tx: Tx) -> None:
            tx.execute(
                """INSERT INTO conversations (person_id, flow, data, updated_at)
                   VALUES (?, ?, ?, ?)
                   ON CONFLICT (person_id) DO UPDATE SET flow = excluded.flow,
                       data = excluded.data, updated_at = excluded.updated_at""",
                (person.id, *stored),
            )

        await self._db.write(work)
        self._cache.conversation_set(person.id, stored)

    async def clear(self, person: Person) -> bool:
        """Leave any flow; returns whether there was one."""
        if person.id in self._cache.conversations and self._cache.conversations[person.id] is None:
            return False  # nothing to delete: no need to go to the database
        removed = await self._db.write(lambda tx: end_conversation(tx, person.id))
        self._cache.conversation_ended(person.id)
        return removed
