"""Indicators the forums choose, who backs them, and the answers (``store.indicators``).

An *ask* is one indicator put to one person with a check-in; their one-tap answer is kept on
it (a second tap changes it). /forget unlinks the person and keeps the answer, so trends stay.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.domain.common_ground import near_duplicate
from bot.domain.indicators import (
    ADOPTED_MOST,
    Adoption,
    Indicator,
    IndicatorState,
    QuestionProblem,
    question_problem,
)
from bot.domain.notifications import Kind
from bot.domain.people import Person, Side
from bot.store.base import Part, placeholders, to_db, when
from bot.store.database import Row, Tx
from bot.store.moderation import log_action

_SELECT = """SELECT i.*, (SELECT COUNT(*) FROM indicator_supports s
                         WHERE s.indicator_id = i.id) AS supports
             FROM indicators i"""


def _indicator_from(row: Row) -> Indicator:
    return Indicator(
        id=row["id"],
        forum_id=row["forum_id"],
        question=row["question"],
        language=row["language"],
        side=Side(row["side"]) if row["side"] else None,
        state=IndicatorState(row["state"]),
        goal=row["goal"],
        supports=int(row["supports"]),
        created_at=when(row["created_at"]),
    )


def queue_asks(
    tx: Tx, prompt_id: int, forum_id: str, now: str, not_before: str, since: str
) -> int:
    """Within a check-in's write: put the forum's adopted indicators to each of the check-in's
    recipients not asked that indicator since ``since``, one message each (the outbox)."""
    asked = tx.execute(
        """INSERT INTO indicator_asks (indicator_id, person_id, prompt_id, asked_at)
           SELECT i.id, r.person_id, r.prompt_id, ? FROM prompt_recipients r
           JOIN indicators i ON i.forum_id = ? AND i.state = 'adopted'
           WHERE r.prompt_id = ? AND NOT EXISTS (
               SELECT 1 FROM indicator_asks a
               WHERE a.indicator_id = i.id AND a.person_id = r.person_id AND a.asked_at > ?)""",
        (now, forum_id, prompt_id, since),
    )
    if asked:
        tx.execute(
            """INSERT INTO outbox (person_id, kind, payload, dedupe_key, created_at, not_before)
               SELECT person_id, ?, '{"ask_id": ' || id || '}', 'indicator:' || id, ?, ?
               FROM indicator_asks WHERE prompt_id = ? AND asked_at = ?
               ON CONFLICT (dedupe_key) DO NOTHING""",
            (Kind.INDICATOR.value, now, not_before, prompt_id, now),
        )
    return asked


class Indicators(Part):
    """Suggesting, backing, adopting and answering the forums' own indicators."""

    async def suggest(
        self, forum_id: str, person: Person, side: Side | None, question: str, waiting: bool
    ) -> Indicator | QuestionProblem:
        """A member's (or convenor's) suggestion, checked and stored in one transaction; a
        near-duplicate of one the forum has (and has not dropped) is refused."""
        now = self._now()
        text = question.strip()

        def work(tx: Tx) -> Indicator | QuestionProblem:
            problem = question_problem(text)
            if problem is not None:
                return problem
            others = tx.all(
                "SELECT question FROM indicators WHERE forum_id = ? AND state != 'dropped'",
                (forum_id,),
            )
            if any(near_duplicate(text, row[0]) for row in others):
                return QuestionProblem.REPEATED
            state = IndicatorState.WAITING if waiting else IndicatorState.SUGGESTED
            row = tx.one(
                """INSERT INTO indicators (forum_id, question, language, author_id, side, state,
                       created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *, 0 AS supports""",
                (forum_id, text, person.language, person.id,
                 side.value if side else None, state.value, now),
            )  # fmt: skip
            assert row is not None
            return _indicator_from(row)

        return await self._db.write(work)

    async def of_forums(
        self, forum_ids: Sequence[str], states: Sequence[IndicatorState]
    ) -> list[Indicator]:
        """The forums' indicators in these states: adopted first, then the most backed."""
        if not forum_ids:
            return []
        rows = await self._db.all(
            f"""{_SELECT} WHERE i.forum_id IN ({placeholders(forum_ids)})
                AND i.state IN ({placeholders(states)})
                ORDER BY i.state = 'adopted' DESC, supports DESC, i.id""",
            (*forum_ids, *states),
        )
        return [_indicator_from(row) for row in rows]

    async def get(self, indicator_id: int) -> Indicator | None:
        """One indicator."""
        row = await self._db.one(f"{_SELECT} WHERE i.id = ?", (indicator_id,))
        return _indicator_from(row) if row else None

    async def back(self, indicator_id: int, person: Person) -> bool | None:
        """Back a suggestion, or stop backing it (a second tap); None if it is not open for
        backing. Returns whether the person backs it now."""
        now = self._now()

        def work(tx: Tx) -> bool | None:
            state = tx.scalar("SELECT state FROM indicators WHERE id = ?", (indicator_id,))
            if state != IndicatorState.SUGGESTED:
                return None
            removed = tx.execute(
                "DELETE FROM indicator_supports WHERE indicator_id = ? AND person_id = ?",
                (indicator_id, person.id),
            )
            if removed:
                return False
            tx.execute(
                """INSERT INTO indicator_supports (indicator_id, person_id, created_at)
                   VALUES (?, ?, ?)""",
                (indicator_id, person.id, now),
            )
            return True

        return await self._db.write(work)

    async def decide(
        self, indicator_id: int, state: IndicatorState, actor: Person, goal: str | None = None
    ) -> Adoption:
        """A convenor's decision (approve, adopt with a goal, drop, retire), logged; adopting
        is refused when the forum has ``ADOPTED_MOST`` already."""
        now = self._now()
        allowed_from = {
            IndicatorState.SUGGESTED: (IndicatorState.WAITING,),
            IndicatorState.ADOPTED: (IndicatorState.SUGGESTED,),
            IndicatorState.DROPPED: (IndicatorState.WAITING, IndicatorState.SUGGESTED),
            IndicatorState.RETIRED: (IndicatorState.ADOPTED,),
        }[state]

        def work(tx: Tx) -> Adoption:
            row = tx.one("SELECT forum_id, state FROM indicators WHERE id = ?", (indicator_id,))
            if row is None or row["state"] not in allowed_from:
                return Adoption.GONE
            if state is IndicatorState.ADOPTED:
                adopted = tx.scalar(
                    "SELECT COUNT(*) FROM indicators WHERE forum_id = ? AND state = 'adopted'",
                    (row["forum_id"],),
                )
                if int(adopted or 0) >= ADOPTED_MOST:
                    return Adoption.FULL
            tx.execute(
                """UPDATE indicators SET state = ?, goal = COALESCE(?, goal), decided_at = ?
                   WHERE id = ?""",
                (state.value, goal, now, indicator_id),
            )
            log_action(tx, now, actor.id, f"indicator_{state.value}", f"indicator:{indicator_id}")
            return Adoption.DONE

        return await self._db.write(work)

    async def ask(self, ask_id: int) -> tuple[Indicator, int | None, int | None] | None:
        """An ask with its indicator: (indicator, person id, answer so far)."""
        row = await self._db.one(
            f"""{_SELECT} JOIN indicator_asks a ON a.indicator_id = i.id WHERE a.id = ?""",
            (ask_id,),
        )
        if row is None:
            return None
        found = await self._db.one(
            "SELECT person_id, value FROM indicator_asks WHERE id = ?", (ask_id,)
        )
        assert found is not None
        return _indicator_from(row), found["person_id"], found["value"]

    async def answer(self, ask_id: int, person: Person, side: Side, value: int) -> bool:
        """A one-tap answer to an ask made to this person (a second tap changes it); False if
        the ask is not theirs or the indicator is no longer asked."""
        now = self._now()
        changed = await self._db.write(
            lambda tx: tx.execute(
                """UPDATE indicator_asks SET value = ?, side = ?, answered_at = ?
                   WHERE id = ? AND person_id = ? AND EXISTS (
                       SELECT 1 FROM indicators i
                       WHERE i.id = indicator_id AND i.state = 'adopted')""",
                (value, side.value, now, ask_id, person.id),
            )
        )
        return bool(changed)

    async def answers(
        self, indicator_ids: Sequence[int], start: datetime, end: datetime
    ) -> list[tuple[int, Side, int, datetime]]:
        """Answers given in [start, end): (indicator, side, value, when)."""
        if not indicator_ids:
            return []
        rows = await self._db.all(
            f"""SELECT indicator_id, side, value, answered_at FROM indicator_asks
                WHERE indicator_id IN ({placeholders(indicator_ids)})
                  AND answered_at >= ? AND answered_at < ?""",
            (*indicator_ids, to_db(start), to_db(end)),
        )
        return [(int(r[0]), Side(r[1]), int(r[2]), when(r[3])) for r in rows]

    async def answered_between(self, start: datetime, end: datetime) -> list[Indicator]:
        """Indicators adopted now, or answered in [start, end) (retired since), by forum."""
        rows = await self._db.all(
            f"""{_SELECT} WHERE i.state = 'adopted' OR EXISTS (
                    SELECT 1 FROM indicator_asks a WHERE a.indicator_id = i.id
                    AND a.answered_at >= ? AND a.answered_at < ?)
                ORDER BY i.forum_id, i.id""",
            (to_db(start), to_db(end)),
        )
        return [_indicator_from(row) for row in rows]
