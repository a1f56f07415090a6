"""Data rights and open data: everything about one person, forgetting them, retention, exports.

``PERSON_REFERENCES`` lists every column that points at a person; a test checks it against
the schema's foreign keys, so a new table cannot hold personal data that /mydata and /forget
would miss.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import aiosqlite

from bot.domain.people import Person
from bot.store.base import StoreBase, current_update, to_db

# (table, column) pairs that hold a people.id.
PERSON_REFERENCES: tuple[tuple[str, str], ...] = (
    ("people", "id"),
    ("memberships", "person_id"),
    ("conversations", "person_id"),
    ("proposals", "author_id"),
    ("supports", "person_id"),
    ("status_history", "changed_by"),
    ("outbox", "person_id"),
    ("schedules", "created_by"),
    ("prompts", "created_by"),
    ("prompt_recipients", "person_id"),
    ("answers", "person_id"),
    ("grants", "person_id"),
    ("invites", "created_by"),
    ("invites", "used_by"),
    ("reports", "reporter_id"),
    ("moderation_log", "actor_id"),
)
REMOVED_TEXT = "—"  # what a proposal's or answer's words become when its author removes them


def _rows(rows: list[aiosqlite.Row]) -> list[dict[str, Any]]:
    return [dict(row) for row in rows]


class PrivacyQueries(StoreBase):
    """What the council holds about people, and letting it go."""

    async def personal_data(self, person: Person) -> dict[str, list[dict[str, Any]]]:
        """Every row that refers to the person, by table (the /mydata export)."""
        data: dict[str, list[dict[str, Any]]] = {}
        async with self._lock:
            for table, column in PERSON_REFERENCES:
                rows = await self._db.execute_fetchall(
                    f"SELECT * FROM {table} WHERE {column} = ?", (person.id,)
                )
                if rows:
                    key = table if table not in data else f"{table} ({column})"
                    data[key] = _rows(list(rows))
            about = await self._db.execute_fetchall(
                "SELECT * FROM moderation_log WHERE target = ?", (f"person:{person.id}",)
            )
            if about:
                data["moderation_log (about you)"] = _rows(list(about))
        return data

    async def forget(self, person: Person, remove_words: bool) -> None:
        """Delete a person and everything only about them; keep what they contributed,
        anonymised, so past tallies stay right. With ``remove_words`` their proposals' and
        answers' text is removed too (the rows stay, counted, and hidden)."""
        async with self._transaction() as db:
            if remove_words:
                await db.execute(
                    """UPDATE proposals SET title = ?, detail = '', hidden = 1,
                           hidden_reason = 'removed by its author' WHERE author_id = ?""",
                    (REMOVED_TEXT, person.id),
                )
                await db.execute(
                    "UPDATE answers SET text = ? WHERE person_id = ?", (REMOVED_TEXT, person.id)
                )
            await db.execute(
                "DELETE FROM moderation_log WHERE target = ?", (f"person:{person.id}",)
            )
            # Foreign keys do the rest: contributions are set to NULL (anonymised), what is
            # only about the person (memberships, grants, pending flows, queued messages) goes.
            await db.execute("DELETE FROM people WHERE id = ?", (person.id,))
        self._drop_cached(person.id, person.telegram_id)
        if remove_words:
            self._visible_counts.clear()  # their proposals are hidden now

    async def touch(self, person: Person, today: date) -> None:
        """Note that the person was active (at most once a day: retention counts from it)."""
        if self._seen_on.get(person.id) == today:
            return
        self._seen_on[person.id] = today
        # Bookkeeping, not the update's effect: it must not mark the update as handled.
        token = current_update.set(None)
        try:
            async with self._transaction() as db:
                await db.execute(
                    "UPDATE people SET last_seen_at = ?, active = 1 WHERE id = ?",
                    (self._now(), person.id),
                )
        finally:
            current_update.reset(token)
        if not person.active:
            self._people.pop(person.telegram_id, None)

    async def apply_retention(
        self, answers_before: datetime, inactive_before: datetime
    ) -> tuple[int, int]:
        """Remove answers older than ``answers_before`` and forget people last seen before
        ``inactive_before``; returns (answers removed, people forgotten)."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "DELETE FROM answers WHERE created_at < ?", (to_db(answers_before),)
            )
            answers = cursor.rowcount
            stale = [
                (row[0], row[1])
                for row in await db.execute_fetchall(
                    "SELECT id, telegram_id FROM people WHERE last_seen_at < ?",
                    (to_db(inactive_before),),
                )
            ]
            for person_id, _ in stale:
                await db.execute(
                    "DELETE FROM moderation_log WHERE target = ?", (f"person:{person_id}",)
                )
                await db.execute("DELETE FROM people WHERE id = ?", (person_id,))
        for person_id, telegram_id in stale:
            self._drop_cached(person_id, telegram_id)
        return answers, len(stale)

    async def open_data(self) -> dict[str, list[dict[str, Any]]]:
        """Forums, visible proposals with their history and support, prompts with answer
        counts: no names, no Telegram ids, nothing that identifies a young person."""
        async with self._lock:
            db = self._db
            forums = await db.execute_fetchall(
                "SELECT id, name_cy, name_en, active FROM forums ORDER BY position"
            )
            proposals = await db.execute_fetchall(
                """SELECT id, forum_id, side, title, detail, language, community_id, status,
                       meeting_input, support_count, created_at, status_changed_at
                   FROM proposals WHERE hidden = 0 AND status != 'submitted' ORDER BY id"""
            )
            history = await db.execute_fetchall(
                """SELECT h.proposal_id, h.from_status, h.to_status, h.note, h.changed_at
                   FROM status_history h JOIN proposals p ON p.id = h.proposal_id
                   WHERE p.hidden = 0 AND p.status != 'submitted' ORDER BY h.id"""
            )
            prompts = await db.execute_fetchall(
                """SELECT pr.id, pr.forum_id, pr.side, pr.text_cy, pr.text_en, pr.created_at,
                       (SELECT COUNT(*) FROM prompt_recipients r WHERE r.prompt_id = pr.id)
                           AS sent_to,
                       (SELECT COUNT(*) FROM answers a WHERE a.prompt_id = pr.id) AS answers
                   FROM prompts pr ORDER BY pr.id"""
            )
        return {
            "forums": _rows(list(forums)),
            "proposals": _rows(list(proposals)),
            "status_history": _rows(list(history)),
            "prompts": _rows(list(prompts)),
        }
