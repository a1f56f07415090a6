"""Property-based tests for everything that takes raw text or raw callback data."""

from __future__ import annotations

import html
import unicodedata
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import ProposalLimits
from bot.domain.people import Side, normalise_language
from bot.domain.prompts import (
    PromptText,
    Schedule,
    first_date,
    latest_occurrence,
    next_occurrence,
    parse_time,
    quiet_until,
)
from bot.domain.proposals import (
    STATUS_WORDS,
    TITLE_MAX,
    Status,
    StatusCommand,
    check_text,
    clean_text,
    parse_reference,
    parse_status_command,
    reference,
    split_title,
)
from bot.sandbox.fake_bot_api import TelegramHtmlError, visible_text
from bot.telegram import callbacks
from tests.conftest import ThreadedSandbox

LIMITS = ProposalLimits()
LONDON = ZoneInfo("Europe/London")
ANY_TEXT = st.text(min_size=1, max_size=5000).filter(lambda s: s.strip())


@given(text=ANY_TEXT)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_private_text_gets_a_valid_polite_reply(
    threaded_sandbox: ThreadedSandbox, text: str
) -> None:
    sandbox = threaded_sandbox.sandbox
    person = threaded_sandbox.joined_person("Ann", 424242)
    shown = threaded_sandbox.run(person.send(text))
    assert sandbox.errors == []
    assert len(shown) <= 1
    for message in shown:
        assert len(visible_text(message.html, "HTML")) <= 4096


@given(data=st.text(max_size=80))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_callback_data_is_answered_and_never_raises(
    threaded_sandbox: ThreadedSandbox, data: str
) -> None:
    sandbox = threaded_sandbox.sandbox
    person = threaded_sandbox.joined_person("Bob", 434343)
    if not person.messages() or not person.last.buttons:
        threaded_sandbox.run(person.send("/forums"))
    before = len(sandbox.api.sent("answerCallbackQuery"))
    threaded_sandbox.run(person.press_data(person.last, data))
    assert sandbox.errors == []
    assert len(sandbox.api.sent("answerCallbackQuery")) == before + 1


@given(
    data=st.one_of(
        st.text(max_size=70),
        st.builds(
            lambda head, tail: head + ":" + tail,
            st.sampled_from(sorted(callbacks.registered())),
            st.text(alphabet="0123456789abcdefghijklmnopqrstuvwxyz:_+-٣²", max_size=40),
        ),
    )
)
def test_typed_buttons_accept_only_well_formed_data(data: str) -> None:
    """Every kind of button either refuses raw data or reads a value that packs back to data
    it reads the same (older data with trailing optional fields left off included)."""
    for key, kind in callbacks.registered().items():
        pressed = kind.unpack(data)
        if pressed is not None:
            assert data.startswith(key)
            assert kind.unpack(pressed.pack()) == pressed


@given(code=st.one_of(st.none(), st.text(max_size=12)))
def test_language_code_always_maps_to_cy_or_en(code: str | None) -> None:
    assert normalise_language(code, "cy") in ("cy", "en")


@given(text=st.text(max_size=3000))
def test_cleaned_text_is_stable_and_within_what_people_typed(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert len(cleaned) <= len(unicodedata.normalize("NFC", text))
    assert cleaned == cleaned.strip()
    problem = check_text(cleaned, LIMITS)
    if problem is None:
        title, _ = split_title(cleaned)
        assert title and len(title) <= TITLE_MAX
        assert "\n" not in title


@given(number=st.integers(1, 10**8))
def test_references_round_trip(number: int) -> None:
    assert parse_reference(reference(number)) == number
    assert parse_reference(reference(number).lower().replace("-", "")) == number


@given(args=st.text(max_size=200))
def test_status_command_parser_never_raises(args: str) -> None:
    command = parse_status_command(args)
    if command is not None:
        assert command.proposal_id > 0
        assert command.status is None or command.status in STATUS_WORDS.values()


def test_status_command_examples() -> None:
    command = parse_status_command("P-0042 adopted The council will fund this.")
    assert command == StatusCommand(42, Status.ADOPTED, "The council will fund this.")
    assert parse_status_command("p42 MABWYSIADU") == StatusCommand(42, Status.ADOPTED, "")
    assert parse_status_command("P-0042 banana split") == StatusCommand(42, None, "")
    assert parse_status_command("hello") is None
    assert parse_status_command("") is None


@given(text=st.text(max_size=20))
def test_parse_time_accepts_only_real_times(text: str) -> None:
    parsed = parse_time(text)
    if parsed is not None:
        assert parse_time(parsed.strftime("%H:%M")) == parsed


@given(
    weekday=st.integers(0, 6),
    hour=st.integers(0, 23),
    minute=st.sampled_from([0, 15, 30, 45]),
    every=st.sampled_from([1, 2, 4]),
    start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2030, 12, 31)),
)
def test_checkins_keep_their_local_weekday_and_time(
    weekday: int, hour: int, minute: int, every: int, start: datetime
) -> None:
    now = start.replace(tzinfo=UTC)
    local_time = time(hour, minute)
    schedule = Schedule(
        1, "f", Side.ADULT, PromptText(None, "x"), weekday, local_time, every,
        first_date(weekday, local_time, now, LONDON), None, now,
    )  # fmt: skip
    after = now
    for _ in range(6):
        due = next_occurrence(schedule, after, LONDON)
        local = due.astimezone(LONDON)
        assert due > after and local.weekday() == weekday
        if local.utcoffset() == datetime.combine(local.date(), local_time, LONDON).utcoffset():
            assert (local.hour, local.minute) == (hour, minute)
        assert latest_occurrence(schedule, due, LONDON) == due
        after = due


@given(moment=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2030, 12, 31)))
def test_quiet_hours_end_in_the_morning(moment: datetime) -> None:
    instant = moment.replace(tzinfo=UTC)
    end = quiet_until(instant, LONDON, time(21, 0), time(8, 0))
    local = instant.astimezone(LONDON)
    if end is None:
        assert time(8, 0) <= local.time() < time(21, 0)
    else:
        assert end > instant and end - instant <= timedelta(hours=11, minutes=1)
        assert end.astimezone(LONDON).time() == time(8, 0)


@given(text=st.text(max_size=300), tag=st.sampled_from(["b", "i", "u", "s", "code", "pre"]))
def test_the_fake_reads_escaped_text_back_exactly(text: str, tag: str) -> None:
    """The fake Bot API's HTML check, which every other test relies on, accepts escaped text."""
    escaped = html.escape(text, quote=False)
    assert visible_text(f"<{tag}>{escaped}</{tag}>", "HTML") == text


@pytest.mark.parametrize(
    "bad",
    ["<b>open", "</b>", "<b><i>x</b></i>", "<br/>", "<div>x</div>", "a & b", "a < b", "x >",
     "&nbsp;", "&#0;"],
)  # fmt: skip
def test_the_fake_refuses_what_telegram_refuses(bad: str) -> None:
    with pytest.raises(TelegramHtmlError):
        visible_text(bad, "HTML")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("18:00", time(18)), ("9.30", time(9, 30)), ("6pm", time(18)), ("6 PM", time(18)),
        ("6.30 p.m.", time(18, 30)), ("6 yh", time(18)), ("9 yb", time(9)),
        ("12pm", time(12)), ("12am", time(0)), ("noon", time(12)), ("Hanner dydd", time(12)),
        ("13pm", None), ("0pm", None), ("6", None), ("six", None),
    ],
)  # fmt: skip
def test_times_are_read_as_people_type_them(typed: str, meant: time | None) -> None:
    assert parse_time(typed) == meant
