"""People, forums, memberships and pending conversations."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

import aiosqlite

from bot.config import ForumConfig
from bot.domain.people import Person
from bot.store.base import Row, StoreBase, from_db, when
from bot.store.privacy import restore_pause


def person_from(row: Row) -> Person:
    """A Person from a ``people`` row."""
    return Person(
        id=row["id"],
        telegram_id=row["telegram_id"],
        display_name=row["display_name"],
        language=row["language"],
        age_band=row["age_band"],
        consent_at=when(row["consent_at"]),
        onboarded_at=from_db(row["onboarded_at"]),
        active=bool(row["active"]),
        receive_prompts=bool(row["receive_prompts"]),
        blocked=row["blocked_at"] is not None,
    )


async def record_consent(
    db: aiosqlite.Connection, now: str, telegram_id: int, display_name: str, language: str,
    age_band: str | None,
) -> Row:  # fmt: skip
    """Within a transaction: create the person who consented (or refresh them); their row."""
    cursor = await db.execute(
        """INSERT INTO people (telegram_id, display_name, language, age_band,
                               consent_at, last_seen_at)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (telegram_id) DO UPDATE SET display_name = excluded.display_name,
               language = excluded.language, age_band = excluded.age_band,
               last_seen_at = excluded.last_seen_at, active = 1
           RETURNING *""",
        (telegram_id, display_name, language, age_band, now, now),
    )
    row = await cursor.fetchone()
    await db.execute("DELETE FROM declined_consent WHERE telegram_id = ?", (telegram_id,))
    assert row is not None
    if await restore_pause(db, row["id"], telegram_id):  # a pause outlives /forget
        row = await (
            await db.execute("SELECT * FROM people WHERE id = ?", (row["id"],))
        ).fetchone()
        assert row is not None
    return row


class PeopleQueries(StoreBase):
    """Who takes part, where, and what they are in the middle of."""

    # ---- forums -------------------------------------------------------------------------

    async def sync_forums(self, forums: Sequence[ForumConfig]) -> None:
        """Make the forums table match the config; forums no longer listed become inactive."""
        async with self._transaction() as db:
            await db.execute("UPDATE forums SET active = 0")
            await db.executemany(
                """INSERT INTO forums (id, name_cy, name_en, position, active)
                   VALUES (?, ?, ?, ?, 1)
                   ON CONFLICT (id) DO UPDATE SET name_cy = excluded.name_cy,
                       name_en = excluded.name_en, position = excluded.position, active = 1""",
                [(f.id, f.name_cy, f.name_en, i) for i, f in enumerate(forums)],
            )
        self._memberships.clear()

    # ---- people -------------------------------------------------------------------------

    async def person(self, telegram_id: int) -> Person | None:
        """The person with this Telegram id, or None if they have not consented."""
        if telegram_id in self._people:
            return self._people[telegram_id]
        row = await self._fetchone("SELECT * FROM people WHERE telegram_id = ?", (telegram_id,))
        found = person_from(row) if row else None
        self._people[telegram_id] = found
        return found

    async def people_by_ids(self, person_ids: Iterable[int]) -> dict[int, Person]:
        """People by internal id (for notifications)."""
        ids = sorted(set(person_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = await self._fetchall(f"SELECT * FROM people WHERE id IN ({marks})", ids)
        return {row["id"]: person_from(row) for row in rows}

    async def create_person(
        self, telegram_id: int, display_name: str, language: str, age_band: str | None
    ) -> Person:
        """Record consent: create the person, or refresh an existing one's consent and answers.

        Idempotent: a second consent (a double tap, /start again) never makes a second row.
        """
        async with self._transaction() as db:
            row = await record_consent(
                db, self._now(), telegram_id, display_name, language, age_band
            )
        person = person_from(row)
        self._people[telegram_id] = person
        return person

    async def record_declined_consent(self, telegram_id: int) -> None:
        """Remember only that this Telegram id declined, so the bot does not keep asking."""
        async with self._transaction() as db:
            await db.execute(
                """INSERT INTO declined_consent (telegram_id, declined_at) VALUES (?, ?)
                   ON CONFLICT (telegram_id) DO UPDATE SET declined_at = excluded.declined_at""",
                (telegram_id, self._now()),
            )

    async def has_declined_consent(self, telegram_id: int) -> bool:
        """Whether this Telegram id declined the privacy notice (and has not consented since)."""
        row = await self._fetchone(
            "SELECT 1 FROM declined_consent WHERE telegram_id = ?", (telegram_id,)
        )
        return row is not None

    async def _update_person(self, person: Person, sql: str, params: Sequence[Any]) -> Person:
        async with self._transaction() as db:
            cursor = await db.execute(sql + " WHERE id = ? RETURNING *", (*params, person.id))
            row = await cursor.fetchone()
        self._people.pop(person.telegram_id, None)
        if row is None:
            raise LookupError(f"person {person.id} no longer exists")
        updated = person_from(row)
        self._people[person.telegram_id] = updated
        return updated

    async def set_receive_prompts(self, person: Person, receive: bool) -> Person:
        """Whether the person wants prompts and check-ins sent to them privately."""
        return await self._update_person(
            person, "UPDATE people SET receive_prompts = ?", (int(receive),)
        )

    async def set_language(self, person: Person, language: str) -> Person:
        """Change the language the person reads the bot in."""
        return await self._update_person(person, "UPDATE people SET language = ?", (language,))

    async def mark_onboarded(self, person: Person) -> Person:
        """Record that the person finished onboarding (keeps the first time)."""
        return await self._update_person(
            person, "UPDATE people SET onboarded_at = COALESCE(onboarded_at, ?)", (self._now(),)
        )

    # ---- memberships --------------------------------------------------------------------

    async def memberships(self, person: Person) -> frozenset[str]:
        """Ids of the active forums the person belongs to."""
        if person.id in self._memberships:
            return self._memberships[person.id]
        rows = await self._fetchall(
            """SELECT m.forum_id FROM memberships m JOIN forums f ON f.id = m.forum_id
               WHERE m.person_id = ? AND f.active = 1""",
            (person.id,),
        )
        joined = frozenset(row["forum_id"] for row in rows)
        self._memberships[person.id] = joined
        return joined

    async def set_membership(self, person: Person, forum_id: str, member: bool) -> bool:
        """Join or leave a forum; returns False when nothing changed (already so)."""
        async with self._transaction() as db:
            if member:
                cursor = await db.execute(
                    """INSERT INTO memberships (person_id, forum_id, joined_at)
                       SELECT ?, id, ? FROM forums WHERE id = ? AND active = 1
                       ON CONFLICT (person_id, forum_id) DO NOTHING""",
                    (person.id, self._now(), forum_id),
                )
            else:
                cursor = await db.execute(
                    "DELETE FROM memberships WHERE person_id = ? AND forum_id = ?",
                    (person.id, forum_id),
                )
            changed = cursor.rowcount > 0
        self._memberships.pop(person.id, None)
        return changed

    # ---- pending conversations ----------------------------------------------------------

    async def conversation(
        self, person: Person, max_age: timedelta | None = None
    ) -> tuple[str, dict[str, Any]] | None:
        """The flow the person is in the middle of (name and its data), if recent enough.

        Every text message a person sends asks this, so it is answered from memory after the
        first look-up; the cache is written through by ``set_conversation`` and
        ``clear_conversation`` after they commit.
        """
        if person.id not in self._conversations:

            def work(db: sqlite3.Connection) -> tuple[str, str, str] | None:
                row = db.execute(
                    "SELECT flow, data, updated_at FROM conversations WHERE person_id = ?",
                    (person.id,),
                ).fetchone()
                return (row["flow"], row["data"], row["updated_at"]) if row else None

            read = await self._read(work)
            self._conversations.setdefault(person.id, read)  # a write meanwhile is newer
        stored = self._conversations[person.id]
        if stored is None:
            return None
        flow, data, updated_at = stored
        if max_age is not None and when(updated_at) < self._clock.now() - max_age:
            return None
        return flow, json.loads(data)

    async def set_conversation(self, person: Person, flow: str, data: dict[str, Any]) -> None:
        """Remember where the person is in a multi-step flow (survives restarts)."""
        values = (person.id, flow, json.dumps(data, ensure_ascii=False), self._now())
        await self._atomic(
            lambda db: db.execute(
                """INSERT INTO conversations (person_id, flow, data, updated_at)
                   VALUES (?, ?, ?, ?)
                   ON CONFLICT (person_id) DO UPDATE SET flow = excluded.flow,
                       data = excluded.data, updated_at = excluded.updated_at""",
                values,
            )
        )
        self._conversations[person.id] = values[1:]

    async def clear_conversation(self, person: Person) -> bool:
        """Leave any flow; returns whether there was one."""
        if person.id in self._conversations and self._conversations[person.id] is None:
            return False  # nothing to delete: no need to go to the database
        removed = await self._atomic(lambda db: self._end_conversation(db, person.id))
        self._conversation_ended(person.id)
        return removed
