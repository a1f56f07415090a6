"""What a message typed out of the blue probably means, so nobody meets a dead end.

People new to Telegram bots type rather than press: "help", "diolch", "hello", or their idea
itself ("The pavement outside the chemist on Station Road is broken"). This guesses kindly and
cheaply; a wrong guess costs one tap (every answer still offers the main actions).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class Intent(StrEnum):
    """The kinds of stray text the bot answers differently."""

    HELP = "help"
    THANKS = "thanks"
    GREETING = "greeting"
    IDEA = "idea"  # long enough to be a proposal: offer to send it as one
    UNCLEAR = "unclear"


_HELP = {
    "help", "help me", "helpu", "cymorth", "cymorth os gwelwch yn dda", "menu", "dewislen",
    "what can i do", "what do i do", "how does this work", "beth alla i wneud",
    "beth ydw i'n ei wneud", "sut mae hwn yn gweithio", "start", "dechrau", "?", "??",
}  # fmt: skip
_THANKS_START = ("thank", "thanks", "thx", "ta", "cheers", "diolch", "diolch yn fawr")
_GREETINGS = {
    "hi", "hello", "hey", "hiya", "helo", "hylo", "shwmae", "shwmai", "sut mae", "sut ydych chi",
    "bore da", "prynhawn da", "noswaith dda", "good morning", "good afternoon", "good evening",
}  # fmt: skip
IDEA_MIN_WORDS = 4
IDEA_MIN_LETTERS = 20


def normalise(text: str) -> str:
    """Lower case, curly quotes straightened, punctuation and emoji dropped, spaces single."""
    text = unicodedata.normalize("NFC", text).lower().replace("’", "'")
    kept = "".join(ch if ch.isalnum() or ch in " '?" else " " for ch in text)
    return re.sub(r"\s+", " ", kept).strip()


def classify(text: str) -> Intent:
    """The likely meaning of ``text`` typed when the bot was not waiting for anything."""
    said = normalise(text)
    if said in _HELP or said.rstrip("?").strip() in _HELP:
        return Intent.HELP
    words = said.replace("?", " ").split()
    letters = sum(ch.isalpha() for ch in said)
    if len(words) >= IDEA_MIN_WORDS and letters >= IDEA_MIN_LETTERS:
        if _starts_with(words, _THANKS_START) and len(words) <= 6:
            return Intent.THANKS  # "thank you very much indeed"
        if said.endswith("?"):
            return Intent.UNCLEAR  # a question ("Where are the minutes?") is not an idea
        return Intent.IDEA
    if _starts_with(words, _THANKS_START) or "👍" in text or "🙏" in text:
        return Intent.THANKS
    if said.rstrip("?").strip() in _GREETINGS or (words and words[0] in _GREETINGS):
        return Intent.GREETING
    return Intent.UNCLEAR


def _starts_with(words: list[str], openings: tuple[str, ...]) -> bool:
    joined = " ".join(words)
    return any(joined == o or joined.startswith(o + " ") for o in openings)
