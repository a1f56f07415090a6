"""Prompts, who they went to, and their answers (``store.prompts``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.domain.indicators import ASK_EVERY
from bot.domain.notifications import Kind
from bot.domain.people import Person, Side
from bot.domain.prompts import Answer, AnswersNotice, Prompt, PromptSummary, PromptText
from bot.store.base import Part, from_db, side_condition, to_db, when
from bot.store.conversations import end_conversation
from bot.store.database import Row, Tx
from bot.store.indicators import queue_asks
from bot.store.outbox import enqueue


def prompt_from(row: Row) -> Prompt:
    """A Prompt from a ``prompts`` row."""
    return Prompt(
        id=row["id"],
        forum_id=row["forum_id"],
        side=Side(row["side"]),
        text=PromptText(row["text_cy"], row["text_en"]),
        created_by=row["created_by"],
        schedule_id=row["schedule_id"],
        occurrence=from_db(row["occurrence"]),
        created_at=when(row["created_at"]),
    )


def _fix_recipients(tx: Tx, prompt: Prompt, youth_bands: Sequence[str]) -> int:
    """Within a write: the members of the prompt's forum side who take prompts get it."""
    on_side, params = side_condition(prompt.side is Side.YOUTH, youth_bands)
    return tx.execute(
        f"""INSERT INTO prompt_recipients (prompt_id, person_id)
            SELECT ?, p.id FROM people p JOIN memberships m ON m.person_id = p.id
            WHERE m.forum_id = ? AND p.active = 1 AND p.receive_prompts = 1
              AND p.onboarded_at IS NOT NULL AND {on_side}""",
        (prompt.id, prompt.forum_id, *params),
    )


def _tell_convenors(
    tx: Tx, now: str, prompt: Prompt, notice: AnswersNotice, telegram_ids: Sequence[int]
) -> None:
    """Queue the answers notice for each of the prompt's forum side's convenors who has joined
    (once per notice: later answers join the one already queued)."""
    marks = ",".join("?" * len(telegram_ids)) or "NULL"
    rows = tx.all(
        f"""SELECT id FROM people WHERE telegram_id IN ({marks})
            UNION SELECT person_id FROM grants
            WHERE role = 'convenor' AND forum_id = ? AND side = ? ORDER BY 1""",
        (*telegram_ids, prompt.forum_id, prompt.side.value),
    )
    payload = {"prompt_id": prompt.id, "since": to_db(notice.since)}
    stamp = notice.at.strftime("%Y%m%d%H%M")
    for row in rows:
        key = f"answers:{prompt.id}:{stamp}:{row[0]}"
        enqueue(tx, now, row[0], Kind.ANSWERS, payload, key, not_before=notice.at)


class Prompts(Part):
    """What convenors ask, and what members answer."""

    async def create(
        self,
        forum_id: str,
        side: Side,
        text: PromptText,
        by: int | None,
        youth_bands: Sequence[str],
        not_before: datetime,
        group: tuple[int, int | None] | None,
        schedule_id: int | None = None,
        occurrence: datetime | None = None,
        reminder_at: datetime | None = None,
    ) -> tuple[Prompt, int] | None:
        """Store a prompt, fix who it goes to (members of that forum and side who take
        prompts), and queue one message each (and the group post), all in one transaction.

        For a check-in occurrence that was already sent, nothing happens and None comes back:
        an occurrence is sent once, whatever restarts or second processes do.
        """
        now = self._now()

        def work(tx: Tx) -> tuple[Prompt, int] | None:
            row = tx.one(
                """INSERT INTO prompts (forum_id, side, text_cy, text_en, created_by,
                       schedule_id, occurrence, reminder_at, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (schedule_id, occurrence) DO NOTHING RETURNING *""",
                (
                    forum_id, side.value, text.cy, text.en, by, schedule_id,
                    to_db(occurrence) if occurrence else None,
                    to_db(reminder_at) if reminder_at else None, now,
                ),
            )  # fmt: skip
            if row is None:
                return None
            prompt = prompt_from(row)
            recipients = _fix_recipients(tx, prompt, youth_bands)
            tx.execute(
                """INSERT INTO outbox (person_id, kind, payload, dedupe_key, created_at,
                       not_before)
                   SELECT person_id, ?, ?, 'prompt:' || prompt_id || ':' || person_id, ?, ?
                   FROM prompt_recipients WHERE prompt_id = ?""",
                (
                    Kind.PROMPT.value,
                    f'{{"prompt_id": {prompt.id}}}',
                    now,
                    to_db(not_before),
                    prompt.id,
                ),
            )
            if schedule_id is not None:  # a check-in: adopted indicators ride along
                asked_since = to_db(self._clock.now() - ASK_EVERY)
                queue_asks(tx, prompt.id, forum_id, now, to_db(not_before), asked_since)
            if group is not None:
                enqueue(
                    tx, now, None, Kind.PROMPT_POST, {"prompt_id": prompt.id},
                    f"prompt_post:{prompt.id}", chat_id=group[0], thread_id=group[1],
                )  # fmt: skip
            return prompt, recipients

        return await self._db.write(work)

    async def count_recipients(self, forum_id: str, side: Side, youth_bands: Sequence[str]) -> int:
        """How many members a prompt to this forum side would reach now."""
        on_side, params = side_condition(side is Side.YOUTH, youth_bands)
        count = await self._db.scalar(
            f"""SELECT COUNT(*) FROM people p JOIN memberships m ON m.person_id = p.id
                WHERE m.forum_id = ? AND p.active = 1 AND p.receive_prompts = 1
                  AND p.onboarded_at IS NOT NULL AND {on_side}""",
            (forum_id, *params),
        )
        return int(count or 0)

    async def due_reminders(self, now: datetime) -> list[Prompt]:
        """Check-in prompts whose reminder time has come and that have not been reminded."""
        rows = await self._db.all(
            """SELECT * FROM prompts WHERE reminded_at IS NULL AND reminder_at IS NOT NULL
               AND reminder_at <= ? ORDER BY id""",
            (to_db(now),),
        )
        return [prompt_from(r) for r in rows]

    async def queue_reminder(self, prompt_id: int, not_before: datetime) -> int:
        """Queue one reminder to each recipient who has not answered; returns how many (0 if
        this prompt's reminders were queued already)."""
        now = self._now()

        def work(tx: Tx) -> int:
            if not tx.execute(
                "UPDATE prompts SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL",
                (now, prompt_id),
            ):
                return 0
            return tx.execute(
                """INSERT INTO outbox (person_id, kind, payload, dedupe_key, created_at,
                       not_before)
                   SELECT r.person_id, ?, ?, 'reminder:' || r.prompt_id || ':' || r.person_id,
                          ?, ?
                   FROM prompt_recipients r
                   WHERE r.prompt_id = ? AND NOT EXISTS (
                       SELECT 1 FROM answers a
                       WHERE a.prompt_id = r.prompt_id AND a.person_id = r.person_id)""",
                (
                    Kind.REMINDER.value,
                    f'{{"prompt_id": {prompt_id}}}',
                    now,
                    to_db(not_before),
                    prompt_id,
                ),
            )

        return await self._db.write(work)

    async def get(self, prompt_id: int) -> Prompt | None:
        """The prompt with this id (prompts never change once sent, so they are cached)."""
        if prompt_id in self._cache.prompts:
            return self._cache.prompts[prompt_id]
        row = await self._db.one("SELECT * FROM prompts WHERE id = ?", (prompt_id,))
        prompt = prompt_from(row) if row else None
        if prompt is not None:
            self._cache.prompts[prompt_id] = prompt
        return prompt

    async def sent_to(self, person: Person, prompt_id: int) -> Prompt | None:
        """The prompt, if it was sent to this person (a Reply button is only theirs to press)."""
        row = await self._db.one(
            "SELECT 1 FROM prompt_recipients WHERE prompt_id = ? AND person_id = ?",
            (prompt_id, person.id),
        )
        return await self.get(prompt_id) if row else None

    async def add_answer(
        self,
        prompt: Prompt,
        person: Person,
        side: Side,
        language: str,
        text: str,
        ends_conversation: bool = False,
        notice: AnswersNotice | None = None,
        convenors: Sequence[int] = (),
    ) -> int:
        """Keep someone's answer; returns its id. ``ends_conversation``: the person was
        writing it in a private flow, which ends in the same transaction. With ``notice``, the
        prompt's forum side's convenors (``convenors``: Telegram ids from the config, and
        those made convenors by invitation) are told of it in that notice (one per notice)."""
        now = self._now()
        values = (prompt.id, person.id, side.value, language, text, now)

        def work(tx: Tx) -> int:
            answer_id = int(
                tx.scalar(
                    """INSERT INTO answers (prompt_id, person_id, side, language, text,
                           created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id""",
                    values,
                )
            )
            if ends_conversation:
                end_conversation(tx, person.id)
            if notice is not None:
                _tell_convenors(tx, now, prompt, notice, convenors)
            return answer_id

        answer_id = await self._db.write(work)
        if ends_conversation:
            self._cache.conversation_ended(person.id)
        return answer_id

    async def record_delivery(
        self, prompt_id: int, person_id: int, message_id: int, reminder: bool = False
    ) -> None:
        """The prompt (or its reminder) reached the person privately as ``message_id``."""
        column = "reminder_message_id" if reminder else "message_id"
        values = (message_id, self._now(), prompt_id, person_id)

        def work(tx: Tx) -> None:
            tx.execute(
                f"""UPDATE prompt_recipients SET {column} = ?, delivered_at = ?
                    WHERE prompt_id = ? AND person_id = ?""",
                values,
            )

        await self._db.write(work)

    async def for_message(self, person: Person, message_id: int) -> Prompt | None:
        """The prompt that reached the person as this message in their private chat, if any."""
        prompt_id = await self._db.scalar(
            """SELECT prompt_id FROM prompt_recipients
               WHERE person_id = ? AND (message_id = ? OR reminder_message_id = ?)""",
            (person.id, message_id, message_id),
        )
        return await self.get(int(prompt_id)) if prompt_id is not None else None

    async def unanswered(
        self, person: Person, delivered_since: datetime, limit: int
    ) -> list[Prompt]:
        """Prompts that reached the person privately since ``delivered_since`` and that they
        have not answered, the most recently delivered first."""
        rows = await self._db.all(
            """SELECT p.* FROM prompt_recipients r JOIN prompts p ON p.id = r.prompt_id
               WHERE r.person_id = ? AND r.delivered_at >= ? AND NOT EXISTS (
                   SELECT 1 FROM answers a
                   WHERE a.prompt_id = r.prompt_id AND a.person_id = r.person_id)
               ORDER BY r.delivered_at DESC, p.id DESC LIMIT ?""",
            (person.id, to_db(delivered_since), limit),
        )
        return [prompt_from(r) for r in rows]

    async def summaries(
        self, forum_sides: Sequence[tuple[str, Side]], limit: int = 10
    ) -> list[PromptSummary]:
        """The newest prompts of these forums and sides, with recipient and answer counts."""
        if not forum_sides:
            return []
        where = " OR ".join("(p.forum_id = ? AND p.side = ?)" for _ in forum_sides)
        params = [v for forum_id, side in forum_sides for v in (forum_id, side.value)]
        rows = await self._db.all(
            f"""SELECT p.*,
                   (SELECT COUNT(*) FROM prompt_recipients r WHERE r.prompt_id = p.id) AS sent,
                   (SELECT COUNT(*) FROM answers a WHERE a.prompt_id = p.id AND a.hidden = 0)
                       AS answered
                FROM prompts p WHERE {where} ORDER BY p.id DESC LIMIT ?""",
            (*params, limit),
        )
        return [PromptSummary(prompt_from(r), r["sent"], r["answered"]) for r in rows]

    async def answers_since(self, prompt_id: int, since: datetime) -> tuple[int, int]:
        """How many of a prompt's shown answers came at or after ``since``, and how many
        before (where the new ones start in the list)."""
        row = await self._db.one(
            """SELECT SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END) AS new,
                      SUM(CASE WHEN created_at < ? THEN 1 ELSE 0 END) AS earlier
               FROM answers WHERE prompt_id = ? AND hidden = 0""",
            (to_db(since), to_db(since), prompt_id),
        )
        return (int(row["new"] or 0), int(row["earlier"] or 0)) if row else (0, 0)

    async def answers_from(
        self, prompt_id: int, offset: int, limit: int
    ) -> tuple[list[Answer], int]:
        """Up to ``limit`` of a prompt's answers (oldest first) after the first ``offset``, and
        how many there are. Pages are cut by size, so they start at any answer."""

        def work(tx: Tx) -> tuple[list[Row], int]:
            total = tx.scalar(
                "SELECT COUNT(*) FROM answers WHERE prompt_id = ? AND hidden = 0", (prompt_id,)
            )
            rows = tx.all(
                """SELECT a.*, p.display_name FROM answers a
                   LEFT JOIN people p ON p.id = a.person_id
                   WHERE a.prompt_id = ? AND a.hidden = 0 ORDER BY a.id LIMIT ? OFFSET ?""",
                (prompt_id, limit, offset),
            )
            return rows, int(total or 0)

        rows, total = await self._db.read(work)
        answers = [
            Answer(
                id=r["id"],
                prompt_id=r["prompt_id"],
                author_name=r["display_name"],
                side=Side(r["side"]),
                language=r["language"],
                text=r["text"],
                created_at=when(r["created_at"]),
            )
            for r in rows
        ]
        return answers, total

    async def of_answer(self, answer_id: int) -> int | None:
        """The id of the prompt an answer belongs to (None if there is no such answer)."""
        prompt_id = await self._db.scalar(
            "SELECT prompt_id FROM answers WHERE id = ?", (answer_id,)
        )
        return int(prompt_id) if prompt_id is not None else None
