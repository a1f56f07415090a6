"""Data rights and open data: everything about one person, forgetting them, retention, exports.

``PERSON_REFERENCES`` lists every column that points at a person; a test checks it against
the schema's foreign keys, so a new table cannot hold personal data that /mydata and /forget
would miss.

Two things outlive /forget, because a safeguarding rule must not be undone by leaving and
joining again: a pause (kept until the person comes back, when it applies again, or for
``[retention] inactive_account_days``), and the times of the proposals sent in the last day
(for the daily limit; kept two days). Both are stored under ``telegram_key``, a one-way hash of
the Telegram id, never the id itself, with nothing else about the person. This is
pseudonymised, not anonymous: whoever holds the database and a Telegram id can check whether it
is there. The privacy notice and the /forget confirmation say so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.domain.people import Person
from bot.store.base import Part, to_db
from bot.store.database import Row, Tx
from bot.store.visibility import SEEN_BY_EVERYONE

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
    ("rounds", "created_by"),
    ("statements", "author_id"),
    ("round_voters", "person_id"),
    ("indicators", "author_id"),
    ("indicator_supports", "person_id"),
    ("indicator_asks", "person_id"),
    ("sense_checks", "created_by"),
    ("sense_answers", "person_id"),
    ("group_links", "linked_by"),
    ("meetings", "created_by"),
    ("meeting_invited", "person_id"),
    ("meeting_replies", "person_id"),
    ("sessions", "host_id"),
    ("session_signups", "person_id"),
    ("grants", "person_id"),
    ("invites", "created_by"),
    ("invites", "used_by"),
    ("reports", "reporter_id"),
    ("moderation_log", "actor_id"),
    ("responses", "officer_id"),
    ("follow_ups", "author_id"),
)
REMOVED_TEXT = "—"  # what a proposal's or answer's words become when its author removes them
# How long the times of a departed person's proposals are kept: the daily limit looks back at
# most one (local) day, two cover any timezone and clock change.
DEPARTED_POSTS_KEPT = timedelta(days=2)


def _rows(rows: Sequence[Row]) -> list[dict[str, Any]]:
    return [dict(row) for row in rows]


def telegram_key(telegram_id: int) -> str:
    """How a departed person's Telegram id is kept: a one-way hash, never the id."""
    return hashlib.sha256(f"cydlais-telegram-id:{telegram_id}".encode()).hexdigest()


def restore_pause(tx: Tx, person_id: int, telegram_id: int) -> bool:
    """Within a write: a person who was paused before /forget is paused again on joining (the
    kept pause moves back onto them); returns whether there was one."""
    row = tx.one(
        "DELETE FROM departed_pauses WHERE telegram_key = ? RETURNING *",
        (telegram_key(telegram_id),),
    )
    if row is None:
        return False
    tx.execute(
        """UPDATE people SET blocked_at = ?, blocked_forum = ?, blocked_side = ?
           WHERE id = ? AND blocked_at IS NULL""",
        (row["paused_at"], row["forum_id"], row["side"], person_id),
    )
    return True


def _keep_safeguarding(tx: Tx, now: datetime, person_ids: list[int]) -> None:
    """Within a write, before people are deleted: keep their pause and today's proposal times,
    under a hash of their Telegram id (see the module's docstring)."""
    recent = to_db(now - DEPARTED_POSTS_KEPT)
    tx.execute("DELETE FROM departed_posts WHERE created_at < ?", (recent,))
    for person_id in person_ids:
        row = tx.one(
            """SELECT telegram_id, blocked_at, blocked_forum, blocked_side FROM people
               WHERE id = ?""",
            (person_id,),
        )
        if row is None:
            continue
        key = telegram_key(row["telegram_id"])
        if row["blocked_at"] is not None:
            tx.execute(
                """INSERT INTO departed_pauses (telegram_key, forum_id, side, paused_at,
                       departed_at) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (telegram_key) DO UPDATE SET forum_id = excluded.forum_id,
                       side = excluded.side, paused_at = excluded.paused_at,
                       departed_at = excluded.departed_at""",
                (key, row["blocked_forum"], row["blocked_side"], row["blocked_at"], to_db(now)),
            )
        tx.execute(
            """INSERT INTO departed_posts (telegram_key, created_at)
               SELECT ?, created_at FROM proposals
               WHERE author_id = ? AND meeting_input = 0 AND created_at >= ?""",
            (key, person_id, recent),
        )


def _delete_person(tx: Tx, person_id: int) -> None:
    """Within a write: delete the person; foreign keys do the rest (contributions are set to
    NULL, i.e. anonymised; what is only about the person — memberships, grants, pending flows,
    queued messages — goes)."""
    tx.execute("DELETE FROM moderation_log WHERE target = ?", (f"person:{person_id}",))
    tx.execute("DELETE FROM people WHERE id = ?", (person_id,))


class Privacy(Part):
    """What the council holds about people, and letting it go."""

    async def personal_data(self, person: Person) -> dict[str, list[dict[str, Any]]]:
        """Every row that refers to the person, by table (the /mydata export)."""

        def work(tx: Tx) -> dict[str, list[dict[str, Any]]]:
            data: dict[str, list[dict[str, Any]]] = {}
            for table, column in PERSON_REFERENCES:
                rows = tx.all(f"SELECT * FROM {table} WHERE {column} = ?", (person.id,))
                if rows:
                    key = table if table not in data else f"{table} ({column})"
                    data[key] = _rows(rows)
            about = tx.all(
                "SELECT * FROM moderation_log WHERE target = ?", (f"person:{person.id}",)
            )
            if about:
                data["moderation_log (about you)"] = _rows(about)
            before = tx.all(
                "SELECT * FROM departed_posts WHERE telegram_key = ?",
                (telegram_key(person.telegram_id),),
            )
            if before:
                data["departed_posts (before you used /forget)"] = _rows(before)
            return data

        return await self._db.read(work)

    async def forget(self, person: Person, remove_words: bool) -> None:
        """Delete a person and everything only about them; keep what they contributed,
        anonymised, so past tallies stay right. With ``remove_words`` their proposals' and
        answers' text is removed too (the rows stay, counted, and hidden). Photos they sent
        with proposals go either way: a picture cannot be anonymised."""
        now = self._clock.now()

        def work(tx: Tx) -> None:
            _keep_safeguarding(tx, now, [person.id])
            tx.execute(
                "UPDATE proposals SET photo_file_id = NULL WHERE author_id = ?", (person.id,)
            )
            if remove_words:
                tx.execute(
                    """UPDATE proposals SET title = ?, detail = '', hidden = 1,
                           hidden_reason = 'removed by its author' WHERE author_id = ?""",
                    (REMOVED_TEXT, person.id),
                )
                tx.execute(
                    "UPDATE answers SET text = ? WHERE person_id = ?", (REMOVED_TEXT, person.id)
                )
            _delete_person(tx, person.id)

        await self._db.write(work)
        self._cache.person_deleted(person.id, person.telegram_id)
        if remove_words:
            self._cache.visibility_changed()  # their proposals are hidden now

    async def apply_retention(
        self, answers_before: datetime, inactive_before: datetime
    ) -> tuple[int, int]:
        """Remove answers older than ``answers_before`` and forget people last seen before
        ``inactive_before``; returns (answers removed, people forgotten)."""
        now = self._clock.now()

        def work(tx: Tx) -> tuple[int, list[tuple[int, int]]]:
            answers = tx.execute(
                "DELETE FROM answers WHERE created_at < ?", (to_db(answers_before),)
            )
            stale = [
                (row[0], row[1])
                for row in tx.all(
                    "SELECT id, telegram_id FROM people WHERE last_seen_at < ?",
                    (to_db(inactive_before),),
                )
            ]
            _keep_safeguarding(tx, now, [person_id for person_id, _ in stale])
            tx.execute(
                "DELETE FROM departed_pauses WHERE departed_at < ?", (to_db(inactive_before),)
            )
            for person_id, _ in stale:
                _delete_person(tx, person_id)
            return answers, stale

        answers, stale = await self._db.write(work)
        for person_id, telegram_id in stale:
            self._cache.person_deleted(person_id, telegram_id)
        return answers, len(stale)

    async def open_data(self) -> dict[str, list[dict[str, Any]]]:
        """Forums, visible proposals with their history, the council's replies and support,
        prompts with answer counts: no names, no Telegram ids, nothing that identifies a young
        person (officers' replies are the council's words, kept without the officer)."""

        def work(tx: Tx) -> dict[str, list[dict[str, Any]]]:
            forums = tx.all("SELECT id, name_cy, name_en, active FROM forums ORDER BY position")
            proposals = tx.all(
                f"""SELECT id, forum_id, side, title, detail, language, community_id, status,
                       meeting_input, support_count, created_at, status_changed_at,
                       first_answer_at
                   FROM proposals p WHERE {SEEN_BY_EVERYONE} ORDER BY id"""
            )
            history = tx.all(
                f"""SELECT h.proposal_id, h.from_status, h.to_status, h.note, h.changed_at
                   FROM status_history h JOIN proposals p ON p.id = h.proposal_id
                   WHERE {SEEN_BY_EVERYONE} ORDER BY h.id"""
            )
            replies = tx.all(
                f"""SELECT r.proposal_id, r.text, r.created_at
                   FROM responses r JOIN proposals p ON p.id = r.proposal_id
                   WHERE {SEEN_BY_EVERYONE} ORDER BY r.id"""
            )
            prompts = tx.all(
                """SELECT pr.id, pr.forum_id, pr.side, pr.text_cy, pr.text_en, pr.created_at,
                       (SELECT COUNT(*) FROM prompt_recipients r WHERE r.prompt_id = pr.id)
                           AS sent_to,
                       (SELECT COUNT(*) FROM answers a WHERE a.prompt_id = pr.id) AS answers
                   FROM prompts pr ORDER BY pr.id"""
            )
            conversations = tx.all(
                """SELECT r.id, r.forum_id, r.side, r.question_cy, r.question_en, r.opened_at,
                       r.closes_at,
                       (SELECT COUNT(*) FROM statements s
                        WHERE s.round_id = r.id AND s.state = 'shown') AS statements,
                       (SELECT COUNT(*) FROM round_voters v WHERE v.round_id = r.id) AS voters
                   FROM rounds r ORDER BY r.id"""
            )
            statements = tx.all(
                """SELECT s.id, s.round_id AS conversation_id, s.language,
                       COALESCE(s.side, 'convenor') AS side, s.text,
                       COUNT(CASE WHEN v.vote = 1 THEN 1 END) AS agree,
                       COUNT(CASE WHEN v.vote = -1 THEN 1 END) AS disagree,
                       COUNT(CASE WHEN v.vote = 0 THEN 1 END) AS passes
                   FROM statements s LEFT JOIN votes v ON v.statement_id = s.id
                   WHERE s.state = 'shown' GROUP BY s.id ORDER BY s.id"""
            )
            indicators = tx.all(
                """SELECT i.id, i.forum_id, i.question, i.language, i.state, i.goal,
                       (SELECT COUNT(*) FROM indicator_supports s
                        WHERE s.indicator_id = i.id) AS supports,
                       COUNT(a.value) AS answers,
                       COUNT(CASE WHEN a.value = 1 THEN 1 END) AS answered_1,
                       COUNT(CASE WHEN a.value = 2 THEN 1 END) AS answered_2,
                       COUNT(CASE WHEN a.value = 3 THEN 1 END) AS answered_3,
                       COUNT(CASE WHEN a.value = 4 THEN 1 END) AS answered_4,
                       COUNT(CASE WHEN a.value = 5 THEN 1 END) AS answered_5
                   FROM indicators i LEFT JOIN indicator_asks a ON a.indicator_id = i.id
                   WHERE i.state IN ('suggested', 'adopted', 'retired')
                   GROUP BY i.id ORDER BY i.id"""
            )
            meetings = tx.all(
                """SELECT m.id, m.forum_id, m.side, m.starts_at, m.place,
                       m.cancelled_at IS NOT NULL AS cancelled,
                       (SELECT COUNT(*) FROM meeting_invited i WHERE i.meeting_id = m.id)
                           AS invited,
                       (SELECT COUNT(*) FROM meeting_replies r
                        WHERE r.meeting_id = m.id AND r.answer = 'coming') AS coming,
                       m.attended_adults, m.attended_youth
                   FROM meetings m ORDER BY m.id"""
            )
            # The authors' answers to "did it close the loop?": no proposal, no comment, the
            # day only, so no answer can be traced to its author.
            follow_ups = tx.all(
                f"""SELECT f.side, f.clear, f.happened, SUBSTR(f.answered_at, 1, 10) AS answered_on
                   FROM follow_ups f JOIN proposals p ON p.id = f.proposal_id
                   WHERE f.answered_at IS NOT NULL AND {SEEN_BY_EVERYONE}
                   ORDER BY f.answered_at"""
            )
            return {
                "forums": _rows(forums),
                "proposals": _rows(proposals),
                "status_history": _rows(history),
                "replies": _rows(replies),
                "prompts": _rows(prompts),
                "conversations": _rows(conversations),
                "statements": _rows(statements),
                "indicators": _rows(indicators),
                "meetings": _rows(meetings),
                "follow_ups": _rows(follow_ups),
            }

        return await self._db.read(work)
