"""Residents: languages, age bands, and which side (adult or youth) a person takes part on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.config import YouthConfig

LANGUAGES = ("cy", "en")


class Side(StrEnum):
    """Which side of a forum a contribution counts on: adult forum or youth shadow forum."""

    ADULT = "adult"
    YOUTH = "youth"


@dataclass(frozen=True)
class AgeBand:
    """An age band offered at onboarding; ages are inclusive."""

    code: str
    low: int
    high: int


PREFER_NOT_TO_SAY = "prefer_not"
AGE_BANDS: tuple[AgeBand, ...] = (
    AgeBand("under_13", 0, 12),
    AgeBand("13_15", 13, 15),
    AgeBand("16_17", 16, 17),
    AgeBand("18_25", 18, 25),
    AgeBand("26_44", 26, 44),
    AgeBand("45_64", 45, 64),
    AgeBand("65_plus", 65, 130),
)
AGE_BAND_CODES = frozenset(b.code for b in AGE_BANDS) | {PREFER_NOT_TO_SAY}


def age_band(code: str) -> AgeBand | None:
    """The band with ``code``; None for "prefer not to say" or an unknown code."""
    return next((b for b in AGE_BANDS if b.code == code), None)


ADULT_AGE = 18


def side_for_band(code: str | None, youth: YouthConfig, chosen: Side | None = None) -> Side:
    """Youth when the whole band is at or under the youth forums' upper age bound, unless an
    adult in it (18–25) chose the adult side (``chosen``; see ``may_choose_side``).

    A person who prefers not to say their age takes part on the adult side.
    """
    band = age_band(code) if code else None
    if band is None or band.high > youth.max_age:
        return Side.ADULT
    if chosen is Side.ADULT and may_choose_side(code, youth):
        return Side.ADULT
    return Side.YOUTH


def may_choose_side(code: str | None, youth: YouthConfig) -> bool:
    """Whether people in this band choose their side: adults young enough for the youth
    forums (18–25 in Wales). Everyone younger is on the youth side, everyone older adult."""
    band = age_band(code) if code else None
    return band is not None and band.low >= ADULT_AGE and band.high <= youth.max_age


def is_minor(code: str | None) -> bool:
    """Under 18 (a youth convenor approves what they post, where the council asks for that)."""
    band = age_band(code) if code else None
    return band is not None and band.high < ADULT_AGE


def needs_consent_route(code: str, youth: YouthConfig) -> bool:
    """True when everyone in the band is under the digital age of consent."""
    band = age_band(code)
    return band is not None and band.high < youth.digital_consent_age


def normalise_language(code: str | None, default: str) -> str:
    """Map Telegram's ``language_code`` (e.g. "cy", "en-GB") onto cy/en, else ``default``."""
    base = (code or "").split("-")[0].lower()
    return base if base in LANGUAGES else default


@dataclass(frozen=True)
class Person:
    """Someone who gave consent; identified internally by ``id``, on Telegram by telegram_id."""

    id: int
    telegram_id: int
    display_name: str
    language: str
    age_band: str | None
    consent_at: datetime
    onboarded_at: datetime | None
    active: bool = True
    receive_prompts: bool = True
    blocked: bool = False
    side_choice: Side | None = None  # an 18–25's chosen side (None: the youth side)

    @property
    def onboarded(self) -> bool:
        """Whether the person finished onboarding (chose their forums)."""
        return self.onboarded_at is not None
