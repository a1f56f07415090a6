"""Typed button data and typed flow state: what goes in comes out, anything else is refused."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.telegram.callbacks import CallbackData, parse_id
from bot.telegram.flow_state import FlowState


class Order(StrEnum):
    NEWEST = "n"
    MOST = "s"


@dataclass(frozen=True)
class Page(CallbackData, prefix="zpage"):
    forum_id: str
    order: Order
    page: int
    mine: bool
    community: str | None = None


class Step(StrEnum):
    FORUM = "forum"
    TEXT = "text"


@dataclass(frozen=True)
class Draft(FlowState, flow="ztest"):
    step: Step
    forum_id: str | None = None
    tags: tuple[str, ...] = ()
    count: int = 0


def test_button_data_round_trips_and_is_compact() -> None:
    page = Page("transport", Order.MOST, 3, True)
    assert page.pack() == "zpage:transport:s:3:1:"
    assert Page.unpack(page.pack()) == page
    assert Page.unpack("zpage:transport:s:3:1:pembrey") == Page(
        "transport", Order.MOST, 3, True, "pembrey"
    )


@pytest.mark.parametrize(
    "forged",
    [
        "", "zpage", "zpage:transport:s:3:1", "zpage:transport:x:3:1:", "zpage:transport:s:²:1:",
        "zpage:transport:s:" + "9" * 20 + ":1:", "zpage::s:3:1:", "zpage:transport:s:3:yes:",
        "zpag:transport:s:3:1:", "zpage:transport:s:-1:1:", "zpage:transport:s:3:1::",
    ],
)  # fmt: skip
def test_forged_button_data_is_refused(forged: str) -> None:
    assert Page.unpack(forged) is None


@given(st.text(max_size=80))
def test_any_text_unpacks_to_a_page_or_nothing(text: str) -> None:
    page = Page.unpack(text)
    assert page is None or page.pack() == text


@given(
    st.from_regex(r"[a-z_]{1,20}", fullmatch=True),
    st.sampled_from(Order),
    st.integers(0, 10**17),
    st.booleans(),
)
def test_every_page_round_trips(forum: str, order: Order, number: int, mine: bool) -> None:
    page = Page(forum, order, number, mine)
    assert Page.unpack(page.pack()) == page


def test_data_over_telegrams_64_bytes_is_refused_when_made() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        Page("x" * 60, Order.NEWEST, 1, False).pack()


def test_prefixes_are_unique() -> None:
    with pytest.raises(TypeError, match="taken"):

        @dataclass(frozen=True)
        class Again(CallbackData, prefix="zpage"):
            n: int


@dataclass(frozen=True)
class Pick(CallbackData, prefix="zpick"):
    item: int
    order: Order


@dataclass(frozen=True)
class Skip(CallbackData, prefix="zpick", tag="skip"):
    pass


@dataclass(frozen=True)
class Later(CallbackData, prefix="zpick", tag="later"):
    item: int


def test_tagged_kinds_share_a_prefix_and_each_gets_only_its_own_buttons() -> None:
    assert (Skip().pack(), Later(7).pack(), Pick(7, Order.MOST).pack()) == (
        "zpick:skip",
        "zpick:later:7",
        "zpick:7:s",
    )
    data = ["zpick:skip", "zpick:later:7", "zpick:7:s", "zpick:skipped:s", "zpick:later"]
    matching = {
        kind.__name__: [d for d in data if re.match(kind.pattern(), d)]
        for kind in (Pick, Skip, Later)
    }
    assert matching == {
        "Pick": ["zpick:7:s", "zpick:skipped:s"],
        "Skip": ["zpick:skip"],
        "Later": ["zpick:later:7", "zpick:later"],
    }
    assert [Later.unpack(d) for d in ("zpick:later:7", "zpick:later", "zpick:7:s")] == [
        Later(7),
        None,
        None,
    ]
    assert Skip.unpack("zpick:skip:") is None
    assert Pick.unpack("zpick:skipped:s") is None


def test_a_tag_is_taken_once_per_prefix() -> None:
    with pytest.raises(TypeError, match="taken"):

        @dataclass(frozen=True)
        class SkipAgain(CallbackData, prefix="zpick", tag="skip"):
            n: int


def test_ids_are_ascii_digits_of_bounded_length() -> None:
    assert parse_id("42") == 42
    assert [parse_id(t) for t in ("²", "٣", "-1", "1.0", " 1", "9" * 19, None)] == [None] * 7


def test_flow_state_round_trips_through_json() -> None:
    draft = Draft(Step.TEXT, "transport", ("a", "b"), 2)
    assert Draft.from_json(draft.to_json()) == draft
    assert draft.replace(step=Step.FORUM).step is Step.FORUM


@pytest.mark.parametrize(
    "stored",
    [
        {}, {"step": "flying"}, {"step": "text", "forum_id": 7}, {"step": "text", "count": True},
        {"step": "text", "tags": "ab"}, {"step": "text", "tags": [1]},
    ],
)  # fmt: skip
def test_a_state_that_does_not_fit_reads_as_none(stored: dict[str, object]) -> None:
    assert Draft.from_json(stored) is None
