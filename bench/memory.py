"""Peak memory of ``cydlais run`` on a big council's database after a burst of updates.

Fills a database with 100,000 residents and 100,000 proposals, starts ``cydlais run`` as a real
process against the loopback fake Bot API, feeds it 10,000 updates from different residents
(mostly chatter in a forum group, which the bot reads but does not answer, and /proposals pages
in private chats), waits until all are handled, and reads the process's peak resident set size
(VmHWM). Target: under 150 MB.

    .venv/bin/python bench/memory.py            # 100,000 residents, 10,000 updates
    .venv/bin/python bench/memory.py --quick    # 5,000 residents, 300 updates
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.clock import SystemClock
from bot.config import example_config_path, load_config
from bot.sandbox import updates
from bot.sandbox.fake_bot_api import FakeBotApi
from bot.sandbox.http_api import FakeBotApiServer
from bot.store import Store, to_db

GROUP = -100900


def fill(db: Path, residents: int, proposals: int) -> None:
    rng = random.Random(7)
    now = to_db(SystemClock().now())
    connection = sqlite3.connect(db)
    with connection:
        connection.executemany(
            "INSERT INTO people (telegram_id, display_name, language, age_band, consent_at, "
            "onboarded_at, last_seen_at) VALUES (?, ?, ?, '45_64', ?, ?, ?)",
            [(1_000_000 + n, f"Resident {n}", rng.choice(["cy", "en"]), now, now, now)
             for n in range(residents)],
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO proposals (forum_id, side, author_id, title, detail, language, status, "
            "text_hash, created_at, status_changed_at) "
            "VALUES ('transport', 'adult', ?, ?, 'Detail', 'en', 'open', ?, ?, ?)",
            [(rng.randrange(1, residents + 1), f"Proposal {n}", f"h{n}", now, now)
             for n in range(proposals)],
        )  # fmt: skip
    connection.close()


def _update(update_id: int, user_id: int, private: bool) -> dict[str, Any]:
    chat = (
        updates.private_chat(user_id, "R") if private else updates.supergroup(GROUP, "Transport")
    )
    words = "/proposals" if private else f"Morning all, message {update_id}"
    sender = updates.user(user_id, "R", language_code="en")
    message = updates.message(update_id, chat, sender, 1_790_000_000, **updates.text(words))
    return updates.update(update_id, message=message)


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set size (Linux: VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def run(residents: int, proposals: int, update_count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        store = await Store.open(db, SystemClock())
        await store.forums.sync(load_config(example_config_path()).forums)
        await store.close()
        started = time.perf_counter()
        fill(db, residents, proposals)
        print(f"filled {residents:,} residents and {proposals:,} proposals in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        api = FakeBotApi()
        server = FakeBotApiServer(api)
        await server.start()
        config = Path(tmp) / "config.toml"
        text = example_config_path().read_text(encoding="utf-8")
        text = text.replace('path = "cydlais.db"', f'path = "{db}"')
        text = text.replace('base_url = ""', f'base_url = "{server.base_url}"')
        text = text.replace("flood_messages_per_minute = 20", "flood_messages_per_minute = 1000")
        text = text.replace('id = "transport"', f'id = "transport"\nchat_id = {GROUP}')
        config.write_text(text, encoding="utf-8")
        rng = random.Random(11)
        for n in range(1, update_count + 1):
            user = 1_000_000 + rng.randrange(residents)
            api.queue_update(_update(n, user, private=n % 10 == 0))
        env = {**os.environ, "CYDLAIS_BOT_TOKEN": "123456:MEMORY"}
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", "--config", str(config), env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        started = time.perf_counter()
        answers = update_count // 10
        while True:
            await asyncio.sleep(0.5)
            answered = len(api.sent("sendMessage")) + len(api.sent("editMessageText"))
            if not api.pending_updates and answered >= answers:
                break
            if bot.returncode is not None or time.perf_counter() - started > 1800:
                raise RuntimeError("the bot stopped or took too long")
        await asyncio.sleep(1)
        peak = peak_rss_mb(bot.pid)
        handled = time.perf_counter() - started
        bot.terminate()
        await bot.wait()
        api.wake_pollers()
        await server.stop()
    print(f"{update_count:,} updates handled in {handled:.1f} s (replies are paced at 30/s)")
    print(f"peak RSS of cydlais run: {peak:.0f} MB (target < 150 MB: {peak / 150:.2f} of it)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small run, to check it works")
    args = parser.parse_args()
    if args.quick:
        asyncio.run(run(5_000, 5_000, 300))
    else:
        asyncio.run(run(100_000, 100_000, 10_000))


if __name__ == "__main__":
    main()
