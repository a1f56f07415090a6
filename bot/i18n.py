"""Translations and locale-aware formatting (gettext catalogs under ``locales/``, Babel).

Handlers ask for a ``Translator`` in the person's language and write ``t._("Hello {name}",
name=...)``: placeholders are filled after translation and their values are HTML-escaped,
because every message is sent with parse mode HTML. Counts go through ``t.n_`` so Welsh gets
all six plural forms. Strings defined away from where they are shown are marked with ``N_``.

Where one English word does two jobs (the button "Adopted" and the digest's count "Adopted: 3",
which Welsh words differently), the message gets a context: ``t.p_("digest count", "Adopted")``
(gettext's ``pgettext``), marked away from its use with ``NC_``.
"""

from __future__ import annotations

import datetime as dt
import gettext
import html
from collections.abc import Mapping
from datetime import date, tzinfo
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime, format_time, format_timedelta
from babel.numbers import format_decimal, format_percent
from babel.support import Translations
from babel.units import format_unit

from bot.config import project_root

DOMAIN = "messages"
LANGUAGES = ("cy", "en")
# Babel locales used for dates and numbers: British English, not American.
_BABEL_LOCALES = {"cy": Locale("cy"), "en": Locale("en", "GB")}


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark ``message`` for extraction without translating it yet."""
    return message


def NC_(context: str, message: str) -> tuple[str, str]:  # noqa: N802 - glib's name for it
    """Mark ``message`` in ``context`` for extraction; translate it with ``t.p_(*marked)``."""
    return context, message


class Html(str):
    """Text that is already safe HTML and must not be escaped again."""

    __slots__ = ()


def escape(text: str) -> str:
    """Escape text for Telegram's HTML parse mode (``<``, ``>``, ``&``; quotes are fine)."""
    return html.escape(text, quote=False)


def locales_dir() -> Path:
    """Where the catalogs live: ``locales/`` in the project root (see ``project_root``)."""
    return project_root() / "locales"


class Translator:
    """Messages, numbers and dates in one language and timezone."""

    def __init__(self, language: str, catalog: gettext.NullTranslations, timezone: tzinfo) -> None:
        self.language = language
        self.locale = _BABEL_LOCALES[language]
        self._catalog = catalog
        self._timezone = timezone
        self._small_numbers = [format_decimal(n, locale=self.locale) for n in range(1000)]

    def _fill(self, text: str, values: Mapping[str, object]) -> str:
        return text.format(**{key: self._render(value) for key, value in values.items()})

    def _render(self, value: object) -> str:
        if isinstance(value, Html):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return self.number(value)
        return escape(str(value))

    def _(self, message: str, /, **values: object) -> str:
        """``message`` translated, with ``{placeholders}`` filled from ``values`` (escaped)."""
        text = self._catalog.gettext(message)
        return self._fill(text, values) if values else text

    def n_(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The plural form for ``count`` (six in Welsh); ``{count}`` is always available."""
        text = self._catalog.ngettext(singular, plural, count)
        return self._fill(text, {"count": count, **values})

    def p_(self, context: str, message: str, /, **values: object) -> str:
        """``message`` as meant in ``context`` (gettext's msgctxt), filled like ``_``."""
        text = self._catalog.pgettext(context, message)
        return self._fill(text, values) if values else text

    def np_(
        self, context: str, singular: str, plural: str, count: int, /, **values: object
    ) -> str:
        """``n_`` with a context (gettext's msgctxt)."""
        text = self._catalog.npgettext(context, singular, plural, count)
        return self._fill(text, {"count": count, **values})

    def number(self, value: int | float) -> str:
        """A number in this locale's style (grouping, decimal mark)."""
        if isinstance(value, int) and 0 <= value < len(self._small_numbers):
            return self._small_numbers[value]  # counts are small and frequent: Babel is not
        return format_decimal(value, locale=self.locale)

    def percent(self, share: float) -> str:
        """A share (0 … 1) as a whole percentage in this locale's style ("62%")."""
        return format_percent(share, locale=self.locale)

    def date(self, value: date | dt.datetime, style: str = "long") -> str:
        """A date in this locale ("23 Tachwedd 2026"); instants are shown in council time."""
        if isinstance(value, dt.datetime):
            value = value.astimezone(self._timezone).date()
        return format_date(value, format=style, locale=self.locale)

    def datetime(self, value: dt.datetime, style: str = "medium") -> str:
        """A date and time in council time, in this locale's style."""
        return format_datetime(value, format=style, tzinfo=self._timezone, locale=self.locale)

    def duration(self, days: int) -> str:
        """A length of time in plain words: "2 years", "3 mis", "100 days" (never rounded: a
        privacy notice must be exact, so a unit is used only when it divides the days)."""
        for size, unit in ((365, "year"), (30, "month"), (7, "week"), (1, "day")):
            if days % size == 0 and (unit != "month" or days < 365):
                return self._units(days // size, unit)
        raise AssertionError("unreachable: every whole number of days divides by 1")

    def _units(self, count: int, unit: str) -> str:
        words = format_unit(count, f"duration-{unit}", locale=self.locale)
        if "duration-" not in words:
            return words
        # Babel's Welsh data lacks some duration units; its timedelta words have them all.
        return format_timedelta(
            dt.timedelta(days=count * {"year": 365, "month": 30, "week": 7, "day": 1}[unit]),
            threshold=1 if unit != "day" else 10**6,
            granularity="day",
            locale=self.locale,
        )

    def month_year(self, value: dt.date) -> str:
        """ "Tachwedd 2026" / "November 2026" (the month standing alone, as in a heading)."""
        return format_date(value, format="LLLL yyyy", locale=self.locale)

    def time(self, value: dt.datetime) -> str:
        """A time of day (council time), 24-hour clock."""
        return format_time(value, format="HH:mm", tzinfo=self._timezone, locale=self.locale)

    def weekday(self, index: int, mid_sentence: bool = False) -> str:
        """The name of weekday ``index`` (0 = Monday): "Dydd Llun" / "Monday".

        Welsh writes "dydd Llun" in the middle of a sentence.
        """
        name = str(self.locale.days["format"]["wide"][index])
        if mid_sentence and self.language == "cy":
            return name[:1].lower() + name[1:]
        return name


class CatalogMissingError(FileNotFoundError):
    """A compiled catalog is missing (a broken install): say which, then stop."""


class I18n:
    """All catalogs, loaded once at start."""

    def __init__(self, timezone: tzinfo, directory: Path | None = None) -> None:
        directory = directory or locales_dir()
        self._translators: dict[str, Translator] = {}
        for language in LANGUAGES:
            mo = directory / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
            if not mo.is_file():
                raise CatalogMissingError(
                    f"compiled catalog {mo} is missing: run `pybabel compile -d locales`"
                )
            catalog = Translations.load(str(directory), locales=[language], domain=DOMAIN)
            self._translators[language] = Translator(language, catalog, timezone)

    def __call__(self, language: str) -> Translator:
        """The translator for ``language`` (cy or en)."""
        return self._translators[language]

    @property
    def translators(self) -> Mapping[str, Translator]:
        """Every language's translator, by code."""
        return self._translators


def unescape(text: str) -> str:
    """Translated text (HTML-escaped values) made plain, for button labels and notices."""
    return html.unescape(text)
