"""Typed words taken as a tap on a button.

People new to Telegram often type what a button says ("Burry Port", "send", "ie") instead of
tapping it. A typed text counts as a choice only when it clearly names one of the buttons shown
at that step; anything else leaves what the person has written as it was, and the buttons are
shown again. Matching is forgiving about case, accents, punctuation, spacing, small typing
slips and polite words around the choice ("the whole area please"), and strict about
everything else: a wrong guess would put words where the person did not mean them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher

# Words around a choice that do not change it: "the", "please", "yr", "plis"…
_FILLER = frozenset(
    (
        "the", "a", "an", "please", "pls", "plz", "thanks", "thank", "you", "ta",
        "y", "yr", "r", "os", "gwelwch", "yn", "dda", "plis", "diolch",
    )
)  # fmt: skip
# A slip of the keyboard ("Pembry", "Bury Port") still names a choice; shorter words must
# match exactly, since one letter changes them completely ("ie", "na").
_SLIP_RATIO = 0.85
_SLIP_MIN_LENGTH = 5
_SLIP_MARGIN = 0.1

# What people type to mean "yes, send it" at a preview, "no", and "change the text".
YES_WORDS = (
    "yes", "yes send it", "yes please", "yep", "yeah", "send", "send it", "send it please",
    "ie", "ydw", "ydy", "do", "anfon", "anfonwch", "anfon e", "anfon o", "ei anfon",
    "anfonwch e", "anfonwch o",
)  # fmt: skip
NO_WORDS = (
    "no", "no thanks", "nope", "dont send it", "do not send it", "na", "nage", "nac ydw",
    "naddo", "peidiwch", "dim", "paid",
)  # fmt: skip
CHANGE_WORDS = (
    "change", "change it", "change the text", "edit", "edit it", "newid", "newid y testun",
    "golygu", "newid e", "newid o",
)  # fmt: skip
WHOLE_AREA_WORDS = (
    "whole area", "the whole area", "all of it", "all areas", "everywhere", "all",
    "yr ardal gyfan", "ardal gyfan", "yr holl ardal", "pobman", "ym mhobman", "i gyd",
)  # fmt: skip
# Friendly noise that is no answer to anything: "ok", "thanks", "hello".
CHIT_CHAT = (
    "ok", "okay", "k", "hi", "hello", "hey", "helo", "shwmae", "smae", "su mae", "sut mae",
    "bore da", "prynhawn da", "noswaith dda", "nos da", "thanks", "thank you", "cheers",
    "diolch", "diolch yn fawr", "iawn", "help", "helpu", "cymorth", "start", "bye", "hwyl",
    "ta ta",
)  # fmt: skip


def words(text: str) -> list[str]:
    """The words of ``text``: lower case, accents and punctuation gone ("Pen-bre" → pen bre)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("'", "").replace("’", "")  # "don't" → dont
    return re.findall(r"[^\W_]+", plain)


def _key(text: str) -> str:
    """What is compared: the words without filler at either end, run together."""
    found = words(text)
    while found and found[0] in _FILLER:
        found.pop(0)
    while found and found[-1] in _FILLER:
        found.pop()
    return "".join(found)


def match_choice(typed: str, choices: Mapping[str, Iterable[str]]) -> str | None:
    """The key of the one choice whose labels ``typed`` names; None when none or several do."""
    key = _key(typed)
    if not key or len(key) > 100:  # a paragraph is not a tap on a button
        return None
    labels = {
        choice: {_key(label) for label in options} - {""} for choice, options in choices.items()
    }
    exact = {choice for choice, keys in labels.items() if key in keys}
    if exact:
        return exact.pop() if len(exact) == 1 else None
    if len(key) < _SLIP_MIN_LENGTH:
        return None
    scores = sorted(
        (
            (max((SequenceMatcher(None, key, k).ratio() for k in keys), default=0.0), choice)
            for choice, keys in labels.items()
        ),
        reverse=True,
    )
    if not scores or scores[0][0] < _SLIP_RATIO:
        return None
    if len(scores) > 1 and scores[1][0] > scores[0][0] - _SLIP_MARGIN:
        return None  # two choices are about as close: ask rather than guess
    return scores[0][1]


def is_chit_chat(text: str) -> bool:
    """Whether ``text`` is a greeting, thanks or "ok" (or nothing but emoji and punctuation)."""
    key = "".join(words(text))
    return not key or key in {"".join(words(w)) for w in CHIT_CHAT}
