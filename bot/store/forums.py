"""Forums and who belongs to them (``store.forums``)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.config import ForumConfig
from bot.domain.people import Person
from bot.store.base import Part
from bot.store.database import Tx


class Forums(Part):
    """The council's forums, as configured, and each person's memberships."""

    async def sync(self, forums: Sequence[ForumConfig]) -> None:
        """Make the forums table match the config; forums no longer listed become inactive."""
        rows = [(f.id, f.name_cy, f.name_en, i) for i, f in enumerate(forums)]

        def work(tx: Tx) -> None:
            tx.execute("UPDATE forums SET active = 0")
            tx.executemany(
                """INSERT INTO forums (id, name_cy, name_en, position, active)
                   VALUES (?, ?, ?, ?, 1)
                   ON CONFLICT (id) DO UPDATE SET name_cy = excluded.name_cy,
                       name_en = excluded.name_en, position = excluded.position, active = 1""",
                rows,
            )

        await self._db.write(work)
        self._cache.forums_changed()

    async def memberships(self, person: Person) -> frozenset[str]:
        """Ids of the active forums the person belongs to."""
        if person.id in self._cache.memberships:
            return self._cache.memberships[person.id]
        rows = await self._db.all(
            """SELECT m.forum_id FROM memberships m JOIN forums f ON f.id = m.forum_id
               WHERE m.person_id = ? AND f.active = 1""",
            (person.id,),
        )
        joined = frozenset(row["forum_id"] for row in rows)
        self._cache.memberships[person.id] = joined
        return joined

    async def set_membership(self, person: Person, forum_id: str, member: bool) -> bool:
        """Join or leave a forum; returns False when nothing changed (already so)."""
        now = self._now()

        def work(tx: Tx) -> int:
            if member:
                return tx.execute(
                    """INSERT INTO memberships (person_id, forum_id, joined_at)
                       SELECT ?, id, ? FROM forums WHERE id = ? AND active = 1
                       ON CONFLICT (person_id, forum_id) DO NOTHING""",
                    (person.id, now, forum_id),
                )
            return tx.execute(
                "DELETE FROM memberships WHERE person_id = ? AND forum_id = ?",
                (person.id, forum_id),
            )

        changed = await self._db.write(work)
        self._cache.memberships_changed(person.id)
        return changed > 0
