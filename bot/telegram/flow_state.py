"""Typed state for multi-step flows (writing a proposal, a status note, a prompt…).

Each flow declares a frozen dataclass with a ``step`` enum and the fields it collects::

    class Step(StrEnum):
        FORUM = "forum"
        TEXT = "text"

    @dataclass(frozen=True)
    class Draft(FlowState, flow="propose"):
        step: Step
        forum_id: str | None = None

The state is kept in the database as JSON (``conversations``), so a restart in the middle
of a flow loses nothing. Reading it back checks every field against its type: a state that
does not fit (an older version's, or damaged) reads as no state at all, never as a crash.
Field types: ``int``, ``bool``, ``str``, ``StrEnum`` subclasses, ``tuple[str, ...]``,
``tuple[int, ...]`` and any of these ``| None``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import StrEnum
from typing import Any, ClassVar, Self


class FlowState:
    """Base class of every flow's state; subclasses are frozen dataclasses with a flow name."""

    flow: ClassVar[str]
    _registry: ClassVar[dict[str, type[FlowState]]] = {}

    def __init_subclass__(cls, flow: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not flow:
            raise TypeError(
                f"{cls.__name__} needs a flow name: class {cls.__name__}(FlowState, flow=…)"
            )
        if flow in FlowState._registry:
            raise TypeError(f"flow {flow!r} is declared twice")
        FlowState._registry[flow] = cls
        cls.flow = flow

    def to_json(self) -> dict[str, Any]:
        """The state as JSON-ready values (enums as their values, tuples as lists)."""
        values: dict[str, Any] = {}
        for field in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, field.name)
            if isinstance(value, StrEnum):
                value = value.value
            elif isinstance(value, tuple):
                value = list(value)
            values[field.name] = value
        return values

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self | None:
        """The state stored by ``to_json``, or None if it does not fit this flow any more."""
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        for field in dataclasses.fields(cls):  # type: ignore[arg-type]
            if field.name not in data:
                if field.default is dataclasses.MISSING:
                    return None
                continue
            ok, value = _read(hints[field.name], data[field.name])
            if not ok:
                return None
            values[field.name] = value
        return cls(**values)

    @classmethod
    def of(cls, stored: tuple[str, dict[str, Any]] | None) -> Self | None:
        """This flow's state from what ``store.conversations.get`` returned; None when the
        person is in no flow, in another one, or in one whose state no longer fits."""
        if stored is None or stored[0] != cls.flow:
            return None
        return cls.from_json(stored[1])

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` (the state is immutable; each step makes the next one)."""
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]


def declared() -> dict[str, type[FlowState]]:
    """Every flow's state class by flow name."""
    return dict(FlowState._registry)


def _read(hint: Any, value: Any) -> tuple[bool, Any]:
    """(True, the value as ``hint``) or (False, None) when it does not fit."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        if value is None and type(None) in typing.get_args(hint):
            return True, None
        for member in typing.get_args(hint):
            if member is not type(None):
                ok, read = _read(member, value)
                if ok:
                    return True, read
        return False, None
    if hint is bool:
        return isinstance(value, bool), value
    if hint is int:
        return _is_int(value), value
    if hint is str:
        return isinstance(value, str), value
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        if item not in (int, str):
            raise TypeError(f"unsupported flow state type {hint}")
        fits = _is_int if item is int else (lambda v: isinstance(v, str))
        ok = isinstance(value, list) and all(fits(v) for v in value)
        return ok, tuple(value) if ok else None
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        try:
            return True, hint(value)
        except ValueError:
            return False, None
    raise TypeError(f"unsupported flow state type {hint}")


def _is_int(value: Any) -> bool:
    """JSON's integers (``True`` is an ``int`` to Python, but not one to us)."""
    return isinstance(value, int) and not isinstance(value, bool)
