"""Typed callback data: one small frozen class per kind of button.

A button's data is its prefix and its fields, joined with ``:``; every field is parsed back by
its type, so a handler receives a checked object or nothing at all::

    @dataclass(frozen=True)
    class Support(CallbackData, prefix="ps"):
        proposal_id: int
        adding: bool

    Support(42, True).pack()        # "ps:42:1"
    Support.unpack("ps:42:1")       # Support(proposal_id=42, adding=True)
    Support.unpack("ps:²:1")        # None: a stale or forged button
    Support.pattern()               # the regex CallbackQueryHandler matches on

Several kinds of button may share a prefix when each but one names a fixed ``tag`` that
follows it: buttons of older versions used one prefix for a few differently shaped actions
("st:1:open:adopted" and "st:nonote"), and those in people's chats must keep working::

    @dataclass(frozen=True)
    class WithoutNote(CallbackData, prefix="st", tag="nonote"):
        pass

    WithoutNote().pack()            # "st:nonote"

Buttons must keep working after a restart, so the data is self-contained text (PTB's
``arbitrary_callback_data`` keeps objects in memory and would lose them). Field types: ``int``
(ASCII digits, at most 18 of them: SQLite's integers are 64-bit), ``bool``, ``str`` (no ``:``),
``StrEnum`` subclasses, and any of these ``| None`` (packed as an empty part; trailing ones that
are None are left off, and read back as None when missing).
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from enum import StrEnum
from typing import Any, ClassVar, Self

MAX_BYTES = 64  # Telegram's limit on callback data
SEPARATOR = ":"
_ID = re.compile(r"[0-9]{1,18}")
_PREFIX = re.compile(r"[a-z][a-z0-9_.]{0,7}")


def parse_id(text: str | None) -> int | None:
    """A database id or a page number; None for anything else.

    ``str.isdigit`` would accept "²" and "٣", which ``int`` refuses, and a 20-digit number
    would overflow SQLite: both came in as forged buttons.
    """
    if text is None or _ID.fullmatch(text) is None:
        return None
    return int(text)


class CallbackData:
    """Base class of every button's data; subclasses are frozen dataclasses with a prefix."""

    prefix: ClassVar[str]
    tag: ClassVar[str]  # "" for none
    _registry: ClassVar[dict[str, type[CallbackData]]] = {}
    _fields: ClassVar[tuple[tuple[str, Any, bool], ...]]  # (name, type, optional)

    def __init_subclass__(cls, prefix: str = "", tag: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not _PREFIX.fullmatch(prefix):
            raise TypeError(f"{cls.__name__}: prefix {prefix!r} must be short lower-case ASCII")
        if tag and not _PREFIX.fullmatch(tag):
            raise TypeError(f"{cls.__name__}: tag {tag!r} must be short lower-case ASCII")
        key = SEPARATOR.join(filter(None, (prefix, tag)))
        if key in CallbackData._registry:
            taken = CallbackData._registry[key].__name__
            raise TypeError(f"{cls.__name__}: prefix {key!r} is taken by {taken}")
        CallbackData._registry[key] = cls
        cls.prefix = prefix
        cls.tag = tag

    @classmethod
    def _head(cls) -> list[str]:
        """What every button of this kind starts with: the prefix, and the tag if any."""
        return [cls.prefix, cls.tag] if cls.tag else [cls.prefix]

    @classmethod
    def _field_types(cls) -> tuple[tuple[str, Any, bool], ...]:
        """The dataclass fields with their resolved types (worked out once per class)."""
        if "_fields" not in cls.__dict__:
            hints = typing.get_type_hints(cls)
            resolved = []
            for field in dataclasses.fields(cls):  # type: ignore[arg-type]
                kind, optional = _unwrap_optional(hints[field.name])
                if kind not in (int, bool, str) and not _is_str_enum(kind):
                    raise TypeError(f"{cls.__name__}.{field.name}: unsupported type {kind}")
                resolved.append((field.name, kind, optional))
            cls._fields = tuple(resolved)
        return cls._fields

    def pack(self) -> str:
        """The data to put on a button; refuses what Telegram would reject."""
        parts = self._head()
        values = [_pack_value(getattr(self, name)) for name, _, _ in self._field_types()]
        while values and values[-1] == "":  # trailing optional fields left off ("ob:lang:cy")
            values.pop()
        text = SEPARATOR.join(parts + values)
        if len(text.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {text!r}")
        return text

    @classmethod
    def unpack(cls, data: str | None) -> Self | None:
        """The button's data as this type, or None if it is not exactly one of these."""
        if not data:
            return None
        parts = data.split(SEPARATOR)
        head = cls._head()
        fields = cls._field_types()
        missing = len(head) + len(fields) - len(parts)
        if missing > 0 and all(optional for _, _, optional in fields[len(fields) - missing :]):
            parts += [""] * missing  # trailing optional fields left off read as None
        if parts[: len(head)] != head or len(parts) != len(head) + len(fields):
            return None
        values: dict[str, Any] = {}
        for (name, kind, optional), text in zip(fields, parts[len(head) :], strict=True):
            if text == "" and optional:
                values[name] = None
                continue
            value = _unpack_value(kind, text)
            if value is None:
                return None
            values[name] = value
        return cls(**values)

    @classmethod
    def pattern(cls) -> str:
        """The regex a ``CallbackQueryHandler`` uses to send these buttons to their handler.

        The kind without a tag leaves its prefix's tagged kinds to their own handlers.
        """
        head = re.escape(SEPARATOR.join(cls._head()))
        tags = [
            re.escape(kind.tag)
            for kind in CallbackData._registry.values()
            if kind.prefix == cls.prefix and kind.tag
        ]
        if cls.tag or not tags:
            return rf"^{head}(?:{SEPARATOR}|$)"
        return rf"^{head}(?:{SEPARATOR}(?!(?:{'|'.join(tags)})(?:{SEPARATOR}|$))|$)"


def _pack_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, StrEnum):
        return value.value
    text = str(value)
    if SEPARATOR in text or not text:
        raise ValueError(f"callback value {text!r} is empty or holds {SEPARATOR!r}")
    return text


def _unpack_value(kind: Any, text: str) -> object | None:
    if kind is int:
        return parse_id(text)
    if kind is bool:
        return {"1": True, "0": False}.get(text)
    if kind is str:
        return text or None
    try:
        return kind(text)
    except ValueError:
        return None


def _unwrap_optional(hint: Any) -> tuple[Any, bool]:
    """``X | None`` → (X, True); ``X`` → (X, False)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        members = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(members) == 1:
            return members[0], True
    return hint, False


def _is_str_enum(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, StrEnum)


def registered() -> dict[str, type[CallbackData]]:
    """Every kind of button by prefix, or by ``prefix:tag`` for a tagged kind (for a test that
    each has a handler)."""
    return dict(CallbackData._registry)
