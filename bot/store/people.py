"""People: consent, profile and being active (``store.people``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from bot.domain.people import Person, Side
from bot.store.base import Part, from_db, when
from bot.store.database import Row, Tx
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
        side_choice=Side(row["side_choice"]) if row["side_choice"] else None,
    )


def record_consent(
    tx: Tx,
    now: str,
    telegram_id: int,
    display_name: str,
    language: str,
    age_band: str | None,
    side_choice: Side | None = None,
) -> Row:
    """Within a write: create the person who consented (or refresh them); their row."""
    row = tx.one(
        """INSERT INTO people (telegram_id, display_name, language, age_band,
                               consent_at, last_seen_at, side_choice)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (telegram_id) DO UPDATE SET display_name = excluded.display_name,
               language = excluded.language, age_band = excluded.age_band,
               last_seen_at = excluded.last_seen_at, active = 1,
               side_choice = excluded.side_choice
           RETURNING *""",
        (telegram_id, display_name, language, age_band, now, now,
         side_choice.value if side_choice else None),
    )  # fmt: skip
    assert row is not None
    tx.execute("DELETE FROM declined_consent WHERE telegram_id = ?", (telegram_id,))
    if restore_pause(tx, row["id"], telegram_id):  # a pause outlives /forget
        row = tx.one("SELECT * FROM people WHERE id = ?", (row["id"],))
        assert row is not None
    return row


class People(Part):
    """Who takes part: their consent, profile and when they were last active."""

    async def get(self, telegram_id: int) -> Person | None:
        """The person with this Telegram id, or None if they have not consented."""
        if telegram_id in self._cache.people:
            return self._cache.people[telegram_id]
        row = await self._db.one("SELECT * FROM people WHERE telegram_id = ?", (telegram_id,))
        found = person_from(row) if row else None
        self._cache.people[telegram_id] = found
        return found

    async def by_ids(self, person_ids: Iterable[int]) -> dict[int, Person]:
        """People by internal id (for notifications)."""
        ids = sorted(set(person_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = await self._db.all(f"SELECT * FROM people WHERE id IN ({marks})", ids)
        return {row["id"]: person_from(row) for row in rows}

    async def create(
        self,
        telegram_id: int,
        display_name: str,
        language: str,
        age_band: str | None,
        side_choice: Side | None = None,
    ) -> Person:
        """Record consent: create the person, or refresh an existing one's consent and answers.

        Idempotent: a second consent (a double tap, /start again) never makes a second row.
        """
        now = self._now()
        row = await self._db.write(
            lambda tx: record_consent(
                tx, now, telegram_id, display_name, language, age_band, side_choice
            )
        )
        person = person_from(row)
        self._cache.person_saved(person)
        return person

    async def record_decline(self, telegram_id: int) -> None:
        """Remember only that this Telegram id declined, so the bot does not keep asking."""
        values = (telegram_id, self._now())

        def work(tx: Tx) -> None:
            tx.execute(
                """INSERT INTO declined_consent (telegram_id, declined_at) VALUES (?, ?)
                   ON CONFLICT (telegram_id) DO UPDATE SET declined_at = excluded.declined_at""",
                values,
            )

        await self._db.write(work)

    async def has_declined(self, telegram_id: int) -> bool:
        """Whether this Telegram id declined the privacy notice (and has not consented since)."""
        row = await self._db.one(
            "SELECT 1 FROM declined_consent WHERE telegram_id = ?", (telegram_id,)
        )
        return row is not None

    async def _update(self, person: Person, sql: str, params: Sequence[Any]) -> Person:
        row = await self._db.write(
            lambda tx: tx.one(sql + " WHERE id = ? RETURNING *", (*params, person.id))
        )
        self._cache.person_changed(person.telegram_id)
        if row is None:
            raise LookupError(f"person {person.id} no longer exists")
        updated = person_from(row)
        self._cache.person_saved(updated)
        return updated

    async def set_receive_prompts(self, person: Person, receive: bool) -> Person:
        """Whether the person wants prompts and check-ins sent to them privately."""
        return await self._update(person, "UPDATE people SET receive_prompts = ?", (int(receive),))

    async def set_language(self, person: Person, language: str) -> Person:
        """Change the language the person reads the bot in."""
        return await self._update(person, "UPDATE people SET language = ?", (language,))

    async def set_side(self, person: Person, side: Side) -> Person:
        """An 18–25's choice of the youth or adult side (the caller checks they may choose)."""
        return await self._update(person, "UPDATE people SET side_choice = ?", (side.value,))

    async def mark_onboarded(self, person: Person) -> Person:
        """Record that the person finished onboarding (keeps the first time)."""
        return await self._update(
            person, "UPDATE people SET onboarded_at = COALESCE(onboarded_at, ?)", (self._now(),)
        )

    async def touch(self, person: Person, today: date) -> None:
        """Note that the person was active (at most once a day: retention counts from it)."""
        if self._cache.seen_on.get(person.id) == today:
            return
        self._cache.seen_on[person.id] = today
        values = (self._now(), person.id)

        def work(tx: Tx) -> None:
            tx.execute("UPDATE people SET last_seen_at = ?, active = 1 WHERE id = ?", values)

        # Bookkeeping, not the update's effect: it must not mark the update as handled.
        await self._db.write(work, record_update=False)
        if not person.active:
            self._cache.person_changed(person.telegram_id)
