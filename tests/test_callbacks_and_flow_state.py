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


@dataclass(frozen=True)
class Open(CallbackData, prefix="zans"):
    prompt_id: int


@dataclass(frozen=True)
class Yes(CallbackData, prefix="zans", tag="y"):
    prompt_id: int


@dataclass(frozen=True)
class No(CallbackData, prefix="zans", tag="no"):
    pass


class Step(StrEnum):
    FORUM = "forum"
    TEXT = "text"


@dataclass(frozen=True)
class Draft(FlowState, flow="ztest"):
    step: Step
    forum_id: str | None = None
    tags: tuple[str, ...] = ()
    count: int = 0
    ids: tuple[int, ...] = ()


def test_button_data_round_trips_and_is_compact() -> None:
    page = Page("transport", Order.MOST, 3, True)
    assert page.pack() == "zpage:transport:s:3:1"  # a trailing None is left off …
    assert Page.unpack(page.pack()) == page
    assert Page.unpack("zpage:transport:s:3:1:") == page  # … and older data with it still reads
    assert Page.unpack("zpage:transport:s:3:1:pembrey") == Page(
        "transport", Order.MOST, 3, True, "pembrey"
    )


@pytest.mark.parametrize(
    "forged",
    [
        "", "zpage", "zpage:transport:s:3", "zpage:transport:x:3:1:", "zpage:transport:s:²:1:",
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


def test_kinds_sharing_a_prefix_are_told_apart_by_their_tag() -> None:
    assert (Open(12).pack(), Yes(12).pack(), No().pack()) == ("zans:12", "zans:y:12", "zans:no")
    assert [kind.unpack(d) for kind in (Open, Yes, No) for d in ("zans:12", "zans:y:12")] == [
        Open(12), None, None, Yes(12), None, None,
    ]  # fmt: skip
    assert No.unpack("zans:no") == No() and Open.unpack("zans:no") is None
    for data, kind in [("zans:12", Open), ("zans:y:12", Yes), ("zans:no", No), ("zans:n", Open)]:
        matching = [k for k in (Open, Yes, No) if re.match(k.pattern(), data)]
        assert matching == [kind], data  # each button reaches exactly one handler
    assert not re.match(Open.pattern(), "zansx:1")


def test_a_tag_is_unique_within_its_prefix() -> None:
    with pytest.raises(TypeError, match="taken"):

        @dataclass(frozen=True)
        class YesAgain(CallbackData, prefix="zans", tag="y"):
            n: int


def test_ids_are_ascii_digits_of_bounded_length() -> None:
    assert parse_id("42") == 42
    assert [parse_id(t) for t in ("²", "٣", "-1", "1.0", " 1", "9" * 19, None)] == [None] * 7


def test_flow_state_round_trips_through_json() -> None:
    draft = Draft(Step.TEXT, "transport", ("a", "b"), 2, (7, 12))
    assert Draft.from_json(draft.to_json()) == draft
    assert draft.replace(step=Step.FORUM).step is Step.FORUM
    assert Draft.of(("ztest", draft.to_json())) == draft
    assert [Draft.of(s) for s in (None, ("other", draft.to_json()), ("ztest", {}))] == [None] * 3


@pytest.mark.parametrize(
    "stored",
    [
        {}, {"step": "flying"}, {"step": "text", "forum_id": 7}, {"step": "text", "count": True},
        {"step": "text", "tags": "ab"}, {"step": "text", "tags": [1]},
        {"step": "text", "ids": ["7"]}, {"step": "text", "ids": [True]},
        {"step": "text", "ids": 7},
    ],
)  # fmt: skip
def test_a_state_that_does_not_fit_reads_as_none(stored: dict[str, object]) -> None:
    assert Draft.from_json(stored) is None


def test_writing_and_answer_buttons_keep_the_data_older_versions_sent() -> None:
    """Buttons already in people's chats (a prompt's Reply, a preview's Send) keep working."""
    from bot.telegram.views.answers import Answer, NotAnAnswer, SendTyped
    from bot.telegram.views.writing import AtPreview, PickCommunity, PickForum, PreviewAction

    made = [
        PickForum("transport"), PickCommunity("-"), AtPreview(PreviewAction.SEND),
        AtPreview(PreviewAction.EDIT), AtPreview(PreviewAction.STOP), Answer(12), SendTyped(12),
        NotAnAnswer(),
    ]  # fmt: skip
    old = [
        "pp:f:transport",
        "pp:c:-",
        "pp:send",
        "pp:edit",
        "pp:stop",
        "pa:12",
        "pa:y:12",
        "pa:no",
    ]
    assert [button.pack() for button in made] == old
    assert [type(button).unpack(data) for button, data in zip(made, old, strict=True)] == made


def test_flows_stored_by_older_versions_read_back() -> None:
    """A draft, an awaited answer or typed words kept before an upgrade carry on after it."""
    from bot.domain.people import Side
    from bot.telegram.handlers.resident.answers import AwaitingAnswer
    from bot.telegram.handlers.resident.typed_answers import TypedAnswer
    from bot.telegram.handlers.resident.write import Draft
    from bot.telegram.handlers.resident.write import Step as DraftStep

    stored = {"step": "preview", "side": "youth", "forum": "transport", "text": "Buses"}
    draft = Draft.from_json(stored | {"community": "pembrey", "meeting": False})
    assert draft == Draft(DraftStep.PREVIEW, Side.YOUTH, "transport", "Buses", None, "pembrey")
    assert AwaitingAnswer.from_json({"prompt": 3}) == AwaitingAnswer(3)
    assert TypedAnswer.from_json({"text": "Yes", "prompts": [1, 2]}) == TypedAnswer("Yes", (1, 2))
