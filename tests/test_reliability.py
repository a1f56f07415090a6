"""Nothing lost, nothing twice: redelivered updates, a killed process, backups, Telegram faults."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import SystemClock
from bot.config import Config, example_config_path
from bot.sandbox import updates
from bot.sandbox.fake_bot_api import FakeBotApi, Fault
from bot.sandbox.http_api import FakeBotApiServer
from bot.sandbox.scenario import Sandbox
from bot.store import Store
from tests.conftest import query
from tests.test_proposals import propose

GROUP = -100777


async def with_group(sandbox: Sandbox, config: Config) -> None:
    forums = tuple(
        dataclasses.replace(f, chat_id=GROUP) if f.id == "transport" else f for f in config.forums
    )
    await sandbox.stop()
    sandbox.config = dataclasses.replace(sandbox.config, forums=forums)
    await sandbox.start()


async def test_an_update_delivered_twice_changes_nothing_the_second_time(
    sandbox: Sandbox, config: Config, db_path: Path
) -> None:
    await with_group(sandbox, config)
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/propose Later buses to Llanelli, please", group=sandbox.group(GROUP))
    assert "P-0001" in ben.last.text  # told privately; the group gets the same thanks for all
    again = dict(sandbox.last_update)
    sent_before = len(sandbox.api.calls)
    await sandbox.feed(again)  # Telegram redelivers it (the offset was not confirmed)
    await sandbox.restart()
    await sandbox.feed(again)
    assert len(query(db_path, "SELECT * FROM proposals")) == 1
    assert not [c for c in sandbox.api.calls[sent_before:] if c.method == "sendMessage"]


def _config_file(tmp_path: Path, example: Path, base_url: str, db: Path) -> Path:
    text = example.read_text(encoding="utf-8")
    text = text.replace('path = "cydlais.db"', f'path = "{db}"')
    text = text.replace('base_url = ""', f'base_url = "{base_url}"')
    text = text.replace("group_messages_per_minute = 20", "group_messages_per_minute = 100000")
    text = text.replace('id = "transport"', f'id = "transport"\nchat_id = {GROUP}')
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def _seed_residents(db: Path, count: int) -> list[int]:
    store = await Store.open(db, SystemClock())
    ids = []
    for n in range(count):
        person = await store.people.create(700_000 + n, f"Resident {n}", "en", "45_64")
        await store.people.mark_onboarded(person)
        ids.append(person.telegram_id)
    await store.close()
    return ids


def _proposal_update(update_id: int, user_id: int) -> dict[str, object]:
    text = f"/propose Idea number {update_id} for the town\nDetails of idea {update_id}."
    chat, sender = updates.supergroup(GROUP, "Transport"), updates.user(user_id, f"R{user_id}")
    message = updates.message(update_id, chat, sender, 1_790_000_000, **updates.text(text))
    return updates.update(update_id, message=message)


async def _run_bot(config: Path, log: Path) -> asyncio.subprocess.Process:
    env = {**os.environ, "CYDLAIS_BOT_TOKEN": "123456:CRASH-TEST"}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--config", str(config),
        env=env, stdout=log.open("ab"), stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip


async def _until(condition: object, seconds: float) -> None:
    assert callable(condition)
    for _ in range(int(seconds * 20)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out waiting")


@pytest.mark.slow
async def test_killed_mid_burst_loses_nothing_and_doubles_nothing(
    config: Config, tmp_path: Path
) -> None:

    db = tmp_path / "bot.db"
    residents = await _seed_residents(db, 50)
    api = FakeBotApi()
    server = FakeBotApiServer(api)
    await server.start()
    config_path = _config_file(tmp_path, example_config_path(), server.base_url, db)
    queued = [_proposal_update(n, residents[n % 50]) for n in range(1, 201)]
    for update in queued:
        api.queue_update(update)

    def acks() -> list[str]:  # a group proposal's reference goes to its author privately
        return [
            str(c.params.get("text")) for c in api.sent("sendMessage")
            if int(c.params.get("chat_id") or 0) in residents and "P-" in str(c.params.get("text"))
        ]  # fmt: skip

    log = tmp_path / "bot.log"
    bot = await _run_bot(config_path, log)
    try:
        await _until(lambda: len(acks()) >= 60, 60)
        bot.send_signal(signal.SIGKILL)
        await bot.wait()
        acked_before = len(acks())
        assert acked_before < 200, "the burst finished before the kill: nothing was tested"
        bot = await _run_bot(config_path, log)
        await _until(
            lambda: not api.pending_updates and len(query(db, "SELECT id FROM proposals")) >= 200,
            90,
        )
        await asyncio.sleep(1)  # anything still in flight would show up now
    finally:
        if bot.returncode is None:
            bot.send_signal(signal.SIGTERM)
            await asyncio.wait_for(bot.wait(), 20)
        await server.stop()
    texts = [r[0] for r in query(db, "SELECT title FROM proposals")]
    assert len(texts) == 200 and len(set(texts)) == 200, log.read_text()[-3000:]
    handled = {r[0] for r in query(db, "SELECT update_id FROM processed_updates")}
    assert handled == {u["update_id"] for u in queued}
    refs = {int(ref) for text in acks() for ref in re.findall(r"P-(\d+)", text)}
    stored = {r[0] for r in query(db, "SELECT id FROM proposals")}
    assert refs <= stored
    assert not [t for t in acks() if "already in" in t]  # nothing was processed twice
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_backup_taken_mid_traffic_holds_every_committed_proposal(
    sandbox: Sandbox, db_path: Path, tmp_path: Path
) -> None:
    people = [sandbox.person(f"P{n}") for n in range(5)]
    for person in people:
        await person.join("en")
    backup = tmp_path / "backup.db"
    for round_number in range(3):
        for n, person in enumerate(people):
            await propose(person, "Transport", f"Idea {round_number}-{n}\nSome detail here.")
        if round_number == 1:
            committed = {r[0] for r in query(db_path, "SELECT title FROM proposals")}
            command = [sys.executable, "-m", "bot", "backup", "--out", str(backup),
                       "--config", str(_config_for(tmp_path, db_path))]  # fmt: skip
            # While the bot's connection stays open: the backup runs beside it.
            result = await asyncio.to_thread(
                subprocess.run, command, capture_output=True, text=True, check=False
            )
            assert result.returncode == 0, result.stderr
    restored = {r[0] for r in query(backup, "SELECT title FROM proposals")}
    assert restored == committed and len(restored) == 10
    assert query(backup, "PRAGMA integrity_check")[0][0] == "ok"
    assert len(query(db_path, "SELECT * FROM proposals")) == 15  # the bot carried on


def _config_for(tmp_path: Path, db: Path) -> Path:
    path = tmp_path / "backup-config.toml"
    path.write_text(
        example_config_path().read_text().replace('path = "cydlais.db"', f'path = "{db}"'),
        encoding="utf-8",
    )
    return path


async def test_telegram_faults_lose_no_notification(sandbox: Sandbox, db_path: Path) -> None:
    authors = [sandbox.person(f"A{n}") for n in range(4)]
    for n, author in enumerate(authors):
        await author.join("en")
        await propose(author, "Transport", f"Proposal {n}\nWith detail.")
    officer = sandbox.person("Olwen", user_id=1002)
    await officer.join("en")
    timeout, gateway, flood, blocked = authors
    sandbox.api.fail(Fault("sendMessage", 0, "", chat_id=timeout.id, timeout=True))
    sandbox.api.fail(Fault("sendMessage", 502, "Bad Gateway", chat_id=gateway.id, times=2))
    sandbox.api.fail(
        Fault("sendMessage", 429, "Too Many Requests", chat_id=flood.id, retry_after=1)
    )
    sandbox.api.blocked.add(blocked.id)
    for n in range(4):
        await officer.send(f"/status P-{n + 1:04d} adopted Thanks")
    for _ in range(6):  # the sender keeps trying, backing off, as time goes by
        sandbox.clock.advance(timedelta(minutes=10))
        await sandbox.run_job("tick")
    for author in (timeout, gateway, flood):
        news = [m for m in author.messages() if "News about your proposal" in m.text]
        assert len(news) == 1, author.name
    rows = query(
        db_path, "SELECT sent_at, failed_at FROM outbox WHERE kind = 'status_change' ORDER BY id"
    )
    assert [(r[0] is not None, r[1] is not None) for r in rows] == [
        (True, False), (True, False), (True, False), (False, True),
    ]  # fmt: skip


async def test_bookkeeping_does_not_mark_an_update_handled(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    sandbox.clock.advance(timedelta(days=1))  # the first message of a day notes "last seen"
    await ben.send("/help")  # reads only: nothing of its own to commit
    handled = {r[0] for r in query(db_path, "SELECT update_id FROM processed_updates")}
    assert sandbox.last_update["update_id"] not in handled


@pytest.mark.slow
async def test_telegram_unreachable_at_start_is_retried_not_fatal(tmp_path: Path) -> None:
    """A bot started while Telegram (here: nothing on the port) is down waits and retries."""
    with socket.socket() as probe:  # a loopback port with nothing listening on it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    api = FakeBotApi()
    server = FakeBotApiServer(api)
    db = tmp_path / "bot.db"
    residents = await _seed_residents(db, 1)
    config_path = _config_file(tmp_path, example_config_path(), f"http://127.0.0.1:{port}/bot", db)
    api.queue_update(_proposal_update(1, residents[0]))
    log = tmp_path / "bot.log"
    bot = await _run_bot(config_path, log)
    try:
        await _until(lambda: "Telegram unreachable at start" in log.read_text(), 30)
        assert bot.returncode is None, log.read_text()[-3000:]
        await server.start(port)
        await _until(lambda: len(query(db, "SELECT id FROM proposals")) == 1, 60)
    finally:
        if bot.returncode is None:
            bot.send_signal(signal.SIGTERM)
            await asyncio.wait_for(bot.wait(), 20)
        await server.stop()
    assert bot.returncode == 0, log.read_text()[-3000:]
