"""Forum groups linked in the chat with /link and /unlink (``store.group_links``).

A row per forum side that an admin linked or unlinked; the config file's chat ids are the
starting point and a row here wins over them (``chat_id`` NULL: unlinked on purpose).
"""

from __future__ import annotations

from bot.domain.people import Person, Side
from bot.store.base import Part
from bot.store.database import Tx
from bot.store.moderation import log_action


class GroupLinks(Part):
    """Which group (and topic) each forum side posts to, as set in the chat."""

    async def all(self) -> dict[tuple[str, str], tuple[int | None, int | None]]:
        """Every forum side linked or unlinked in the chat: (forum, side) → (chat, topic)."""
        rows = await self._db.all("SELECT forum_id, side, chat_id, thread_id FROM group_links")
        return {(row[0], row[1]): (row[2], row[3]) for row in rows}

    async def link(
        self, forum_id: str, side: Side, chat_id: int, thread_id: int | None, by: Person
    ) -> None:
        """Link the forum side to this group or topic (replacing any earlier link), logged."""
        now = self._now()

        def work(tx: Tx) -> None:
            tx.execute(
                """INSERT INTO group_links (forum_id, side, chat_id, thread_id, linked_by,
                       linked_at) VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (forum_id, side) DO UPDATE SET chat_id = excluded.chat_id,
                       thread_id = excluded.thread_id, linked_by = excluded.linked_by,
                       linked_at = excluded.linked_at""",
                (forum_id, side.value, chat_id, thread_id, by.id, now),
            )
            where = f"{chat_id}/{thread_id or 0}"
            log_action(tx, now, by.id, "link_group", f"forum:{forum_id}:{side.value}", where)

        await self._db.write(work)

    async def unlink(self, forum_id: str, side: Side, by: Person) -> None:
        """Stop posting the forum side to any group (also over the config file), logged."""
        now = self._now()

        def work(tx: Tx) -> None:
            tx.execute(
                """INSERT INTO group_links (forum_id, side, chat_id, thread_id, linked_by,
                       linked_at) VALUES (?, ?, NULL, NULL, ?, ?)
                   ON CONFLICT (forum_id, side) DO UPDATE SET chat_id = NULL,
                       thread_id = NULL, linked_by = excluded.linked_by,
                       linked_at = excluded.linked_at""",
                (forum_id, side.value, by.id, now),
            )
            log_action(tx, now, by.id, "unlink_group", f"forum:{forum_id}:{side.value}")

        await self._db.write(work)
