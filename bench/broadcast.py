"""Sending a check-in to every member through the outbox and PTB's AIORateLimiter.

Fills a forum with members, sends one prompt to all of them the way a check-in does, and reads
the fake Bot API's record of when each message arrived: the achieved rate against the
configured limit (30 messages a second), and that nobody was skipped or sent it twice.

    .venv/bin/python bench/broadcast.py            # 10,000 members (about six minutes)
    .venv/bin/python bench/broadcast.py --quick    # 300 members, to check it runs
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import tempfile
import time
from collections import Counter
from pathlib import Path

from bot.clock import SystemClock
from bot.config import example_config_path, load_config
from bot.domain.people import Side
from bot.domain.prompts import PromptText
from bot.sandbox.fake_bot_api import FakeBotApi, FakeRequest
from bot.services.check_ins import send_prompt
from bot.telegram.app import build_application, start_application, stop_application

TEXT = "Tell us how the week went in your street."


async def run(members: int) -> None:
    config = load_config(example_config_path())
    with tempfile.TemporaryDirectory() as tmp:
        config = dataclasses.replace(config, database_path=Path(tmp) / "bench.db")
        limit = config.telegram.messages_per_second
        api = FakeBotApi(clock=SystemClock())
        app = build_application(config, "123456:BENCH", request=FakeRequest(api))
        await start_application(app)
        services = app.bot_data.services
        assert services is not None
        started = time.perf_counter()
        for n in range(members):
            person = await services.store.people.create(100_000 + n, f"M{n}", "en", "45_64")
            await services.store.forums.set_membership(person, "environment", True)
            await services.store.people.mark_onboarded(person)
        print(f"{members:,} members joined in {time.perf_counter() - started:.1f} s")
        _, count = await send_prompt(
            services, "environment", Side.ADULT, PromptText(None, TEXT), None
        )
        started = time.perf_counter()
        sent = await app.bot_data.outbox.deliver(app.bot, services)
        elapsed = time.perf_counter() - started
        await stop_application(app)
    calls = [c for c in api.sent("sendMessage") if TEXT in str(c.params.get("text"))]
    per_member = Counter(int(c.params["chat_id"]) for c in calls)
    times = sorted(c.at for c in calls)
    # Leave out the first second: the limiter lets a burst of `limit` through at once.
    steady = [t for t in times if (t - times[0]).total_seconds() >= 1.0]
    rate = (len(steady) - 1) / (steady[-1] - steady[0]).total_seconds() if len(steady) > 1 else 0
    print(f"queued for {count:,}, sent {sent:,} in {elapsed:.1f} s")
    exactly_once = len(per_member) == members and max(per_member.values()) == 1
    print(f"every member exactly once: {exactly_once}")
    print(f"achieved rate after the first second: {rate:.2f} messages/s "
          f"(limit {limit:.0f}/s: {rate / limit:.3f} of it, target within 5 %)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="300 members, to check it runs")
    parser.add_argument("--members", type=int, default=None)
    args = parser.parse_args()
    members = args.members or (300 if args.quick else 10_000)
    asyncio.run(run(members))


if __name__ == "__main__":
    main()
