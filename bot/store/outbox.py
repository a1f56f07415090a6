"""The outbox of messages that must reach someone (``store.outbox``).

Whatever must be sent because of a change is queued in the change's own transaction
(``enqueue``), so a crash can lose neither; the sender claims and sends them afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.domain.notifications import Kind, OutboxItem
from bot.store.base import Part, from_db, side_condition, to_db
from bot.store.database import Row, Tx


def enqueue(
    tx: Tx,
    now: str,
    person_id: int | None,
    kind: Kind,
    payload: dict[str, Any],
    dedupe_key: str,
    chat_id: int | None = None,
    thread_id: int | None = None,
    not_before: datetime | None = None,
) -> None:
    """Within a write: queue one message (once per ``dedupe_key``)."""
    tx.execute(
        """INSERT INTO outbox (person_id, chat_id, thread_id, kind, payload, dedupe_key,
               created_at, not_before)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING""",
        (
            person_id, chat_id, thread_id, kind.value, json.dumps(payload, ensure_ascii=False),
            dedupe_key, now, to_db(not_before) if not_before else now,
        ),
    )  # fmt: skip


def side_members(
    forum_id: str, side: str, youth_bands: Sequence[str], prompts_only: bool
) -> tuple[str, tuple[Any, ...]]:
    """SQL (and its parameters) giving ``person_id`` for every joined, active member of the
    forum on ``side`` ("adult", "youth" or "both"); ``prompts_only``: those who take prompts."""
    side_test = ""
    params: tuple[Any, ...] = (forum_id,)
    if side != "both":
        on_side, side_params = side_condition(side == "youth", youth_bands)
        side_test, params = f"AND {on_side}", params + side_params
    prompts = "AND p.receive_prompts = 1" if prompts_only else ""
    sql = f"""SELECT p.id AS person_id FROM people p JOIN memberships m ON m.person_id = p.id
              WHERE m.forum_id = ? AND p.active = 1 AND p.onboarded_at IS NOT NULL
              {prompts} {side_test}"""
    return sql, params


def queue_to_members(
    tx: Tx, kind: Kind, payload: dict[str, Any], key: str, now: str, not_before: datetime,
    members: tuple[str, tuple[Any, ...]],
) -> int:  # fmt: skip
    """Within a write: one message each to ``members`` (from ``side_members``), keyed
    ``key:person`` so none goes twice."""
    sql, params = members
    return tx.execute(
        f"""INSERT INTO outbox (person_id, kind, payload, dedupe_key, created_at, not_before)
            SELECT person_id, ?, ?, ? || ':' || person_id, ?, ? FROM ({sql}) WHERE true
            ON CONFLICT (dedupe_key) DO NOTHING""",
        (kind.value, json.dumps(payload), key, now, to_db(not_before), *params),
    )


def _claim(tx: Tx, now: datetime, lease: timedelta, limit: int, stamp: str) -> list[OutboxItem]:
    rows = tx.all(
        """UPDATE outbox SET claimed_until = ? WHERE id IN (
               SELECT id FROM outbox
               WHERE sent_at IS NULL AND failed_at IS NULL AND not_before <= ?
                 AND (claimed_until IS NULL OR claimed_until <= ?)
               ORDER BY id LIMIT ?)
           RETURNING *""",
        (to_db(now + lease), to_db(now), to_db(now), limit),
    )
    people_ids = sorted({r["person_id"] for r in rows if r["person_id"] is not None})
    people: dict[int, Row] = {}
    if people_ids:
        marks = ",".join("?" * len(people_ids))
        for person in tx.all(
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
        tx.execute(
            f"""UPDATE outbox SET failed_at = ?, last_error = 'recipient unreachable'
                WHERE id IN ({marks})""",
            (stamp, *unreachable),
        )
    return items


class Outbox(Part):
    """Queued messages: claimed, sent, retried or given up on."""

    async def post(
        self, chat_id: int, thread_id: int | None, kind: Kind, payload: dict[str, Any], key: str
    ) -> None:
        """Queue one message to a group (or its topic), once per ``key``."""
        now = self._now()
        await self._db.write(
            lambda tx: enqueue(tx, now, None, kind, payload, key, chat_id, thread_id),
            record_update=False,
        )

    async def claim(self, now: datetime, lease: timedelta, limit: int = 100) -> list[OutboxItem]:
        """Claim messages due now for ``lease``, oldest first, so that two bot processes (or
        two delivery runs) never send the same one; a claim left by a crash runs out and the
        message is sent again. Messages to people who blocked the bot are dropped."""
        stamp = self._now()
        return await self._db.write(lambda tx: _claim(tx, now, lease, limit, stamp))

    async def _change(self, sql: str, params: tuple[Any, ...]) -> None:
        await self._db.write(lambda tx: tx.execute(sql, params))

    async def mark_sent(self, item_id: int) -> None:
        """The message reached Telegram."""
        await self._change(
            """UPDATE outbox SET sent_at = ?, attempts = attempts + 1, claimed_until = NULL
               WHERE id = ?""",
            (self._now(), item_id),
        )

    async def mark_retry(self, item_id: int, not_before: datetime, error: str) -> None:
        """Try again later."""
        await self._change(
            """UPDATE outbox SET attempts = attempts + 1, not_before = ?, last_error = ?,
                   claimed_until = NULL WHERE id = ?""",
            (to_db(not_before), error[:500], item_id),
        )

    async def release(self, item_ids: list[int]) -> None:
        """Give back claimed messages that were not attempted (a flood wait stopped the run)."""
        if not item_ids:
            return
        marks = ",".join("?" * len(item_ids))
        await self._change(
            f"UPDATE outbox SET claimed_until = NULL WHERE id IN ({marks})", tuple(item_ids)
        )

    async def mark_failed(self, item_id: int, error: str) -> None:
        """Give up on a message (the recipient blocked the bot, or it kept failing)."""
        await self._change(
            """UPDATE outbox SET failed_at = ?, attempts = attempts + 1, last_error = ?,
                   claimed_until = NULL WHERE id = ?""",
            (self._now(), error[:500], item_id),
        )

    async def next_due(self) -> datetime | None:
        """When the earliest unsent message may go (for waking the sender up on time)."""
        return from_db(
            await self._db.scalar(
                "SELECT MIN(not_before) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"
            )
        )

    async def mark_unreachable(self, person_id: int) -> None:
        """The person blocked the bot: stop sending them anything until they come back."""
        telegram_id = await self._db.write(
            lambda tx: tx.scalar(
                "UPDATE people SET active = 0 WHERE id = ? RETURNING telegram_id", (person_id,)
            )
        )
        if telegram_id is not None:
            self._cache.person_changed(telegram_id)
