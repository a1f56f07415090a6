"""The bot's own messages in forum groups (``store.posts``), so replies to them are understood."""

from __future__ import annotations

from bot.store.base import Part
from bot.store.database import Tx


class Posts(Part):
    """Where the bot has posted, and what each post was."""

    async def record(
        self,
        chat_id: int,
        message_id: int,
        kind: str,
        forum_id: str | None,
        side: str | None,
        ref_id: int | None = None,
    ) -> None:
        """Remember a message the bot posted in a group, so replies to it can be understood."""
        values = (chat_id, message_id, kind, forum_id, side, ref_id, self._now())

        def work(tx: Tx) -> None:
            tx.execute(
                """INSERT INTO posts (chat_id, message_id, kind, forum_id, side, ref_id,
                       created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (chat_id, message_id) DO NOTHING""",
                values,
            )

        await self._db.write(work)

    async def get(
        self, chat_id: int, message_id: int
    ) -> tuple[str, str | None, str | None, int | None] | None:
        """(kind, forum_id, side, ref_id) of a message the bot posted, if it is one."""
        row = await self._db.one(
            "SELECT kind, forum_id, side, ref_id FROM posts WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        return (row["kind"], row["forum_id"], row["side"], row["ref_id"]) if row else None
