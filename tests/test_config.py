"""Config: the example loads; mistakes stop start-up with one clear line naming the key."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.config import ConfigError, example_config_path, load_config, parse_config


def _example() -> dict[str, Any]:
    return tomllib.loads(example_config_path().read_text(encoding="utf-8"))


def test_example_config_loads_with_six_forums() -> None:
    config = load_config(example_config_path())
    assert [f.id for f in config.forums] == [
        "environment",
        "health",
        "transport",
        "young_people",
        "heritage",
        "safety",
    ]
    assert config.council.timezone.key == "Europe/London"
    assert config.digest.weekday == 0 and config.digest.time.hour == 9
    assert config.database_path.is_absolute()


def test_error_chat_is_optional() -> None:
    assert load_config(example_config_path()).telegram.error_chat_id is None
    raw = _example()
    raw["telegram"]["error_chat_id"] = -1001234567890
    assert parse_config(raw, Path()).telegram.error_chat_id == -1001234567890


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c["council"].pop("name_cy"), "council.name_cy: missing"),
        (
            lambda c: c["council"].update(timezone="Mars/Olympus"),
            "council.timezone: expected an IANA",
        ),
        (
            lambda c: c["council"].update(default_language="fr"),
            "council.default_language: expected one of cy, en",
        ),
        (lambda c: c["forums"][1].update(id="Bad Id"), "forums[1].id: expected 1-24 characters"),
        (
            lambda c: c["forums"][2].update(convenors=["bob"]),
            "forums[2].convenors: expected a list of Telegram user ids",
        ),
        (
            lambda c: c["forums"][0].update(wellbeing_goals=["happy"]),
            "forums[0].wellbeing_goals: expected goals",
        ),
        (
            lambda c: c["forums"].append(dict(c["forums"][0])),
            "forums[6].id: 'environment' is used twice",
        ),
        (lambda c: c.update(forums=[]), "forums: expected at least one"),
        (
            lambda c: c["digest"].update(time="9am"),
            'digest.time: expected a 24-hour time such as "09:00"',
        ),
        (lambda c: c["digest"].update(weekday="funday"), "digest.weekday: expected one of monday"),
        (
            lambda c: c["youth"].update(max_age=5),
            "youth.max_age: expected a whole number from 10 to 30",
        ),
        (
            lambda c: c["proposals"].update(min_length=5000),
            "proposals.min_length: expected a whole number",
        ),
        (
            lambda c: c["telegram"].update(base_url="localhost"),
            "telegram.base_url: expected an http",
        ),
        (
            lambda c: c["telegram"].update(error_chat_id="ops"),
            "telegram.error_chat_id: expected a whole number",
        ),
        (
            lambda c: c["telegram"].update(error_chat_id=0),
            "telegram.error_chat_id: expected a Telegram chat id",
        ),
        (lambda c: c.pop("database"), "database: missing"),
        (lambda c: c["roles"].update(officers=1002), "roles.officers: expected a list"),
    ],
)
def test_mistakes_name_the_key(change: Any, expected: str) -> None:
    raw = _example()
    change(raw)
    with pytest.raises(ConfigError) as error:
        parse_config(raw, Path())
    assert str(error.value).startswith(expected)
    assert "\n" not in str(error.value)


def test_cli_reports_config_errors_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "config.toml"
    bad.write_text(
        example_config_path().read_text().replace('timezone = "Europe/London"', "timezone = 5")
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--config", str(bad), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "cydlais: config error: council.timezone: expected a non-empty string"
    )


def test_cli_run_without_token_says_what_to_do(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--config", str(example_config_path())],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "CYDLAIS_BOT_TOKEN is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")


TOKEN_HINT = "the bot token is read from the environment variable CYDLAIS_BOT_TOKEN"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda c: c["digest"].update(wekday="monday"),
            "digest.wekday: unknown key; did you mean digest.weekday?",
        ),
        (
            lambda c: c["forums"][0].update(convenor=[1]),
            "forums[0].convenor: unknown key; did you mean forums[0].convenors?",
        ),
        (lambda c: c.update(token="123:abc"), f"token: unknown key; {TOKEN_HINT}"),
        (lambda c: c.update(digests={}), "digests: unknown key; did you mean digest?"),
        (lambda c: c.update(colour="blue"), "colour: unknown key"),
    ],
)
def test_unknown_keys_are_refused_with_the_nearest_valid_one(change: Any, expected: str) -> None:
    """A misspelt key would otherwise be ignored silently and its default used instead."""
    raw = _example()
    change(raw)
    with pytest.raises(ConfigError) as error:
        parse_config(raw, base_dir=Path())
    assert str(error.value).startswith(expected)


def test_a_forum_description_is_one_short_line() -> None:
    raw = _example()
    raw["forums"][0]["description_en"] = "x" * 121
    with pytest.raises(ConfigError) as error:
        parse_config(raw, base_dir=Path())
    assert str(error.value).startswith("forums[0].description_en: expected one line")
