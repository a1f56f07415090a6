"""The rules for /settings: ids for new places, the promise's bounds, quiet hours as typed."""

from __future__ import annotations

from datetime import time

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.settings import clean_name, parse_hours, parse_promise, place_id_for


def test_new_places_get_short_unique_ids() -> None:
    assert place_id_for("Arts & Culture", set()) == "arts_culture"
    assert place_id_for("Arts & Culture", {"arts_culture"}) == "arts_culture_2"
    assert place_id_for("Llŷn a'r Môr", set()) == "llyn_a_r_mor"
    assert place_id_for("🎨", set()) == "place"


@given(st.text(max_size=200), st.sets(st.text(max_size=5), max_size=5))
def test_any_name_gives_a_valid_new_id(name: str, taken: set[str]) -> None:
    found = place_id_for(name, taken)
    assert found not in taken and 0 < len(found) <= 24
    assert all(ch.isascii() and (ch.isalnum() or ch == "_") for ch in found)


@given(st.text(max_size=300))
def test_names_are_tidied_or_refused(text: str) -> None:
    name = clean_name(text)
    assert name is None or (0 < len(name) <= 60 and name == " ".join(name.split()))


def test_the_promise_and_quiet_hours_as_typed() -> None:
    assert parse_promise("28") == 28 and parse_promise("21 days") == 21
    assert parse_promise("3") is None and parse_promise("365") is None
    assert parse_promise("soon") is None
    assert parse_hours("21:00-08:00") == (time(21), time(8))
    assert parse_hours("9pm to 8am") == (time(21), time(8))
    assert parse_hours("9 yh i 8 yb") == (time(21), time(8))
    assert parse_hours("21:00") is None and parse_hours("8am-8am") is None


@given(st.text(max_size=60))
def test_typed_settings_never_raise(text: str) -> None:
    parse_promise(text)
    parse_hours(text)
