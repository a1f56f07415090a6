"""Configuration: TOML read once at start into frozen dataclasses, validated with clear errors.

A wrong or missing key stops start-up with one line naming the key and what it expects
(``ConfigError``), never a traceback. The bot token is never read from the file: it comes from
the environment (``CYDLAIS_BOT_TOKEN``).
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TOKEN_ENV = "CYDLAIS_BOT_TOKEN"
CONFIG_ENV = "CYDLAIS_CONFIG"
LANGUAGES = ("cy", "en")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WELLBEING_GOALS = (
    "prosperous",
    "resilient",
    "healthier",
    "more_equal",
    "cohesive_communities",
    "vibrant_culture_welsh_language",
    "globally_responsible",
)
_ID_PATTERN = re.compile(r"^[a-z0-9_]{1,24}$")


class ConfigError(Exception):
    """A configuration problem, phrased as one line a council's administrator can act on."""


@dataclass(frozen=True)
class CouncilConfig:
    """Who runs this instance and where."""

    name_cy: str
    name_en: str
    timezone: ZoneInfo
    default_language: str
    contact: str

    def name(self, language: str) -> str:
        """The council's name in ``language``."""
        return self.name_cy if language == "cy" else self.name_en


@dataclass(frozen=True)
class ForumConfig:
    """One themed forum; its youth shadow forum shares the theme and may have its own chat."""

    id: str
    name_cy: str
    name_en: str
    chat_id: int | None = None
    topic_id: int | None = None
    youth_chat_id: int | None = None
    youth_topic_id: int | None = None
    convenors: tuple[int, ...] = ()
    youth_convenors: tuple[int, ...] = ()
    wellbeing_goals: tuple[str, ...] = ()
    # One line on what belongs here ("Buses, paths, parking"), shown when people choose a forum.
    description_cy: str = ""
    description_en: str = ""
    # Archived in the chat: out of every menu, still in digests and exports for its periods.
    archived: bool = False

    def description(self, language: str) -> str:
        """The forum's one-line description in ``language`` ("" if the council gave none)."""
        return self.description_cy if language == "cy" else self.description_en

    def name(self, language: str) -> str:
        """The forum's name in ``language``."""
        return self.name_cy if language == "cy" else self.name_en


@dataclass(frozen=True)
class CommunityConfig:
    """A community or ward that proposals can be tagged with."""

    id: str
    name_cy: str
    name_en: str
    archived: bool = False  # archived in the chat: no longer offered, kept on old proposals

    def name(self, language: str) -> str:
        """The community's name in ``language``."""
        return self.name_cy if language == "cy" else self.name_en


@dataclass(frozen=True)
class YouthConfig:
    """Age bounds of the youth shadow forums and the digital age of consent."""

    min_age: int = 11
    max_age: int = 25
    digital_consent_age: int = 13
    # Who a young person can talk to about a worry (named in their privacy notice); "" for none.
    safeguarding_contact: str = ""


@dataclass(frozen=True)
class RolesConfig:
    """Telegram user ids granted a role by the council (convenors are listed per forum)."""

    admins: tuple[int, ...] = ()
    officers: tuple[int, ...] = ()


@dataclass(frozen=True)
class DigestConfig:
    """When the weekly community-strategy digest goes to officers (council time)."""

    weekday: int = 0
    time: time = field(default_factory=lambda: time(9, 0))


@dataclass(frozen=True)
class ProposalLimits:
    """Limits on proposal text and on how many one person may send a day."""

    min_length: int = 10
    max_length: int = 2000
    per_person_per_day: int = 5


@dataclass(frozen=True)
class PromptConfig:
    """Check-in behaviour: reminders, quiet hours, catch-up after downtime."""

    reminder_after_hours: int = 48
    quiet_start: time = field(default_factory=lambda: time(21, 0))
    quiet_end: time = field(default_factory=lambda: time(8, 0))
    quiet_hours_for_adults: bool = True
    missed_grace_hours: int = 12


@dataclass(frozen=True)
class SafetyConfig:
    """Moderation and flood control."""

    youth_posts_need_approval: bool = True
    flood_messages_per_minute: int = 20


@dataclass(frozen=True)
class RetentionConfig:
    """How long answers and inactive accounts are kept (days)."""

    answers_days: int = 730
    inactive_account_days: int = 1095


@dataclass(frozen=True)
class AccountabilityConfig:
    """The council's public promise: a first answer to every proposal within this many days
    (a status change past "open", or an officer's reply)."""

    answer_within_days: int = 28


@dataclass(frozen=True)
class TelegramConfig:
    """How to reach Telegram; the token itself comes from the environment."""

    base_url: str | None = None
    messages_per_second: float = 30.0
    group_messages_per_minute: float = 20.0
    # A chat that hears of unexpected errors (the people who run the bot); None: the log only.
    error_chat_id: int | None = None


@dataclass(frozen=True)
class PlaceSetting:
    """A forum or community as an admin set it in the chat (``/settings``): it wins over the
    config file, which is the starting point. ``goals`` None: as the file says (forums only)."""

    id: str
    name_cy: str
    name_en: str
    archived: bool = False
    goals: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ChatSettings:
    """Everything an admin changed in the chat: forums and communities (changed or added), and
    the digest's day and time, the answer promise and the quiet hours (None: as the file says)."""

    forums: tuple[PlaceSetting, ...] = ()
    communities: tuple[PlaceSetting, ...] = ()
    digest_weekday: int | None = None
    digest_time: time | None = None
    answer_within_days: int | None = None
    quiet_start: time | None = None
    quiet_end: time | None = None


@dataclass(frozen=True)
class Config:
    """Everything the bot reads from its TOML file."""

    council: CouncilConfig
    forums: tuple[ForumConfig, ...]
    communities: tuple[CommunityConfig, ...]
    youth: YouthConfig
    roles: RolesConfig
    digest: DigestConfig
    proposals: ProposalLimits
    prompts: PromptConfig
    safety: SafetyConfig
    retention: RetentionConfig
    telegram: TelegramConfig
    database_path: Path
    accountability: AccountabilityConfig = field(default_factory=AccountabilityConfig)
    source: Path | None = None

    def forum(self, forum_id: str) -> ForumConfig | None:
        """The configured forum with ``forum_id``, if any (archived ones too)."""
        return next((f for f in self.forums if f.id == forum_id), None)

    @property
    def open_forums(self) -> tuple[ForumConfig, ...]:
        """The forums people can choose now (not archived): for every menu."""
        return tuple(f for f in self.forums if not f.archived)

    @property
    def open_communities(self) -> tuple[CommunityConfig, ...]:
        """The communities people can choose now (not archived)."""
        return tuple(c for c in self.communities if not c.archived)

    def with_settings(self, settings: ChatSettings) -> Config:
        """This config with what admins changed in the chat: the database wins over the file
        for every forum, community and setting it has a value for; forums and communities
        added in the chat come after the file's, in the order they were added."""
        forums = _merge(self.forums, settings.forums, _forum_from)
        communities = _merge(self.communities, settings.communities, _community_from)
        digest = DigestConfig(
            settings.digest_weekday
            if settings.digest_weekday is not None
            else self.digest.weekday,
            settings.digest_time or self.digest.time,
        )
        promise = settings.answer_within_days or self.accountability.answer_within_days
        prompts = dataclasses.replace(
            self.prompts,
            quiet_start=settings.quiet_start or self.prompts.quiet_start,
            quiet_end=settings.quiet_end or self.prompts.quiet_end,
        )
        return dataclasses.replace(
            self, forums=forums, communities=communities, digest=digest, prompts=prompts,
            accountability=AccountabilityConfig(promise),
        )  # fmt: skip

    def with_links(self, links: Mapping[tuple[str, str], tuple[int | None, int | None]]) -> Config:
        """This config with the groups linked in the chat (``/link``, ``/unlink``): the
        database wins over the file for every forum side it has a row for (``None``: unlinked).
        """
        forums = []
        for forum in self.forums:
            if (forum.id, "adult") in links:
                chat, topic = links[(forum.id, "adult")]
                forum = dataclasses.replace(forum, chat_id=chat, topic_id=topic)
            if (forum.id, "youth") in links:
                chat, topic = links[(forum.id, "youth")]
                forum = dataclasses.replace(forum, youth_chat_id=chat, youth_topic_id=topic)
            forums.append(forum)
        return dataclasses.replace(self, forums=tuple(forums))

    def forum_for_chat(
        self, chat_id: int, thread_id: int | None
    ) -> tuple[ForumConfig, str] | None:
        """The forum (and side, "adult" or "youth") whose group or topic this is, if any.

        A forum with a topic_id only matches messages in that topic; one without matches the
        whole group.
        """
        for forum in self.forums:
            for side, chat, topic in (
                ("adult", forum.chat_id, forum.topic_id),
                ("youth", forum.youth_chat_id, forum.youth_topic_id),
            ):
                if chat == chat_id and (topic is None or topic == thread_id):
                    return forum, side
        return None


def default_config_path() -> Path:
    """``$CYDLAIS_CONFIG`` if set, else ``./config.toml``."""
    return Path(os.environ.get(CONFIG_ENV, "config.toml"))


def project_root() -> Path:
    """Where ``locales/`` and ``config.example.toml`` live.

    ``$CYDLAIS_HOME`` if set; else the checkout (an editable install, or running from the
    source tree); else ``<prefix>/share/cydlais``, where a plain ``pip install .`` puts them
    (pyproject's data-files).
    """
    override = os.environ.get("CYDLAIS_HOME")
    if override:
        return Path(override)
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "locales").is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "cydlais"


def example_config_path() -> Path:
    """The documented example config shipped at the top of the project (the demo uses it)."""
    return project_root() / "config.example.toml"


def bot_token() -> str | None:
    """The Telegram bot token from the environment, or None when unset."""
    token = os.environ.get(TOKEN_ENV, "").strip()
    return token or None


def load_config(path: Path) -> Config:
    """Read and validate the TOML file at ``path``; raise ConfigError with one clear line."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"config file {path} not found (copy config.example.toml to config.toml, "
            f"or pass --config PATH)"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    config = parse_config(raw, base_dir=path.resolve().parent)
    return Config(**{**config.__dict__, "source": path})


def parse_config(raw: dict[str, Any], base_dir: Path) -> Config:
    """Build a Config from parsed TOML; relative paths are resolved against ``base_dir``."""
    root = _Section(raw, "")
    forums = tuple(_forum(s) for s in root.tables("forums"))
    if not forums:
        raise ConfigError("forums: expected at least one [[forums]] table")
    _check_unique([f.id for f in forums], "forums", "id")
    communities = tuple(_community(s) for s in root.tables("communities", required=False))
    _check_unique([c.id for c in communities], "communities", "id")
    database = root.table("database")
    db_path = Path(database.string("path"))
    config = Config(
        council=_council(root.table("council")),
        forums=forums,
        communities=communities,
        youth=_youth(root.table("youth", required=False)),
        roles=_roles(root.table("roles", required=False)),
        digest=_digest(root.table("digest", required=False)),
        proposals=_proposals(root.table("proposals", required=False)),
        prompts=_prompts(root.table("prompts", required=False)),
        safety=_safety(root.table("safety", required=False)),
        retention=_retention(root.table("retention", required=False)),
        telegram=_telegram(root.table("telegram", required=False)),
        accountability=_accountability(root.table("accountability", required=False)),
        database_path=db_path if db_path.is_absolute() else base_dir / db_path,
    )
    root.refuse_unknown_keys()
    return config


def _council(s: _Section) -> CouncilConfig:
    tz_name = s.string("timezone", default="Europe/London")
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{s.key('timezone')}: expected an IANA timezone such as Europe/London, "
            f"got {tz_name!r}"
        ) from None
    return CouncilConfig(
        name_cy=s.string("name_cy"),
        name_en=s.string("name_en"),
        timezone=tz,
        default_language=s.choice("default_language", LANGUAGES, default="cy"),
        contact=s.string("contact", default=""),
    )


def _forum(s: _Section) -> ForumConfig:
    goals = s.strings("wellbeing_goals")
    for goal in goals:
        if goal not in WELLBEING_GOALS:
            raise ConfigError(
                f"{s.key('wellbeing_goals')}: expected goals from {', '.join(WELLBEING_GOALS)}, "
                f"got {goal!r}"
            )
    return ForumConfig(
        id=s.identifier("id"),
        name_cy=s.string("name_cy"),
        name_en=s.string("name_en"),
        chat_id=s.optional_int("chat_id"),
        topic_id=s.optional_int("topic_id"),
        youth_chat_id=s.optional_int("youth_chat_id"),
        youth_topic_id=s.optional_int("youth_topic_id"),
        convenors=s.ints("convenors"),
        youth_convenors=s.ints("youth_convenors"),
        wellbeing_goals=goals,
        description_cy=s.short_string("description_cy", DESCRIPTION_MAX),
        description_en=s.short_string("description_en", DESCRIPTION_MAX),
    )


def _community(s: _Section) -> CommunityConfig:
    return CommunityConfig(
        id=s.identifier("id"), name_cy=s.string("name_cy"), name_en=s.string("name_en")
    )


def _youth(s: _Section) -> YouthConfig:
    youth = YouthConfig(
        min_age=s.integer("min_age", default=11, low=5, high=30),
        max_age=s.integer("max_age", default=25, low=10, high=30),
        digital_consent_age=s.integer("digital_consent_age", default=13, low=10, high=18),
        safeguarding_contact=s.string("safeguarding_contact", default=""),
    )
    if youth.min_age >= youth.max_age:
        raise ConfigError(f"{s.key('max_age')}: expected a number greater than youth.min_age")
    return youth


def _roles(s: _Section) -> RolesConfig:
    return RolesConfig(admins=s.ints("admins"), officers=s.ints("officers"))


def _digest(s: _Section) -> DigestConfig:
    weekday = s.choice("weekday", WEEKDAYS, default="monday")
    return DigestConfig(weekday=WEEKDAYS.index(weekday), time=s.clock_time("time", "09:00"))


def _proposals(s: _Section) -> ProposalLimits:
    limits = ProposalLimits(
        min_length=s.integer("min_length", default=10, low=1, high=1000),
        max_length=s.integer("max_length", default=2000, low=20, high=3500),
        per_person_per_day=s.integer("per_person_per_day", default=5, low=1, high=1000),
    )
    if limits.min_length >= limits.max_length:
        raise ConfigError(f"{s.key('max_length')}: expected a number greater than min_length")
    return limits


def _prompts(s: _Section) -> PromptConfig:
    return PromptConfig(
        reminder_after_hours=s.integer("reminder_after_hours", default=48, low=1, high=24 * 14),
        quiet_start=s.clock_time("quiet_start", "21:00"),
        quiet_end=s.clock_time("quiet_end", "08:00"),
        quiet_hours_for_adults=s.boolean("quiet_hours_for_adults", default=True),
        missed_grace_hours=s.integer("missed_grace_hours", default=12, low=0, high=24 * 7),
    )


def _safety(s: _Section) -> SafetyConfig:
    return SafetyConfig(
        youth_posts_need_approval=s.boolean("youth_posts_need_approval", default=True),
        flood_messages_per_minute=s.integer(
            "flood_messages_per_minute", default=20, low=1, high=1000
        ),
    )


def _accountability(s: _Section) -> AccountabilityConfig:
    return AccountabilityConfig(
        answer_within_days=s.integer("answer_within_days", default=28, low=1, high=365)
    )


def _retention(s: _Section) -> RetentionConfig:
    return RetentionConfig(
        answers_days=s.integer("answers_days", default=730, low=1, high=36500),
        inactive_account_days=s.integer("inactive_account_days", default=1095, low=1, high=36500),
    )


def _telegram(s: _Section) -> TelegramConfig:
    base_url = s.string("base_url", default="") or None
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"{s.key('base_url')}: expected an http:// or https:// URL")
    return TelegramConfig(
        base_url=base_url,
        messages_per_second=float(s.integer("messages_per_second", default=30, low=1, high=30)),
        group_messages_per_minute=float(
            s.integer("group_messages_per_minute", default=20, low=1, high=100_000)
        ),
        error_chat_id=_error_chat_id(s),
    )


def _error_chat_id(s: _Section) -> int | None:
    chat_id = s.optional_int("error_chat_id")
    if chat_id == 0:
        raise ConfigError(
            f"{s.key('error_chat_id')}: expected a Telegram chat id (a group's is negative), "
            "not 0; leave it out to report errors to the log only"
        )
    return chat_id


def _check_unique(ids: list[str], table: str, key: str) -> None:
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            raise ConfigError(f"{table}[{index}].{key}: {value!r} is used twice; ids must differ")
        seen.add(value)


_MISSING = object()
DESCRIPTION_MAX = 120  # a forum's one-line description

# Keys people put in the file that belong elsewhere, with where they go instead.
_TOKEN_HINT = f"the bot token is read from the environment variable {TOKEN_ENV}, never the file"
_NOT_IN_FILE = {"token": _TOKEN_HINT, "bot_token": _TOKEN_HINT}


class _Section:
    """A TOML table with typed getters whose errors name the full key path."""

    def __init__(
        self, data: dict[str, Any], path: str, opened: list[_Section] | None = None
    ) -> None:
        self._data = data
        self._path = path
        self._read: set[str] = set()
        # Every section opened while parsing one file, so that keys nobody read can be refused.
        self._opened = opened if opened is not None else []
        self._opened.append(self)

    def refuse_unknown_keys(self) -> None:
        """Raise for the first key, in any section opened so far, that no getter asked for.

        A misspelt key (``wekday``) would otherwise be silently ignored and its default used.
        """
        for section in self._opened:
            for name in section._data:
                if name not in section._read:
                    raise ConfigError(section._unknown(name))

    def _unknown(self, name: str) -> str:
        close = difflib.get_close_matches(name, sorted(self._read), n=1, cutoff=0.6)
        hint = f"; did you mean {self.key(close[0])}?" if close else ""
        if not self._path and name in _NOT_IN_FILE:
            hint = f"; {_NOT_IN_FILE[name]}"
        return f"{self.key(name)}: unknown key{hint}"

    def key(self, name: str) -> str:
        return f"{self._path}.{name}" if self._path else name

    def _get(self, name: str, default: Any) -> Any:
        self._read.add(name)
        value = self._data.get(name, _MISSING)
        if value is _MISSING:
            if default is _MISSING:
                raise ConfigError(f"{self.key(name)}: missing; this key is required")
            return default
        return value

    def table(self, name: str, required: bool = True) -> _Section:
        value = self._get(name, _MISSING if required else {})
        if not isinstance(value, dict):
            raise ConfigError(f"{self.key(name)}: expected a table [{self.key(name)}]")
        return _Section(value, self.key(name), self._opened)

    def tables(self, name: str, required: bool = True) -> list[_Section]:
        value = self._get(name, _MISSING if required else [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise ConfigError(f"{self.key(name)}: expected tables written [[{self.key(name)}]]")
        return [_Section(v, f"{self.key(name)}[{i}]", self._opened) for i, v in enumerate(value)]

    def string(self, name: str, default: Any = _MISSING) -> str:
        value = self._get(name, default)
        if not isinstance(value, str) or (default is _MISSING and not value.strip()):
            raise ConfigError(f"{self.key(name)}: expected a non-empty string")
        return value.strip()

    def short_string(self, name: str, limit: int) -> str:
        """An optional one-line string of at most ``limit`` characters ("" if absent)."""
        value = self.string(name, default="")
        if len(value) > limit or "\n" in value:
            raise ConfigError(f"{self.key(name)}: expected one line of at most {limit} characters")
        return value

    def identifier(self, name: str) -> str:
        value = self.string(name)
        if not _ID_PATTERN.match(value):
            raise ConfigError(
                f"{self.key(name)}: expected 1-24 characters of a-z, 0-9 and _, got {value!r}"
            )
        return value

    def choice(self, name: str, options: tuple[str, ...], default: Any = _MISSING) -> str:
        value = self._get(name, default)
        if value not in options:
            raise ConfigError(f"{self.key(name)}: expected one of {', '.join(options)}")
        return str(value)

    def integer(self, name: str, default: Any = _MISSING, low: int = 0, high: int = 10**9) -> int:
        value = self._get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ConfigError(f"{self.key(name)}: expected a whole number from {low} to {high}")
        return value

    def optional_int(self, name: str) -> int | None:
        value = self._get(name, None)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{self.key(name)}: expected a whole number (a Telegram id)")
        return value

    def ints(self, name: str) -> tuple[int, ...]:
        value = self._get(name, [])
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            raise ConfigError(f"{self.key(name)}: expected a list of Telegram user ids (numbers)")
        return tuple(value)

    def strings(self, name: str) -> tuple[str, ...]:
        value = self._get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{self.key(name)}: expected a list of strings")
        return tuple(value)

    def boolean(self, name: str, default: Any = _MISSING) -> bool:
        value = self._get(name, default)
        if not isinstance(value, bool):
            raise ConfigError(f"{self.key(name)}: expected true or false")
        return value

    def clock_time(self, name: str, default: str) -> time:
        value = self._get(name, default)
        match = re.fullmatch(
            r"([01]?\d|2[0-3]):([0-5]\d)", value if isinstance(value, str) else ""
        )
        if not match:
            raise ConfigError(f'{self.key(name)}: expected a 24-hour time such as "09:00"')
        return time(int(match[1]), int(match[2]))


def _forum_from(setting: PlaceSetting, base: ForumConfig | None) -> ForumConfig:
    forum = base or ForumConfig(setting.id, setting.name_cy, setting.name_en)
    goals = setting.goals if setting.goals is not None else forum.wellbeing_goals
    return dataclasses.replace(
        forum, name_cy=setting.name_cy, name_en=setting.name_en, archived=setting.archived,
        wellbeing_goals=goals,
    )  # fmt: skip


def _community_from(setting: PlaceSetting, base: CommunityConfig | None) -> CommunityConfig:
    community = base or CommunityConfig(setting.id, setting.name_cy, setting.name_en)
    return dataclasses.replace(
        community, name_cy=setting.name_cy, name_en=setting.name_en, archived=setting.archived
    )


Place = TypeVar("Place", ForumConfig, CommunityConfig)


def _merge(
    from_file: tuple[Place, ...],
    from_chat: tuple[PlaceSetting, ...],
    build: Callable[[PlaceSetting, Place | None], Place],
) -> tuple[Place, ...]:
    """The file's places with the chat's changes, then the places added in the chat."""
    changed = {s.id: s for s in from_chat}
    known = {p.id for p in from_file}
    merged = [build(changed[p.id], p) if p.id in changed else p for p in from_file]
    merged += [build(s, None) for s in from_chat if s.id not in known]
    return tuple(merged)
