"""The digest's figures (``store.figures``), computed in SQL: per forum and side, for a period
and the one before."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.domain.figures import DigestFigures, DigestItem, Tally, TrendWeek
from bot.domain.people import Side
from bot.domain.periods import Period
from bot.domain.proposals import Status
from bot.domain.responsiveness import WINDOW, Asked
from bot.store.base import Part, to_db, when
from bot.store.database import Row, Tx
from bot.store.visibility import SEEN_BY_EVERYONE

DECISIONS = ("adopted", "not_taken_forward", "delivered")
OFFICER_CHANGES = ("under_consideration", "adopted", "not_taken_forward", "delivered")
TOP_PER_FORUM = 3
SUPPORTABLE_STATUSES = ("open", "under_consideration")

_COUNTS = {
    "new": """SELECT forum_id, side, COUNT(*) AS n, SUM(meeting_input) AS meeting
              FROM proposals WHERE created_at >= ? AND created_at < ?
              GROUP BY forum_id, side""",
    "supports": """SELECT p.forum_id, s.side, COUNT(*) AS n
                   FROM supports s JOIN proposals p ON p.id = s.proposal_id
                   WHERE s.created_at >= ? AND s.created_at < ?
                   GROUP BY p.forum_id, s.side""",
    "answers": """SELECT pr.forum_id, a.side, COUNT(*) AS n
                  FROM answers a JOIN prompts pr ON pr.id = a.prompt_id
                  WHERE a.created_at >= ? AND a.created_at < ?
                  GROUP BY pr.forum_id, a.side""",
    "decisions": f"""SELECT p.forum_id, p.side, h.to_status, COUNT(*) AS n
                     FROM status_history h JOIN proposals p ON p.id = h.proposal_id
                     WHERE h.changed_at >= ? AND h.changed_at < ?
                       AND h.to_status IN ({",".join(repr(s) for s in DECISIONS)})
                     GROUP BY p.forum_id, p.side, h.to_status""",
}


# Who did something, and when: the people taking part, and each week's counts for the trend.
_ACTIVITY = {
    "new_proposals": """SELECT p.created_at AS at, p.forum_id, p.side, p.author_id AS person_id
                        FROM proposals p WHERE p.created_at >= ? AND p.created_at < ?""",
    "supports": """SELECT s.created_at AS at, p.forum_id, s.side, s.person_id
                   FROM supports s JOIN proposals p ON p.id = s.proposal_id
                   WHERE s.created_at >= ? AND s.created_at < ?""",
    "answers": """SELECT a.created_at AS at, pr.forum_id, a.side, a.person_id
                  FROM answers a JOIN prompts pr ON pr.id = a.prompt_id
                  WHERE a.created_at >= ? AND a.created_at < ?""",
    "decisions": f"""SELECT h.changed_at AS at, p.forum_id, p.side, NULL AS person_id
                     FROM status_history h JOIN proposals p ON p.id = h.proposal_id
                     WHERE h.changed_at >= ? AND h.changed_at < ?
                       AND h.to_status IN ({",".join(repr(s) for s in DECISIONS)})""",
    "council_answers": """SELECT p.first_answer_at AS at, p.forum_id, p.side, NULL AS person_id
                          FROM proposals p
                          WHERE p.first_answer_at >= ? AND p.first_answer_at < ?""",
}


# The same, for the trend, without the forum: read from the (covering) indexes alone.
_WEEKLY = {
    "new_proposals": """SELECT created_at AS at, side, author_id AS person_id FROM proposals
                        WHERE created_at >= ? AND created_at < ?""",
    "supports": """SELECT created_at AS at, side, person_id FROM supports
                   WHERE created_at >= ? AND created_at < ?""",
    "answers": """SELECT created_at AS at, side, person_id FROM answers
                  WHERE created_at >= ? AND created_at < ?""",
    "decisions": _ACTIVITY["decisions"],
    "council_answers": _ACTIVITY["council_answers"],
}


def _people(names: Sequence[str], queries: dict[str, str] = _ACTIVITY) -> str:
    """The activities of ``names`` as one list of rows (at, side, person_id, and the forum for
    ``_ACTIVITY``)."""
    return " UNION ALL ".join(queries[name] for name in names)


PEOPLE = ("new_proposals", "supports", "answers")  # what counts as taking part


def _participants(
    tx: Tx, start: datetime, end: datetime
) -> tuple[dict[tuple[str, Side], int], dict[Side, int]]:
    """People who proposed, supported or answered in [start, end), each once: per forum side,
    and per side across forums (counted in SQL: distinct ids never leave the database)."""
    union, params = _people(PEOPLE), (to_db(start), to_db(end)) * len(PEOPLE)
    per_forum = tx.all(
        f"""SELECT forum_id, side, COUNT(DISTINCT person_id) AS n FROM ({union})
            WHERE person_id IS NOT NULL GROUP BY forum_id, side""",
        params,
    )
    per_side = tx.all(
        f"""SELECT side, COUNT(DISTINCT person_id) AS n FROM ({union})
            WHERE person_id IS NOT NULL GROUP BY side""",
        params,
    )
    return (
        {(r["forum_id"], Side(r["side"])): r["n"] for r in per_forum},
        {Side(r["side"]): r["n"] for r in per_side},
    )


def _trend(tx: Tx, weeks: Sequence[Period]) -> list[TrendWeek]:
    """Each week's counts of the trend's measures by side: each kind of activity is counted
    over the whole span in one query, sorted into weeks by a CASE on their boundaries."""
    if not weeks:
        return []
    starts = [to_db(w.start) for w in weeks]
    week = " ".join(f"WHEN at < ? THEN {i}" for i in range(len(starts) - 1))
    bucket = f"CASE {week} ELSE {len(starts) - 1} END" if week else "0"
    span = (starts[0], to_db(weeks[-1].end))
    counts: list[dict[tuple[str, Side], int]] = [defaultdict(int) for _ in weeks]
    for name in ("new_proposals", "answers", "decisions", "council_answers"):
        for row in tx.all(
            f"""SELECT {bucket} AS week, side, COUNT(*) AS n FROM ({_WEEKLY[name]})
                GROUP BY week, side""",
            (*starts[1:], *span),
        ):
            counts[row["week"]][(name, Side(row["side"]))] = row["n"]
    for row in tx.all(
        f"""SELECT {bucket} AS week, side, COUNT(DISTINCT person_id) AS n
            FROM ({_people(PEOPLE, _WEEKLY)}) WHERE person_id IS NOT NULL
            GROUP BY week, side""",
        (*starts[1:], *span * len(PEOPLE)),
    ):
        counts[row["week"]][("participants", Side(row["side"]))] = row["n"]
    return [TrendWeek(w.first_day, dict(counts[i])) for i, w in enumerate(weeks)]


def _item(row: Row, changed_to: str | None = None, note: str | None = None) -> DigestItem:
    return DigestItem(
        proposal_id=row["id"],
        forum_id=row["forum_id"],
        side=Side(row["side"]),
        title=row["title"],
        language=row["language"],
        status=Status(row["status"]),
        support_count=row["support_count"],
        meeting_input=bool(row["meeting_input"]),
        community_id=row["community_id"],
        created_at=when(row["created_at"]),
        changed_to=Status(changed_to) if changed_to else None,
        note=note,
        detail=row["detail"] or "",
    )


def _top(tx: Tx) -> dict[str, list[DigestItem]]:
    """The most supported open proposals of each forum.

    One indexed walk per forum and status (a window function over every open proposal took
    400 ms on 100,000 proposals; this takes about 1 ms).
    """
    top: dict[str, list[DigestItem]] = {}
    for forum in tx.all("SELECT id FROM forums WHERE active = 1"):
        candidates: list[DigestItem] = []
        for status in SUPPORTABLE_STATUSES:
            rows = tx.all(
                # open or under consideration: published, so everyone's once not hidden
                """SELECT * FROM proposals WHERE forum_id = ? AND status = ? AND hidden = 0
                   ORDER BY support_count DESC, created_at DESC LIMIT ?""",
                (forum["id"], status, TOP_PER_FORUM),
            )
            candidates.extend(_item(r) for r in rows)
        candidates.sort(key=lambda i: (i.support_count, i.created_at), reverse=True)
        if candidates:
            top[forum["id"]] = candidates[:TOP_PER_FORUM]
    return top


def _tallies(tx: Tx, start: datetime, end: datetime) -> dict[tuple[str, Side], Tally]:
    counts: dict[tuple[str, Side], dict[str, Any]] = defaultdict(dict)
    span = (to_db(start), to_db(end))
    for row in tx.all(_COUNTS["new"], span):
        key = (row["forum_id"], Side(row["side"]))
        counts[key]["new_proposals"] = row["n"]
        counts[key]["meeting_input"] = row["meeting"] or 0
    for name in ("supports", "answers"):
        for row in tx.all(_COUNTS[name], span):
            counts[(row["forum_id"], Side(row["side"]))][name] = row["n"]
    for row in tx.all(_COUNTS["decisions"], span):
        counts[(row["forum_id"], Side(row["side"]))][row["to_status"]] = row["n"]
    return {key: Tally(**values) for key, values in counts.items()}


def _asked(tx: Tx, since: datetime, end: datetime) -> list[Asked]:
    """Proposals the council owes (or owed) an answer in the window, and every one still
    awaiting one: everyone may see them, and they were not withdrawn."""
    rows = tx.all(
        f"""SELECT side, created_at, first_answer_at, status, forum_id FROM proposals p
            WHERE {SEEN_BY_EVERYONE} AND p.created_at < ? AND p.status != 'withdrawn'
              AND (p.created_at >= ? OR p.first_answer_at >= ?
                   OR (p.status = 'open' AND p.first_answer_at IS NULL))""",
        (to_db(end), to_db(since), to_db(since)),
    )
    return [
        Asked(
            Side(r["side"]),
            when(r["created_at"]),
            when(r["first_answer_at"]) if r["first_answer_at"] else None,
            r["status"] == "open",
            r["forum_id"],
        )
        for r in rows
    ]


def _said(tx: Tx, since: datetime, end: datetime) -> list[tuple[Side, str | None, str | None]]:
    rows = tx.all(
        "SELECT side, clear, happened FROM follow_ups WHERE answered_at >= ? AND answered_at < ?",
        (to_db(since), to_db(end)),
    )
    return [(Side(r["side"]), r["clear"], r["happened"]) for r in rows]


def _overdue(tx: Tx, sent_before: datetime) -> list[DigestItem]:
    return [
        _item(r)
        for r in tx.all(
            f"""SELECT * FROM proposals p WHERE {SEEN_BY_EVERYONE} AND p.status = 'open'
                AND p.first_answer_at IS NULL AND p.created_at < ?
                ORDER BY p.created_at, p.id LIMIT 50""",
            (to_db(sent_before),),
        )
    ]


def _figures(
    tx: Tx,
    period: Period,
    previous: Period,
    since: datetime,
    overdue_before: datetime,
    trend_weeks: Sequence[Period],
) -> DigestFigures:
    span = (to_db(period.start), to_db(period.end))
    participants, taking_part = _participants(tx, period.start, period.end)
    new = [
        _item(r)
        for r in tx.all(
            f"""SELECT * FROM proposals p WHERE created_at >= ? AND created_at < ?
               AND {SEEN_BY_EVERYONE}
               ORDER BY forum_id, support_count DESC, created_at DESC""",
            span,
        )
    ]
    changed = [
        _item(r, r["to_status"], r["note"])
        for r in tx.all(
            f"""SELECT p.*, h.to_status, h.note FROM status_history h
                JOIN proposals p ON p.id = h.proposal_id
                WHERE h.id IN (SELECT MAX(id) FROM status_history
                               WHERE changed_at >= ? AND changed_at < ?
                                 AND to_status IN ({",".join("?" * len(OFFICER_CHANGES))})
                               GROUP BY proposal_id)
                  AND {SEEN_BY_EVERYONE}
                ORDER BY p.forum_id, h.changed_at DESC""",
            (*span, *OFFICER_CHANGES),
        )
    ]
    hidden = tx.scalar(
        "SELECT COUNT(*) FROM proposals WHERE hidden = 1 AND created_at >= ? AND created_at < ?",
        span,
    )
    return DigestFigures(
        period=period,
        tallies=_tallies(tx, period.start, period.end),
        previous=_tallies(tx, previous.start, previous.end),
        new=new,
        changed=changed,
        top=_top(tx),
        hidden=int(hidden or 0),
        asked=_asked(tx, since, period.end),
        said=_said(tx, period.end - WINDOW, period.end),
        overdue=_overdue(tx, overdue_before),
        participants=participants,
        people_taking_part=taking_part,
        trend=_trend(tx, trend_weeks),
        supporters={
            Side(r["side"]): r["n"]
            for r in tx.all(
                """SELECT side, COUNT(DISTINCT person_id) AS n FROM supports
                   WHERE created_at >= ? AND created_at < ? GROUP BY side""",
                span,
            )
        },
    )


class Figures(Part):
    """Figures for the community-strategy digest."""

    async def for_period(
        self,
        period: Period,
        previous: Period,
        since: datetime | None = None,
        overdue_before: datetime | None = None,
        trend_weeks: Sequence[Period] = (),
    ) -> DigestFigures:
        """Tallies for ``period`` and ``previous``, plus what is new, what changed status and
        the most supported open proposals.

        The lists name only proposals everyone may see (domain/visibility.py): hidden ones are
        left out but counted; a young person's proposal awaiting approval, or withdrawn before
        it was approved, is in no list (the tallies count it as a number, never by name).
        """
        since = since or period.end - WINDOW
        overdue_before = overdue_before or period.start
        return await self._db.read(
            lambda tx: _figures(tx, period, previous, since, overdue_before, trend_weeks)
        )
