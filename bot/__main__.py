"""The ``cydlais`` command: run the bot, play the demo, and (later) offline tools.

With no subcommand it runs the bot when CYDLAIS_BOT_TOKEN is set, and the demo otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bot.config import (
    TOKEN_ENV,
    Config,
    ConfigError,
    bot_token,
    default_config_path,
    example_config_path,
    load_config,
)
from bot.i18n import CatalogMissingError
from bot.store import DatabaseUnavailableError
from bot.telegram.app import build_application

logger = logging.getLogger("bot")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cydlais", description="Cydlais: a bilingual co-production forum bot."
    )
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="run the bot against Telegram (long polling)")
    demo = commands.add_parser("demo", help="play a scripted session offline and print it")
    demo.add_argument(
        "--out", type=Path, default=Path("demo-output"), help="folder for the transcript and files"
    )
    digest = commands.add_parser(
        "digest", help="write the community-strategy digest for a period to a file"
    )
    digest.add_argument(
        "--from",
        dest="first",
        type=date.fromisoformat,
        required=True,
        help="first day, YYYY-MM-DD (council time)",
    )
    digest.add_argument(
        "--to",
        dest="last",
        type=date.fromisoformat,
        required=True,
        help="last day, YYYY-MM-DD (inclusive)",
    )
    digest.add_argument("--format", choices=("text", "csv", "html", "png"), default="text")
    digest.add_argument(
        "--language",
        choices=("cy", "en"),
        default=None,
        help="language of the frame (default: the council's)",
    )
    digest.add_argument("--out", type=Path, required=True, help="file to write")
    export = commands.add_parser("export", help="write the open data (CSV, JSON, README)")
    export.add_argument("--out", type=Path, required=True, help="folder to write into")
    site_command = commands.add_parser(
        "site", help="write the public site: every proposal and the council's answers"
    )
    site_command.add_argument("--out", type=Path, required=True, help="folder to write into")
    backup = commands.add_parser("backup", help="copy the live database safely (bot may run)")
    backup.add_argument("--out", type=Path, required=True, help="the backup file to write")
    doctor = commands.add_parser("doctor", help="check the setup and say what to fix")
    doctor.add_argument(
        "--language", choices=("cy", "en"), default=None, help="default: the council's language"
    )
    for sub in (run, demo, digest, export, site_command, backup, doctor):
        sub.add_argument(
            "--config",
            type=Path,
            default=None,
            help="config file (default: $CYDLAIS_CONFIG, else ./config.toml; "
            "the demo falls back to config.example.toml)",
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    args = _parser().parse_args(argv)
    command = args.command or ("run" if bot_token() else "demo")
    if args.command is None:  # the subcommand's defaults, as if it had been typed
        args = _parser().parse_args([command])
    try:
        if command == "run":
            return _run(load_config(args.config or default_config_path()))
        if command == "digest":
            return _digest(args)
        if command == "export":
            return _export(args)
        if command == "site":
            return _site(args)
        if command == "backup":
            return _backup(args)
        if command == "doctor":
            return _doctor(args)
        return _demo(args)
    except ConfigError as error:
        print(f"cydlais: config error: {error}", file=sys.stderr)  # noqa: T201
        return 2
    except (DatabaseUnavailableError, CatalogMissingError) as error:
        print(f"cydlais: {error}", file=sys.stderr)  # noqa: T201
        return 2


def _run(config: Config) -> int:
    token = bot_token()
    if token is None:
        print(  # noqa: T201
            f"cydlais: {TOKEN_ENV} is not set. Set it to your bot's token from @BotFather, "
            "or try `cydlais demo`.",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from bot.telegram.polling import serve

    asyncio.run(serve(build_application(config, token)))
    return 0


def _digest(args: argparse.Namespace) -> int:
    from bot.services.offline import digest_file

    if args.last < args.first:
        print("cydlais: --to must not be before --from", file=sys.stderr)  # noqa: T201
        return 2
    config = load_config(args.config or default_config_path())
    language = args.language or config.council.default_language
    content = asyncio.run(digest_file(config, args.first, args.last, args.format, language))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(content)
    print(f"Wrote {args.out} ({len(content):,} bytes)")  # noqa: T201
    return 0


def _export(args: argparse.Namespace) -> int:
    from bot.services.offline import export_files

    config = load_config(args.config or default_config_path())
    named = asyncio.run(export_files(config))
    _write_all(args.out, named)
    print(f"Wrote {len(named)} files to {args.out}/")  # noqa: T201
    return 0


def _write_all(out: Path, named: dict[str, bytes]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, content in named.items():
        (out / name).write_bytes(content)


def _site(args: argparse.Namespace) -> int:
    from bot.services.offline import site_files

    config = load_config(args.config or default_config_path())
    named = asyncio.run(site_files(config))
    _write_all(args.out, named)
    print(f"Wrote {len(named)} pages to {args.out}/ (open {args.out / 'index.html'})")  # noqa: T201
    return 0


def _backup(args: argparse.Namespace) -> int:
    from bot.store.backup import backup_database

    config = load_config(args.config or default_config_path())
    if not config.database_path.is_file():
        print(f"cydlais: no database at {config.database_path}", file=sys.stderr)  # noqa: T201
        return 2
    pages = backup_database(config.database_path, args.out)
    print(f"Backed up {config.database_path} to {args.out} ({pages:,} pages)")  # noqa: T201
    return 0


def _doctor(args: argparse.Namespace) -> int:
    from bot.i18n import I18n
    from bot.telegram.doctor import examine, report

    config = load_config(args.config or default_config_path())
    t = I18n(config.council.timezone)(args.language or config.council.default_language)
    text, status = report(asyncio.run(examine(config, bot_token(), t)))
    print(text)  # noqa: T201
    return status


def _demo(args: argparse.Namespace) -> int:
    from bot.sandbox.demo import run_demo

    config_path = args.config or (
        default_config_path() if default_config_path().is_file() else example_config_path()
    )
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    result = asyncio.run(run_demo(load_config(config_path)))
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / "transcript.txt").write_text(result.transcript + "\n", encoding="utf-8")
    for name, content in result.files.items():
        (out / name).write_bytes(content)
    print(result.transcript)  # noqa: T201
    print(f"\n(The transcript and files are in {out}/)")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
