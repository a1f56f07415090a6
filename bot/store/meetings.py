"""Forum meetings, who was invited, and their answers (``store.meetings``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from bot.domain.common_ground import RoundSide, near_duplicate
from bot.domain.meetings import Attendance, Meeting
from bot.domain.notifications import Kind
from bot.domain.open_space import Offered
from bot.domain.people import Person, Side
from bot.domain.roles import Scope
from bot.store.base import Part, placeholders, to_db, when
from bot.store.database import Row, Tx
from bot.store.moderation import log_action
from bot.store.outbox import enqueue, side_members


def _meeting_from(row: Row) -> Meeting:
    return Meeting(
        id=row["id"],
        forum_id=row["forum_id"],
        side=RoundSide(row["side"]),
        starts_at=when(row["starts_at"]),
        place=row["place"],
        created_by=row["created_by"],
        cancelled=row["cancelled_at"] is not None,
        attended=(
            (row["attended_adults"], row["attended_youth"])
            if row["attended_adults"] is not None
            else None
        ),
        language=row["language"],
    )


def _queue(tx: Tx, meeting_id: int, kind: Kind, key: str, now: str, not_before: str,
           who: str) -> int:  # fmt: skip
    """Within a write: one message per person in ``who`` (SQL giving person ids)."""
    return tx.execute(
        f"""INSERT INTO outbox (person_id, kind, payload, dedupe_key, created_at, not_before)
            SELECT person_id, ?, '{{"meeting_id": {meeting_id}}}',
                   '{key}:' || person_id, ?, ?
            FROM ({who}) WHERE true ON CONFLICT (dedupe_key) DO NOTHING""",
        (kind.value, now, not_before),
    )


NOTES_PHOTOS_MOST = 10  # Telegram sends at most ten photos in one go; enough flip charts


class Meetings(Part):
    """Meetings, invitations, answers and reminders."""

    async def create(
        self,
        forum_id: str,
        side: RoundSide,
        starts_at: datetime,
        place: str,
        by: Person,
        youth_bands: Sequence[str],
        not_before: datetime,
        language: str = "both",
    ) -> tuple[Meeting, int]:
        """Store the meeting, fix who is invited (the forum side's members) and queue their
        invitations: one transaction."""
        now = self._now()

        def work(tx: Tx) -> tuple[Meeting, int]:
            row = tx.one(
                """INSERT INTO meetings (forum_id, side, starts_at, place, created_by,
                       created_at, language) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *""",
                (forum_id, side.value, to_db(starts_at), place, by.id, now, language),
            )
            assert row is not None
            meeting = _meeting_from(row)
            members, params = side_members(forum_id, side.value, youth_bands, prompts_only=False)
            invited = tx.execute(
                f"INSERT INTO meeting_invited (meeting_id, person_id) SELECT ?, person_id "
                f"FROM ({members})",
                (meeting.id, *params),
            )
            who = f"SELECT person_id FROM meeting_invited WHERE meeting_id = {meeting.id}"
            _queue(tx, meeting.id, Kind.MEETING, f"meeting:{meeting.id}", now,
                   to_db(not_before), who)  # fmt: skip
            log_action(tx, now, by.id, "meeting", f"meeting:{meeting.id}", forum_id)
            return meeting, invited

        return await self._db.write(work)

    async def get(self, meeting_id: int) -> Meeting | None:
        """One meeting."""
        row = await self._db.one("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
        return _meeting_from(row) if row else None

    async def upcoming(self, scopes: Sequence[Scope], now: datetime) -> list[Meeting]:
        """Meetings still to come in these convenors' forums, soonest first."""
        forums = sorted({scope.forum_id for scope in scopes})
        rows = await self._db.all(
            f"""SELECT * FROM meetings WHERE forum_id IN ({placeholders(forums)})
                AND starts_at > ? AND cancelled_at IS NULL ORDER BY starts_at LIMIT 10""",
            (*forums, to_db(now)),
        )
        return [_meeting_from(row) for row in rows]

    async def answer(
        self, meeting_id: int, person: Person, side: Side, answer: Attendance, now: datetime
    ) -> Meeting | None:
        """Coming / maybe / can't from someone invited (a second tap changes it); None if they
        were not invited, or it was cancelled or is over."""

        def work(tx: Tx) -> Meeting | None:
            row = tx.one(
                """SELECT m.* FROM meetings m JOIN meeting_invited i ON i.meeting_id = m.id
                   WHERE m.id = ? AND i.person_id = ?""",
                (meeting_id, person.id),
            )
            if row is None:
                return None
            meeting = _meeting_from(row)
            if meeting.cancelled or meeting.starts_at <= now:
                return None
            tx.execute(
                """INSERT INTO meeting_replies (meeting_id, person_id, side, answer, answered_at)
                   VALUES (?, ?, ?, ?, ?) ON CONFLICT (meeting_id, person_id)
                   DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at""",
                (meeting_id, person.id, side.value, answer.value, to_db(now)),
            )
            return meeting

        return await self._db.write(work)

    async def answer_of(self, meeting_id: int, person: Person) -> Attendance | None:
        """This person's answer so far."""
        value = await self._db.scalar(
            "SELECT answer FROM meeting_replies WHERE meeting_id = ? AND person_id = ?",
            (meeting_id, person.id),
        )
        return Attendance(value) if value else None

    async def tally(self, meeting_id: int) -> dict[tuple[Side, Attendance], int]:
        """Answers by side."""
        rows = await self._db.all(
            """SELECT side, answer, COUNT(*) FROM meeting_replies WHERE meeting_id = ?
               GROUP BY side, answer""",
            (meeting_id,),
        )
        return {(Side(r[0]), Attendance(r[1])): int(r[2]) for r in rows}

    async def cancel(self, meeting_id: int, by: Person) -> Meeting | None:
        """Cancel it and tell everyone invited; None if it was cancelled already."""
        now = self._now()

        def work(tx: Tx) -> Meeting | None:
            changed = tx.execute(
                "UPDATE meetings SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL",
                (now, meeting_id),
            )
            if not changed:
                return None
            who = f"SELECT person_id FROM meeting_invited WHERE meeting_id = {int(meeting_id)}"
            _queue(tx, meeting_id, Kind.MEETING_CANCELLED, f"meeting_cancelled:{meeting_id}",
                   now, now, who)  # fmt: skip
            log_action(tx, now, by.id, "cancel_meeting", f"meeting:{meeting_id}")
            row = tx.one("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
            assert row is not None
            return _meeting_from(row)

        return await self._db.write(work)

    async def due_soon(self, now: datetime, within: datetime) -> list[Meeting]:
        """Meetings not cancelled starting after ``now`` and before ``within``."""
        rows = await self._db.all(
            """SELECT * FROM meetings WHERE cancelled_at IS NULL AND starts_at > ?
               AND starts_at <= ? ORDER BY starts_at""",
            (to_db(now), to_db(within)),
        )
        return [_meeting_from(row) for row in rows]

    async def queue_reminder(self, meeting: Meeting, which: str, not_before: datetime) -> int:
        """Remind those coming or maybe, once per meeting time, reminder and person (a meeting
        moved to another time is reminded of again, for the new time)."""
        now = self._now()
        meeting_id = meeting.id
        who = (
            "SELECT person_id FROM meeting_replies WHERE meeting_id = "
            f"{int(meeting_id)} AND answer IN ('coming', 'maybe') AND person_id IS NOT NULL"
        )
        return await self._db.write(
            lambda tx: _queue(
                tx, meeting_id, Kind.MEETING_REMINDER,
                f"meeting_reminder:{meeting_id}:{which}:{int(meeting.starts_at.timestamp())}",
                now, to_db(not_before), who,
            )
        )  # fmt: skip

    async def was_invited(self, meeting_id: int, person: Person) -> bool:
        """Whether this person was invited to the meeting."""
        found = await self._db.scalar(
            "SELECT 1 FROM meeting_invited WHERE meeting_id = ? AND person_id = ?",
            (meeting_id, person.id),
        )
        return found is not None

    async def record_attendance(
        self, meeting_id: int, adults: int, youth: int, by: Person
    ) -> Meeting | None:
        """How many came (a second record replaces the first); logged. None if it was
        cancelled or has not begun."""
        now = self._now()

        def work(tx: Tx) -> Meeting | None:
            changed = tx.execute(
                """UPDATE meetings SET attended_adults = ?, attended_youth = ?
                   WHERE id = ? AND cancelled_at IS NULL AND starts_at <= ?""",
                (adults, youth, meeting_id, now),
            )
            if not changed:
                return None
            log_action(tx, now, by.id, "attendance", f"meeting:{meeting_id}", f"{adults}+{youth}")
            row = tx.one("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
            assert row is not None
            return _meeting_from(row)

        return await self._db.write(work)

    async def held_between(self, start: datetime, end: datetime) -> list[Meeting]:
        """Meetings (not cancelled) that began in [start, end)."""
        rows = await self._db.all(
            """SELECT * FROM meetings WHERE cancelled_at IS NULL AND starts_at >= ?
               AND starts_at < ? ORDER BY starts_at""",
            (to_db(start), to_db(end)),
        )
        return [_meeting_from(row) for row in rows]

    async def recent(
        self, scopes: Sequence[Scope], since: datetime, now: datetime
    ) -> list[Meeting]:
        """Meetings held since ``since`` in these convenors' forums (to record attendance)."""
        forums = sorted({scope.forum_id for scope in scopes})
        rows = await self._db.all(
            f"""SELECT * FROM meetings WHERE forum_id IN ({placeholders(forums)})
                AND starts_at > ? AND starts_at <= ? AND cancelled_at IS NULL
                ORDER BY starts_at DESC LIMIT 5""",
            (*forums, to_db(since), to_db(now)),
        )
        return [_meeting_from(row) for row in rows]

    async def change(
        self, meeting_id: int, starts_at: datetime, place: str, by: Person
    ) -> Meeting | None:
        """A new time and/or place, told to everyone invited (once per change); None if it was
        cancelled or has begun."""
        now = self._now()

        def work(tx: Tx) -> Meeting | None:
            changed = tx.execute(
                """UPDATE meetings SET starts_at = ?, place = ?
                   WHERE id = ? AND cancelled_at IS NULL AND starts_at > ?""",
                (to_db(starts_at), place, meeting_id, now),
            )
            if not changed:
                return None
            who = f"SELECT person_id FROM meeting_invited WHERE meeting_id = {int(meeting_id)}"
            key = f"meeting_changed:{meeting_id}:{now}"
            _queue(tx, meeting_id, Kind.MEETING_CHANGED, key, now, now, who)
            log_action(tx, now, by.id, "change_meeting", f"meeting:{meeting_id}", place)
            row = tx.one("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
            assert row is not None
            return _meeting_from(row)

        return await self._db.write(work)

    async def offer_session(
        self,
        meeting_id: int,
        person: Person,
        topic: str,
        now: datetime,
        reviewers: Sequence[int] | None = None,
    ) -> Offered | str:
        """A session someone coming (or maybe) will host; refused ("closed", "not coming",
        "repeated") with the reason. The host counts as signed up. With ``reviewers``
        (Telegram ids: a young person's session) it waits for them, and they are told."""

        def work(tx: Tx) -> Offered | str:
            meeting = tx.one("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
            if meeting is None or meeting["cancelled_at"] or when(meeting["starts_at"]) <= now:
                return "closed"
            answer = tx.scalar(
                "SELECT answer FROM meeting_replies WHERE meeting_id = ? AND person_id = ?",
                (meeting_id, person.id),
            )
            if answer not in ("coming", "maybe"):
                return "not coming"
            earlier = tx.all(
                "SELECT topic FROM sessions WHERE meeting_id = ? AND host_id = ?",
                (meeting_id, person.id),
            )
            if any(near_duplicate(topic, row[0]) for row in earlier):
                return "repeated"
            state = "waiting" if reviewers is not None else "shown"
            row = tx.one(
                """INSERT INTO sessions (meeting_id, host_id, topic, created_at, state)
                   VALUES (?, ?, ?, ?, ?) RETURNING id""",
                (meeting_id, person.id, topic, to_db(now), state),
            )
            assert row is not None
            if reviewers is not None:
                ids = ",".join(str(int(r)) for r in reviewers) or "NULL"
                tx.execute(
                    f"""INSERT INTO outbox (person_id, kind, payload, dedupe_key, created_at,
                            not_before)
                        SELECT id, ?, ?, 'session_review:' || ? || ':' || id, ?, ?
                        FROM people WHERE telegram_id IN ({ids})
                        ON CONFLICT (dedupe_key) DO NOTHING""",
                    (Kind.SESSION_REVIEW.value, json.dumps({"session_id": row["id"]}),
                     row["id"], to_db(now), to_db(now)),
                )  # fmt: skip
            tx.execute(
                "INSERT INTO session_signups (session_id, person_id) VALUES (?, ?)",
                (row["id"], person.id),
            )
            return Offered(int(row["id"]), topic, person.id, 1)

        return await self._db.write(work)

    async def sessions(
        self, meeting_id: int, person: Person | None = None
    ) -> list[tuple[Offered, bool]]:
        """The sessions offered, each with its sign-ups and whether ``person`` signed up."""
        rows = await self._db.all(
            """SELECT s.id, s.topic, s.host_id,
                   (SELECT COUNT(*) FROM session_signups u WHERE u.session_id = s.id) AS n,
                   EXISTS (SELECT 1 FROM session_signups u
                           WHERE u.session_id = s.id AND u.person_id = ?) AS mine
               FROM sessions s WHERE s.meeting_id = ? AND s.state = 'shown' ORDER BY s.id""",
            (person.id if person else 0, meeting_id),
        )
        return [(Offered(r[0], r[1], r[2], int(r[3])), bool(r[4])) for r in rows]

    async def sign_up(
        self, session_id: int, person: Person, now: datetime
    ) -> tuple[int, bool] | None:
        """Sign up to a session, or take it back (a second tap): (meeting, signed up now);
        None unless the person was invited and the meeting is still to come."""

        def work(tx: Tx) -> tuple[int, bool] | None:
            row = tx.one(
                """SELECT m.id, m.starts_at, m.cancelled_at FROM sessions s
                   JOIN meetings m ON m.id = s.meeting_id AND s.state = 'shown'
                   JOIN meeting_invited i ON i.meeting_id = m.id AND i.person_id = ?
                   WHERE s.id = ?""",
                (person.id, session_id),
            )
            if row is None or row["cancelled_at"] or when(row["starts_at"]) <= now:
                return None
            removed = tx.execute(
                "DELETE FROM session_signups WHERE session_id = ? AND person_id = ?",
                (session_id, person.id),
            )
            if not removed:
                tx.execute(
                    "INSERT INTO session_signups (session_id, person_id) VALUES (?, ?)",
                    (session_id, person.id),
                )
            return int(row["id"]), not removed

        return await self._db.write(work)

    async def note_agenda(self, meeting_id: int, fingerprint: str) -> None:
        """The agenda just sent (``fingerprint``: its placements), to compare later ones with."""
        await self._db.write(
            lambda tx: tx.execute(
                "UPDATE meetings SET agenda_sent = ? WHERE id = ?", (fingerprint, meeting_id)
            )
        )

    async def repost_agenda(
        self,
        meeting_id: int,
        fingerprint: str,
        groups: Sequence[tuple[int, int | None]],
        not_before: datetime,
    ) -> bool:
        """If the agenda is no longer the one last sent, queue it again for ``not_before`` to
        everyone coming or maybe and to the ``groups``: changes made before then join the same
        message (the key is the time it goes). False when it is unchanged, or never sent."""
        now, at = self._now(), to_db(not_before)

        def work(tx: Tx) -> bool:
            row = tx.one("SELECT agenda_sent FROM meetings WHERE id = ?", (meeting_id,))
            if row is None or row["agenda_sent"] in (None, fingerprint):
                return False
            tx.execute(
                "UPDATE meetings SET agenda_sent = ? WHERE id = ?", (fingerprint, meeting_id)
            )
            who = (
                "SELECT person_id FROM meeting_replies WHERE meeting_id = "
                f"{int(meeting_id)} AND answer IN ('coming', 'maybe') AND person_id IS NOT NULL"
            )
            for chat, thread in groups:
                enqueue(
                    tx, now, None, Kind.AGENDA, {"meeting_id": meeting_id, "group": True},
                    f"agenda_post:{meeting_id}:{chat}:{at}", chat_id=chat, thread_id=thread,
                    not_before=not_before,
                )  # fmt: skip
            _queue(tx, meeting_id, Kind.AGENDA, f"agenda:{meeting_id}:{at}", now, at, who)
            return True

        return await self._db.write(work)

    async def post_agenda(
        self,
        meeting_id: int,
        slots: str,
        spaces: str,
        by: Person,
        groups: Sequence[tuple[int, int | None]] = (),
    ) -> int:
        """Keep the convenor's slots and spaces and queue the agenda to everyone coming or
        maybe, and to the forum's ``groups`` (chat, topic) in Welsh and English (once per
        version: posting again after a change reaches them again)."""
        now = self._now()

        def work(tx: Tx) -> int:
            tx.execute(
                "UPDATE meetings SET slots = ?, spaces = ? WHERE id = ?",
                (slots, spaces, meeting_id),
            )
            who = (
                "SELECT person_id FROM meeting_replies WHERE meeting_id = "
                f"{int(meeting_id)} AND answer IN ('coming', 'maybe') AND person_id IS NOT NULL"
            )
            log_action(tx, now, by.id, "agenda", f"meeting:{meeting_id}")
            for chat, thread in groups:
                enqueue(
                    tx, now, None, Kind.AGENDA, {"meeting_id": meeting_id, "group": True},
                    f"agenda_post:{meeting_id}:{chat}:{now}", chat_id=chat, thread_id=thread,
                )  # fmt: skip
            return _queue(tx, meeting_id, Kind.AGENDA, f"agenda:{meeting_id}:{now}", now, now, who)

        return await self._db.write(work)

    async def layout(self, meeting_id: int) -> tuple[str, str] | None:
        """The slots and spaces last set, if any."""
        row = await self._db.one("SELECT slots, spaces FROM meetings WHERE id = ?", (meeting_id,))
        if row is None or row["slots"] is None:
            return None
        return str(row["slots"]), str(row["spaces"])

    async def queue_harvest_asks(self, ended_before: datetime, ended_after: datetime) -> int:
        """Ask the host of each session of a meeting that ended in (after, before] for notes,
        once per session."""
        now = self._now()
        return await self._db.write(
            lambda tx: tx.execute(
                """INSERT INTO outbox (person_id, kind, payload, dedupe_key, created_at,
                       not_before)
                   SELECT s.host_id, ?, '{"session_id": ' || s.id || '}',
                          'harvest_ask:' || s.id, ?, ?
                   FROM sessions s JOIN meetings m ON m.id = s.meeting_id
                   WHERE m.cancelled_at IS NULL AND s.host_id IS NOT NULL AND s.state = 'shown'
                     AND s.notes IS NULL AND m.starts_at <= ? AND m.starts_at > ?
                   ON CONFLICT (dedupe_key) DO NOTHING""",
                (Kind.HARVEST_ASK.value, now, now, to_db(ended_before), to_db(ended_after)),
            )
        )

    async def session(self, session_id: int) -> tuple[Offered, int, str | None] | None:
        """A session, its meeting and its notes so far."""
        row = await self._db.one(
            """SELECT s.*, (SELECT COUNT(*) FROM session_signups u WHERE u.session_id = s.id)
                   AS n FROM sessions s WHERE s.id = ?""",
            (session_id,),
        )
        if row is None:
            return None
        offered = Offered(row["id"], row["topic"], row["host_id"], int(row["n"]))
        return offered, int(row["meeting_id"]), row["notes"]

    async def add_notes_photo(self, session_id: int, person: Person, file_id: str) -> int | None:
        """A photo (a flip chart) for the session's notes, from its host: how many there are
        now (at most NOTES_PHOTOS_MOST: later ones replace the last); None if not the host."""

        def work(tx: Tx) -> int | None:
            row = tx.one(
                "SELECT notes_photos FROM sessions WHERE id = ? AND host_id = ?",
                (session_id, person.id),
            )
            if row is None:
                return None
            photos = [*json.loads(row["notes_photos"] or "[]"), file_id][-NOTES_PHOTOS_MOST:]
            tx.execute(
                "UPDATE sessions SET notes_photos = ? WHERE id = ?",
                (json.dumps(photos), session_id),
            )
            return len(photos)

        return await self._db.write(work)

    async def notes_photos(self, session_id: int) -> list[str]:
        """The photos sent with a session's notes (file ids), oldest first."""
        value = await self._db.scalar(
            "SELECT notes_photos FROM sessions WHERE id = ?", (session_id,)
        )
        return list(json.loads(str(value))) if value else []

    async def save_notes(
        self,
        session_id: int,
        person: Person,
        notes: str,
        convenors: Sequence[int],
        to_attendees: bool = True,
    ) -> bool:
        """The host's notes (a second sending replaces them), queued to everyone else who said
        they would come (or maybe) and to the forum's ``convenors`` (Telegram ids), once per
        sending.
        False unless this person hosts the session."""
        now = self._now()

        def work(tx: Tx) -> bool:
            row = tx.one(
                "SELECT meeting_id FROM sessions WHERE id = ? AND host_id = ?",
                (session_id, person.id),
            )
            if row is None:
                return False
            tx.execute(
                "UPDATE sessions SET notes = ?, notes_at = ? WHERE id = ?",
                (notes, now, session_id),
            )
            meeting_id = int(row["meeting_id"])
            ids = ",".join(str(int(c)) for c in convenors) or "NULL"
            groups = (  # convenors first, with the button to record meeting input
                (f"SELECT id AS person_id FROM people WHERE telegram_id IN ({ids})", True),
                ("SELECT person_id FROM meeting_replies WHERE meeting_id = "
                 f"{meeting_id} AND answer IN ('coming', 'maybe') AND person_id IS NOT NULL",
                 False),
            )  # fmt: skip
            for who, convenor in groups[: 2 if to_attendees else 1]:
                payload = json.dumps({"session_id": session_id, "convenor": convenor})
                tx.execute(
                    f"""INSERT INTO outbox (person_id, kind, payload, dedupe_key, created_at,
                            not_before)
                        SELECT person_id, ?, ?, ? || ':' || person_id, ?, ? FROM ({who})
                        WHERE person_id != ? ON CONFLICT (dedupe_key) DO NOTHING""",
                    (Kind.HARVEST.value, payload, f"harvest:{session_id}:{now}", now, now,
                     person.id),
                )  # fmt: skip
            return True

        return await self._db.write(work)

    async def input_counts(self, meeting_ids: Sequence[int]) -> dict[int, int]:
        """How many proposals were recorded from each meeting."""
        if not meeting_ids:
            return {}
        rows = await self._db.all(
            f"""SELECT meeting_id, COUNT(*) FROM proposals
                WHERE meeting_id IN ({placeholders(meeting_ids)}) GROUP BY meeting_id""",
            tuple(meeting_ids),
        )
        return {int(r[0]): int(r[1]) for r in rows}

    async def moderate_session(self, session_id: int, approve: bool, by: Person) -> bool:
        """Show a waiting session (approve), or hide it; logged. False if it was not waiting."""
        now = self._now()

        def work(tx: Tx) -> bool:
            changed = tx.execute(
                "UPDATE sessions SET state = ? WHERE id = ? AND state = 'waiting'",
                ("shown" if approve else "hidden", session_id),
            )
            if changed:
                action = "approve_session" if approve else "hide_session"
                log_action(tx, now, by.id, action, f"session:{session_id}")
            return bool(changed)

        return await self._db.write(work)

    async def session_state(self, session_id: int) -> str | None:
        """shown, waiting or hidden (None: no such session)."""
        value = await self._db.scalar("SELECT state FROM sessions WHERE id = ?", (session_id,))
        return str(value) if value is not None else None
