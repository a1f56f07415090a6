"""Telegram's size limits, and text made to fit them by construction.

How Telegram counts: a message may have 4,096 characters "after entities parsing", i.e. of the
text the reader sees once our HTML is parsed (tags show nothing, ``&amp;`` is one character).
The Bot API server (tdlib) checks ``utf8_length(text) > message_text_length_max``, and
``utf8_length`` counts Unicode code points; a live test that sent 4,096 😀 (8,192 UTF-16 units)
was accepted and 4,097 refused. Many libraries believe the limit is in UTF-16 code units (where
such an emoji counts twice). We count UTF-16 units: never fewer than code points, so whatever
we build fits under either reading, and emoji-heavy text loses at most some room.

Everything here works on plain text or on our own well-formed HTML (user text is always
escaped), and imports nothing from Telegram.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Sequence

MESSAGE_LIMIT = 4096  # a text message (sendMessage, editMessageText)
CAPTION_LIMIT = 1024  # a photo's or document's caption
NOTICE_LIMIT = 200  # a button-press notice or alert (answerCallbackQuery)
# Telegram documents no limit for a button's label; apps cut long ones off on screen anyway.
# Ours keeps every label short enough to read and to keep the keyboard well under its size cap.
LABEL_LIMIT = 100
ELLIPSIS = "…"

_TAG = re.compile(r"<[^<>]*>")
# Characters that belong to the one before them: cutting before one splits what people see.
_JOINERS = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"}


def units(text: str) -> int:
    """Length in UTF-16 code units (an emoji outside the Basic Multilingual Plane counts 2)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2 if not text.isascii() else len(text)


def visible(markup: str) -> str:
    """The text a reader sees of our HTML (tags dropped, character references decoded)."""
    return html.unescape(_TAG.sub("", markup)) if "<" in markup or "&" in markup else markup


def html_units(markup: str) -> int:
    """How long our HTML is, counted as Telegram counts it (see the module docstring)."""
    return units(visible(markup))


def fits(markup: str, limit: int = MESSAGE_LIMIT) -> bool:
    """Whether an HTML message is within ``limit``."""
    return html_units(markup) <= limit


def _prefix(text: str, budget: int) -> int:
    """How many characters of ``text`` fit in ``budget`` units, not splitting a character
    from the marks, joiners or skin tones that belong to it."""
    if budget <= 0:
        return 0
    if len(text) == units(text):  # no astral characters: one unit each
        end = min(budget, len(text))
    else:  # cut the UTF-16 form; a pair of surrogates cut in two is dropped
        end = len(
            text.encode("utf-16-le", "surrogatepass")[: budget * 2].decode("utf-16-le", "ignore")
        )
    while 0 < end < len(text) and (
        _belongs_to_previous(text[end]) or text[end - 1] == "\u200d" or _splits_flag(text, end)
    ):
        end -= 1
    return end


def _splits_flag(text: str, end: int) -> bool:
    """Whether ``end`` falls between the two regional indicators of a flag (🇨🇾)."""
    if not _regional(text[end]):
        return False
    start = end
    while start > 0 and _regional(text[start - 1]):
        start -= 1
    return (end - start) % 2 == 1


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _belongs_to_previous(ch: str) -> bool:
    return (
        ch in _JOINERS
        or unicodedata.combining(ch) != 0
        or 0x1F3FB <= ord(ch) <= 0x1F3FF  # skin tone modifiers
        or 0xE0020 <= ord(ch) <= 0xE007F  # tag characters (flag sequences)
    )


def trim(text: str, limit: int) -> str:
    """Plain ``text`` shortened to ``limit`` units, at a word where one is near, with "…".

    Text that fits is returned unchanged; a limit too small for anything gives "".
    """
    if units(text) <= limit:
        return text
    if limit < 1:
        return ""
    end = _prefix(text, limit - 1)
    head = text[:end]
    space = max(head.rfind(" "), head.rfind("\n"))
    if space >= end * 2 // 3:  # a word boundary not too far back: cut there
        head = head[:space]
    return head.rstrip() + ELLIPSIS


def tail(text: str, limit: int) -> str:
    """The end of plain ``text`` in at most ``limit`` units, after "…", starting at a line
    where one is near (for a traceback, whose last lines say the most).

    Text that fits is returned unchanged; a limit too small for anything gives "".
    """
    if units(text) <= limit:
        return text
    if limit < 2:
        return ""
    cut, room = len(text), limit - 1  # one unit for the ellipsis
    while cut > 0:
        width = 2 if ord(text[cut - 1]) > 0xFFFF else 1
        if width > room:
            break
        room -= width
        cut -= 1
    while cut < len(text) and (
        _belongs_to_previous(text[cut]) or text[cut - 1] == "\u200d" or _splits_flag(text, cut)
    ):
        cut += 1
    line = text.find("\n", cut, cut + (len(text) - cut) // 3)
    if line >= 0:  # a line break not too far in: start on the next line
        cut = line + 1
    return ELLIPSIS + text[cut:]


def label(text: str, limit: int = LABEL_LIMIT) -> str:
    """A button label (plain text, one line) of at most ``limit`` units."""
    return trim(" ".join(text.split()), limit)


def split(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Plain ``text`` in pieces of at most ``limit`` units that join back to exactly ``text``:
    cut after a line break or a space where one is near, never inside a character."""
    pieces = []
    while units(text) > limit:
        end = _prefix(text, limit) or 1
        head = text[:end]
        cut = max(head.rfind("\n"), head.rfind(" ")) + 1
        if cut == 0 or cut < end // 2:  # no break near the end: cut between characters
            cut = end
        pieces.append(text[:cut])
        text = text[cut:]
    if text:
        pieces.append(text)
    return pieces


def fit_value(build: Callable[[str], str], value: str, limit: int = MESSAGE_LIMIT) -> str:
    """``build(value)``, with ``value`` (plain user text the builder escapes) trimmed as much as
    needed for the HTML it makes to be within ``limit``."""
    built = build(value)
    over = html_units(built) - limit
    while over > 0 and value:
        value = trim(value, max(0, units(value) - over))
        built = build(value)
        over = html_units(built) - limit
    return built


def how_many_fit(
    blocks: Sequence[str], budget: int = MESSAGE_LIMIT, separator: str = "\n\n"
) -> int:
    """How many of the leading HTML ``blocks``, joined by ``separator``, fit in ``budget``
    units (at least one, so a page always moves on: the caller trims a lone oversized block)."""
    used = 0
    gap = units(separator)
    for count, block in enumerate(blocks):
        used += html_units(block) + (gap if count else 0)
        if used > budget:
            return max(count, 1)
    return len(blocks)


def share(budget: int, count: int, separator: str = "\n\n") -> int:
    """Each of ``count`` blocks' share of ``budget`` units, separators taken out first."""
    if count <= 0:
        return budget
    return (budget - units(separator) * (count - 1)) // count
