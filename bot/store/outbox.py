"""The outbox of messages that must reach someone, and the bot's own posts in groups."""

from __future__ import annotations

import json
from datetime import datetime

from bot.domain.notifications import Kind, OutboxItem
from bot.store.base import StoreBase, to_db


class OutboxQueries(StoreBase):
    """Queued messages and where the bot has posted."""

    async def pending_outbox(self, now: datetime, limit: int = 100) -> list[OutboxItem]:
        """Messages due to be sent, oldest first, with the recipient's chat and language."""
        rows = await self._fetchall(
            """SELECT o.*, p.telegram_id, p.language, p.active FROM outbox o
               LEFT JOIN people p ON p.id = o.person_id
               WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.not_before <= ?
               ORDER BY o.id LIMIT ?""",
            (to_db(now), limit),
        )
        return [
            OutboxItem(
                id=r["id"],
                kind=Kind(r["kind"]),
                payload=json.loads(r["payload"]),
                chat_id=r["chat_id"] if r["chat_id"] is not None else r["telegram_id"],
                thread_id=r["thread_id"],
                language=r["language"],
                person_id=r["person_id"],
                attempts=r["attempts"],
            )
            for r in rows
            if r["person_id"] is None or r["active"]
        ]

    async def mark_sent(self, item_id: int) -> None:
        """The message reached Telegram."""
        async with self._transaction() as db:
            await db.execute(
                "UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?",
                (self._now(), item_id),
            )

    async def mark_retry(self, item_id: int, not_before: datetime, error: str) -> None:
        """Try again later."""
        async with self._transaction() as db:
            await db.execute(
                """UPDATE outbox SET attempts = attempts + 1, not_before = ?, last_error = ?
                   WHERE id = ?""",
                (to_db(not_before), error[:500], item_id),
            )

    async def mark_failed(self, item_id: int, error: str) -> None:
        """Give up on a message (the recipient blocked the bot, or it kept failing)."""
        async with self._transaction() as db:
            await db.execute(
                """UPDATE outbox SET failed_at = ?, attempts = attempts + 1, last_error = ?
                   WHERE id = ?""",
                (self._now(), error[:500], item_id),
            )

    async def mark_unreachable(self, person_id: int) -> None:
        """The person blocked the bot: stop sending them anything until they come back."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE people SET active = 0 WHERE id = ? RETURNING telegram_id", (person_id,)
            )
            row = await cursor.fetchone()
        if row is not None:
            self._people.pop(row[0], None)

    async def record_post(
        self,
        chat_id: int,
        message_id: int,
        kind: str,
        forum_id: str | None,
        side: str | None,
        ref_id: int | None = None,
    ) -> None:
        """Remember a message the bot posted in a group, so replies to it can be understood."""
        async with self._transaction() as db:
            await db.execute(
                """INSERT INTO posts (chat_id, message_id, kind, forum_id, side, ref_id,
                       created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (chat_id, message_id) DO NOTHING""",
                (chat_id, message_id, kind, forum_id, side, ref_id, self._now()),
            )

    async def post(
        self, chat_id: int, message_id: int
    ) -> tuple[str, str | None, str | None, int | None] | None:
        """(kind, forum_id, side, ref_id) of a message the bot posted, if it is one."""
        row = await self._fetchone(
            "SELECT kind, forum_id, side, ref_id FROM posts WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        return (row["kind"], row["forum_id"], row["side"], row["ref_id"]) if row else None
