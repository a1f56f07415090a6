"""The council's responsiveness figures: checked against a plain recomputation on generated
histories, the under-5 rule, and the digest's section and overdue list end to end."""

from __future__ import annotations

import statistics
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.accountability import overdue_since
from bot.domain.people import Side
from bot.domain.responsiveness import Asked, Rate, measure
from bot.sandbox.scenario import Sandbox
from tests.test_closing_the_loop import BUS, _at, _cast
from tests.test_proposals import propose

LONDON = ZoneInfo("Europe/London")
END = datetime(2027, 3, 1, tzinfo=UTC)
START = END - timedelta(days=7)

histories = st.lists(
    st.tuples(
        st.sampled_from(list(Side)),
        st.integers(min_value=0, max_value=140 * 24),  # hours before END it was sent
        st.one_of(st.none(), st.integers(min_value=0, max_value=60 * 24)),  # hours to answer
        st.booleans(),
    ),
    max_size=60,
)


def _asked(history: list[tuple[Side, int, int | None, bool]]) -> list[Asked]:
    rows = []
    for side, sent_hours, answer_hours, still_open in history:
        sent = END - timedelta(hours=sent_hours)
        answered = sent + timedelta(hours=answer_hours) if answer_hours is not None else None
        rows.append(Asked(side, sent, answered, still_open and answered is None))
    return rows


@given(histories, st.integers(min_value=1, max_value=60))
def test_median_and_on_time_share_match_a_plain_recomputation(
    history: list[tuple[Side, int, int | None, bool]], promise: int
) -> None:
    rows = _asked(history)
    got = measure(rows, [], START, END, promise, LONDON, Side.ADULT)
    mine = [r for r in rows if r.side is Side.ADULT]
    durations = []
    for row in mine:
        if row.answered_at is not None and END - timedelta(weeks=12) <= row.answered_at < END:
            durations.append((row.answered_at - row.sent_at).total_seconds() / 86400)
    expected_median = round(statistics.median(durations), 1) if durations else None
    assert got.median_days == expected_median and got.median_over == len(durations)
    due, kept = 0, 0
    for row in mine:
        deadline = overdue_since(row.sent_at, promise, LONDON)
        if END - timedelta(weeks=12) <= deadline <= END:
            due += 1
            kept += row.answered_at is not None and row.answered_at < deadline
    assert got.on_time == Rate(kept, due)


def test_rates_under_five_are_not_shown() -> None:
    assert not Rate(3, 4).shown and Rate(3, 5).shown and Rate(3, 5).percent == 60


async def test_the_digest_says_how_the_council_answered(sandbox: Sandbox) -> None:
    ben, _, officer, _ = await _cast(sandbox)
    await propose(ben, "Transport", BUS)
    await propose(ben, "Transport", "Benches at the bus stop on Station Road, please")
    await officer.send("/respond P-0002 We will ask the bus company about benches.")
    _at(sandbox, "2026-12-28T09:30:00+00:00")  # a Monday: the weekly digest goes out
    await sandbox.run_job("tick")
    digest = "\n".join(m.text for m in officer.messages() if "⏰" in m.text or "⏱" in m.text)
    assert "1 proposal has had no answer within the promise" in digest
    assert "P-0001 “More buses in the evening”" in digest and "P-0002 “" not in digest
    assert "The council's answers" in digest and "Too few answers yet for rates" in digest


async def test_the_digest_tells_supports_from_people_who_supported(sandbox: Sandbox) -> None:
    """Two supports by one person are two supports and one person, labelled so."""
    ben, cai, officer, _ = await _cast(sandbox)
    await propose(ben, "Transport", BUS)
    await propose(ben, "Transport", "Benches at the bus stop on Station Road, please")
    await cai.send("/proposals")
    await cai.press("Trafnidiaeth")
    await cai.press("Cefnogi P-0001")
    await cai.press("Cefnogi P-0002")
    _at(sandbox, "2026-11-30T09:30:00+00:00")  # the next Monday: last week's digest
    await sandbox.run_job("tick")
    digest = "\n".join(m.text for m in officer.messages())
    assert "Supports: 2 (adults 2, youth 0" in digest
    assert "People who supported (each counted once, however many supports): 1" in digest
    assert "these rows overlap" in digest
