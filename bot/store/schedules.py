"""Check-in schedules: prompts sent again and again (``store.schedules``)."""

from __future__ import annotations

from datetime import date, datetime, time

from bot.domain.people import Side
from bot.domain.prompts import PromptText, Schedule
from bot.store.base import Part, to_db, when
from bot.store.database import Row, Tx


def schedule_from(row: Row) -> Schedule:
    """A Schedule from a ``schedules`` row."""
    return Schedule(
        id=row["id"],
        forum_id=row["forum_id"],
        side=Side(row["side"]),
        text=PromptText(row["text_cy"], row["text_en"]),
        weekday=row["weekday"],
        local_time=time.fromisoformat(row["local_time"]),
        every_weeks=row["every_weeks"],
        first_date=date.fromisoformat(row["first_date"]),
        created_by=row["created_by"],
        created_at=when(row["created_at"]),
    )


class Schedules(Part):
    """Check-ins convenors set up; each occurrence becomes a prompt (``store.prompts``)."""

    async def create(
        self,
        forum_id: str,
        side: Side,
        text: PromptText,
        weekday: int,
        local_time: time,
        every_weeks: int,
        first_date: date,
        by: int | None,
    ) -> Schedule:
        """Store a new check-in."""
        values = (
            forum_id, side.value, text.cy, text.en, weekday, local_time.strftime("%H:%M"),
            every_weeks, first_date.isoformat(), by, self._now(),
        )  # fmt: skip

        def work(tx: Tx) -> Row | None:
            return tx.one(
                """INSERT INTO schedules (forum_id, side, text_cy, text_en, weekday, local_time,
                       every_weeks, first_date, created_by, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *""",
                values,
            )

        row = await self._db.write(work)
        assert row is not None
        return schedule_from(row)

    async def active(self) -> list[Schedule]:
        """Every check-in that has not been cancelled."""
        rows = await self._db.all("SELECT * FROM schedules WHERE cancelled_at IS NULL ORDER BY id")
        return [schedule_from(r) for r in rows]

    async def get(self, schedule_id: int) -> Schedule | None:
        """An active check-in by id."""
        row = await self._db.one(
            "SELECT * FROM schedules WHERE id = ? AND cancelled_at IS NULL", (schedule_id,)
        )
        return schedule_from(row) if row else None

    async def cancel(self, schedule_id: int) -> bool:
        """Stop a check-in; returns False if it was not active."""
        values = (self._now(), schedule_id)

        def work(tx: Tx) -> int:
            return tx.execute(
                "UPDATE schedules SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL",
                values,
            )

        return await self._db.write(work) > 0

    async def occurrence_sent(self, schedule_id: int, occurrence: datetime) -> bool:
        """Whether this occurrence of a check-in has been sent."""
        row = await self._db.one(
            "SELECT 1 FROM prompts WHERE schedule_id = ? AND occurrence = ?",
            (schedule_id, to_db(occurrence)),
        )
        return row is not None
