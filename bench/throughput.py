"""Updates per second through the real Application, against a bare PTB echo bot in the same run.

Both bots get the same in-process fake Bot API and are driven with ``process_update``. The
Cydlais mix is what residents do most: support taps, answers to a prompt, proposals and
/proposals pages (each a real flow with its database writes). Rate limiting is off for both:
this measures the bot's own cost per update, not Telegram's sending limits.

    .venv/bin/python bench/throughput.py            # 20,000 updates each
    .venv/bin/python bench/throughput.py --quick    # 1,000, to check it runs
    .venv/bin/python bench/throughput.py --profile  # and print where Cydlais spends its time
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import dataclasses
import pstats
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.app import build_application, start_application, stop_application
from bot.clock import SystemClock
from bot.config import example_config_path, load_config
from bot.domain.people import Side
from bot.domain.prompts import PromptText
from bot.prompting import send_prompt
from bot.sandbox.fake_bot_api import FakeBotApi, FakeRequest

TOKEN = "123456:BENCH"
CHATS = 50


def _message(update_id: int, chat_id: int, text: str) -> dict[str, Any]:
    entities = (
        [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if text.startswith("/")
        else []
    )
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id, "date": 1_790_000_000, "text": text, "entities": entities,
            "chat": {"id": chat_id, "type": "private", "first_name": "R"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "R", "language_code": "en"},
        },
    }  # fmt: skip


def _press(update_id: int, chat_id: int, data: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(update_id), "chat_instance": "c", "data": data,
            "from": {"id": chat_id, "is_bot": False, "first_name": "R", "language_code": "en"},
            "message": {"message_id": 1, "date": 1_790_000_000, "text": "x",
                        "chat": {"id": chat_id, "type": "private", "first_name": "R"},
                        "from": {"id": 7_000_000_001, "is_bot": True, "first_name": "C"}},
        },
    }  # fmt: skip


async def echo_rate(count: int) -> float:
    """The baseline: PTB's smallest useful bot."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(update.effective_message.text or "")

    api = FakeBotApi()
    app = Application.builder().token(TOKEN).request(FakeRequest(api)).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()
    updates = [
        Update.de_json(_message(n, 1000 + n % CHATS, f"hello {n}"), app.bot)
        for n in range(1, count + 1)
    ]
    started = time.perf_counter()
    for update in updates:
        await app.process_update(update)
    elapsed = time.perf_counter() - started
    await app.shutdown()
    return count / elapsed


def _mix(count: int, rng: random.Random, first_id: int) -> list[dict[str, Any]]:
    """Support taps 40 %, answers 20 %, /proposals pages 30 %, proposals 10 % (a whole flow)."""
    updates: list[dict[str, Any]] = []
    update_id = first_id
    while len(updates) < count:
        chat = 1000 + rng.randrange(CHATS)
        roll = rng.random()
        if roll < 0.4:
            proposal = rng.randrange(1, 201)
            sign = rng.choice("+-")
            updates.append(_press(update_id, chat, f"ps:{sign}:{proposal}:transport:n:0"))
        elif roll < 0.6:
            updates.append(_press(update_id, chat, "pa:1"))
            update_id += 1
            updates.append(_message(update_id, chat, f"An answer number {update_id} about paths"))
        elif roll < 0.9:
            updates.append(
                _press(update_id, chat, f"pl:transport:{rng.choice('ns')}:{rng.randrange(5)}")
            )
        else:
            steps = [
                "/propose",
                None,
                f"Idea {update_id} for better buses\nSome detail.",
                "pp:c:-",
                "pp:send",
            ]
            for step in steps:
                if step is None:
                    updates.append(_press(update_id, chat, "pp:f:transport"))
                elif step.startswith("pp:"):
                    updates.append(_press(update_id, chat, step))
                else:
                    updates.append(_message(update_id, chat, step))
                update_id += 1
            continue
        update_id += 1
    return updates[:count]


async def cydlais_rate(count: int, profile: bool) -> float:
    """Cydlais with a realistic resident mix."""
    config = load_config(example_config_path())
    with tempfile.TemporaryDirectory() as tmp:
        config = dataclasses.replace(config, database_path=Path(tmp) / "bench.db")
        api = FakeBotApi()
        app = build_application(
            config, TOKEN, clock=SystemClock(), request=FakeRequest(api), rate_limit=False
        )
        await start_application(app)
        services = app.bot_data.services
        assert services is not None
        store = services.store
        people = []
        for n in range(CHATS):
            person = await store.create_person(1000 + n, f"Resident {n}", "en", "45_64")
            await store.set_membership(person, "transport", True)
            people.append(await store.mark_onboarded(person))
        from bot.domain.proposals import ProposalDraft

        for n in range(200):
            draft = ProposalDraft(
                "transport", Side.ADULT, people[n % CHATS].id, f"Seed {n}\nDetail", "en"
            )
            await store.create_proposal(draft, services.clock.now(), 10_000)
        await send_prompt(
            services, "transport", Side.ADULT, PromptText(None, "Tell us about buses"), None
        )
        for n in range(CHATS):  # the message every button press sits on
            api.store_user_message(1000 + n, {
                "message_id": 1, "date": 1_790_000_000, "text": "x",
                "chat": {"id": 1000 + n, "type": "private"}, "from": api.bot_user,
            })  # fmt: skip
        rng = random.Random(2026)
        updates = [Update.de_json(u, app.bot) for u in _mix(count, rng, 10)]
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        for update in updates:
            await app.process_update(update)
        if profiler:
            profiler.disable()
        elapsed = time.perf_counter() - started
        errors = [c for c in api.calls if c.status != 200]
        await stop_application(app)
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    if errors:
        reason = errors[0].params.get("text", "")[:40]
        print(f"note: {len(errors)} Bot API calls were refused, e.g. {errors[0].method} {reason}")
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 updates, to check it runs")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of Cydlais")
    args = parser.parse_args()
    count = 1_000 if args.quick else 20_000
    echo = asyncio.run(echo_rate(count))
    ours = asyncio.run(cydlais_rate(count, args.profile))
    print(f"echo bot (baseline): {echo:,.0f} updates/s over {count:,} updates")
    print(f"Cydlais resident mix: {ours:,.0f} updates/s over {count:,} updates")
    print(f"ratio: {ours / echo:.2f} of the echo bot (target 0.80)")


if __name__ == "__main__":
    main()
