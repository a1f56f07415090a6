"""Quick sense checks and their taps (``store.sense_checks``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.domain.common_ground import RoundSide
from bot.domain.notifications import Kind
from bot.domain.people import Person, Side
from bot.domain.roles import Scope
from bot.domain.sense_checks import Feeling, SenseCheck, SenseResults
from bot.store.base import Part, placeholders, when
from bot.store.database import Row, Tx
from bot.store.outbox import queue_to_members, side_members


def _check_from(row: Row) -> SenseCheck:
    return SenseCheck(
        id=row["id"],
        forum_id=row["forum_id"],
        side=RoundSide(row["side"]),
        subject=row["subject"],
        proposal_id=row["proposal_id"],
        created_at=when(row["created_at"]),
    )


class SenseChecks(Part):
    """Putting something to a forum for a quick sense check, and the answers."""

    async def open(
        self,
        forum_id: str,
        side: RoundSide,
        subject: str,
        proposal_id: int | None,
        by: int,
        youth_bands: Sequence[str],
        not_before: datetime,
    ) -> tuple[SenseCheck, int]:
        """Store it and queue it to every member on its side(s) who takes prompts."""
        now = self._now()

        def work(tx: Tx) -> tuple[SenseCheck, int]:
            row = tx.one(
                """INSERT INTO sense_checks (forum_id, side, subject, proposal_id, created_by,
                       created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *""",
                (forum_id, side.value, subject, proposal_id, by, now),
            )
            assert row is not None
            check = _check_from(row)
            members = side_members(forum_id, side.value, youth_bands, prompts_only=True)
            sent = queue_to_members(
                tx, Kind.SENSE_CHECK, {"check_id": check.id}, f"sense:{check.id}", now,
                not_before, members,
            )  # fmt: skip
            return check, sent

        return await self._db.write(work)

    async def get(self, check_id: int) -> SenseCheck | None:
        """One sense check."""
        row = await self._db.one("SELECT * FROM sense_checks WHERE id = ?", (check_id,))
        return _check_from(row) if row else None

    async def of(self, scopes: Sequence[Scope], limit: int = 5) -> list[SenseCheck]:
        """The newest sense checks in these convenors' forums."""
        forums = sorted({scope.forum_id for scope in scopes})
        rows = await self._db.all(
            f"""SELECT * FROM sense_checks WHERE forum_id IN ({placeholders(forums)})
                ORDER BY id DESC LIMIT ?""",
            (*forums, limit),
        )
        return [_check_from(row) for row in rows]

    async def tap(self, check: SenseCheck, person: Person, side: Side, feeling: Feeling) -> bool:
        """A member's tap (a second one changes it); False unless they are a member of the
        forum on a side it was put to."""
        now = self._now()

        def work(tx: Tx) -> bool:
            member = tx.scalar(
                "SELECT 1 FROM memberships WHERE person_id = ? AND forum_id = ?",
                (person.id, check.forum_id),
            )
            if not member or not check.side.includes(side):
                return False
            tx.execute(
                """INSERT INTO sense_answers (check_id, person_id, side, feeling, answered_at)
                   VALUES (?, ?, ?, ?, ?) ON CONFLICT (check_id, person_id)
                   DO UPDATE SET feeling = excluded.feeling, answered_at = excluded.answered_at""",
                (check.id, person.id, side.value, feeling.value, now),
            )
            return True

        return await self._db.write(work)

    async def reason(self, check_id: int, person: Person, text: str) -> bool:
        """Why they are concerned (kept only with a "concerned" tap of theirs)."""
        changed = await self._db.write(
            lambda tx: tx.execute(
                """UPDATE sense_answers SET reason = ? WHERE check_id = ? AND person_id = ?
                   AND feeling = 'concerned'""",
                (text, check_id, person.id),
            )
        )
        return bool(changed)

    async def results(self, check_id: int) -> SenseResults:
        """Taps per side and the reasons given."""
        rows = await self._db.all(
            "SELECT side, feeling, reason FROM sense_answers WHERE check_id = ? ORDER BY rowid",
            (check_id,),
        )
        taps: dict[Side, dict[Feeling, int]] = {}
        reasons = []
        for row in rows:
            side, feeling = Side(row["side"]), Feeling(row["feeling"])
            counts = taps.setdefault(side, {})
            counts[feeling] = counts.get(feeling, 0) + 1
            if row["reason"] and feeling is Feeling.CONCERNED:
                reasons.append((side, str(row["reason"])))
        return SenseResults(taps, reasons)
