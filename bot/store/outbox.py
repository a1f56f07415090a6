"""The outbox of messages that must reach someone, and the bot's own posts in groups."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from bot.domain.notifications import Kind, OutboxItem
from bot.store.base import StoreBase, from_db, to_db


class OutboxQueries(StoreBase):
    """Queued messages and where the bot has posted."""

    async def claim_outbox(
        self, now: datetime, lease: timedelta, limit: int = 100
    ) -> list[OutboxItem]:
        """Claim messages due now for ``lease``, oldest first, so that two bot processes (or
        two delivery runs) never send the same one; a claim left by a crash runs out and the
        message is sent again. Messages to people who blocked the bot are dropped."""
        async with self._transaction() as db:
            rows = list(
                await db.execute_fetchall(
                    """UPDATE outbox SET claimed_until = ? WHERE id IN (
                           SELECT id FROM outbox
                           WHERE sent_at IS NULL AND failed_at IS NULL AND not_before <= ?
                             AND (claimed_until IS NULL OR claimed_until <= ?)
                           ORDER BY id LIMIT ?)
                       RETURNING *""",
                    (to_db(now + lease), to_db(now), to_db(now), limit),
                )
            )
            people_ids = sorted({r["person_id"] for r in rows if r["person_id"] is not None})
            people = {}
            if people_ids:
                marks = ",".join("?" * len(people_ids))
                for person in await db.execute_fetchall(
                    f"SELECT id, telegram_id, language, active FROM people WHERE id IN ({marks})",
                    people_ids,
                ):
                    people[person["id"]] = person
            items, unreachable = [], []
            for row in sorted(rows, key=lambda r: r["id"]):
                recipient = people.get(row["person_id"])
                if recipient is not None and not recipient["active"]:
                    unreachable.append(row["id"])
                    continue
                items.append(
                    OutboxItem(
                        id=row["id"],
                        kind=Kind(row["kind"]),
                        payload=json.loads(row["payload"]),
                        chat_id=row["chat_id"] if recipient is None else recipient["telegram_id"],
                        thread_id=row["thread_id"],
                        language=None if recipient is None else recipient["language"],
                        person_id=row["person_id"],
                        attempts=row["attempts"],
                    )
                )
            if unreachable:
                marks = ",".join("?" * len(unreachable))
                await db.execute(
                    f"""UPDATE outbox SET failed_at = ?, last_error = 'recipient unreachable'
                        WHERE id IN ({marks})""",
                    (self._now(), *unreachable),
                )
        return items

    async def mark_sent(self, item_id: int) -> None:
        """The message reached Telegram."""
        async with self._transaction() as db:
            await db.execute(
                """UPDATE outbox SET sent_at = ?, attempts = attempts + 1, claimed_until = NULL
                   WHERE id = ?""",
                (self._now(), item_id),
            )

    async def mark_retry(self, item_id: int, not_before: datetime, error: str) -> None:
        """Try again later."""
        async with self._transaction() as db:
            await db.execute(
                """UPDATE outbox SET attempts = attempts + 1, not_before = ?, last_error = ?,
                       claimed_until = NULL WHERE id = ?""",
                (to_db(not_before), error[:500], item_id),
            )

    async def release(self, item_ids: list[int]) -> None:
        """Give back claimed messages that were not attempted (a flood wait stopped the run)."""
        if not item_ids:
            return
        marks = ",".join("?" * len(item_ids))
        async with self._transaction() as db:
            await db.execute(
                f"UPDATE outbox SET claimed_until = NULL WHERE id IN ({marks})", item_ids
            )

    async def mark_failed(self, item_id: int, error: str) -> None:
        """Give up on a message (the recipient blocked the bot, or it kept failing)."""
        async with self._transaction() as db:
            await db.execute(
                """UPDATE outbox SET failed_at = ?, attempts = attempts + 1, last_error = ?,
                       claimed_until = NULL WHERE id = ?""",
                (self._now(), error[:500], item_id),
            )

    async def next_outbox_due(self) -> datetime | None:
        """When the earliest unsent message may go (for waking the sender up on time)."""
        row = await self._fetchone(
            "SELECT MIN(not_before) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"
        )
        return from_db(row[0]) if row else None

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
