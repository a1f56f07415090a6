"""Updates per second through the real Application, against a bare PTB echo bot in the same run.

All bots get the same in-process fake Bot API and are driven with ``process_update``. The
Cydlais mix is what residents do most: support taps, answers to a prompt, proposals and
/proposals pages (each a real flow with its database writes). Rate limiting is off: this
measures the bot's own cost per update, not Telegram's sending limits.

A third bot sets the echo ratio in context: it replays, through PTB, exactly the Bot API calls
Cydlais made for each update (the same answers, pages and keyboards) and does nothing else.
Its rate is the most any PTB bot giving these replies could reach here; Cydlais's share of it
is what our own code (database, rendering, checks) costs.

    .venv/bin/python bench/throughput.py            # 20,000 updates each, 3 rounds
    .venv/bin/python bench/throughput.py --quick    # 1,000, to check it runs
    .venv/bin/python bench/throughput.py --profile  # and print where Cydlais spends its time
    .venv/bin/python bench/throughput.py --one-cpu  # everything on one CPU, as `taskset -c 0`

Every database call is a hand-off between the event loop's thread and aiosqlite's, and back.
Across two CPUs each hand-off wakes the other CPU, which on a virtual machine is slow; the bot is
bound by Python's GIL, so a second CPU buys it nothing. ``--one-cpu`` shows the difference.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import dataclasses
import inspect
import os
import pstats
import random
import re
import statistics
import tempfile
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes, MessageHandler, TypeHandler, filters

from bot.clock import SystemClock
from bot.config import example_config_path, load_config
from bot.domain.people import Side
from bot.domain.prompts import PromptText
from bot.sandbox import updates
from bot.sandbox.fake_bot_api import FakeBotApi, FakeRequest
from bot.services.check_ins import send_prompt
from bot.telegram.app import build_application, start_application, stop_application

TOKEN = "123456:BENCH"
CHATS = 50
# What the bot sent for each update: update id -> [(Bot API method, parameters)].
Script = dict[int, list[tuple[str, dict[str, Any]]]]


DATE = 1_790_000_000
BOT = updates.user(7_000_000_001, "C", is_bot=True)


def _resident(chat_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A resident and their private chat."""
    return updates.user(chat_id, "R", language_code="en"), updates.private_chat(chat_id, "R")


def _message(update_id: int, chat_id: int, text: str) -> dict[str, Any]:
    sender, chat = _resident(chat_id)
    message = updates.message(update_id, chat, sender, DATE, **updates.text(text))
    return updates.update(update_id, message=message)


def _press(update_id: int, chat_id: int, data: str) -> dict[str, Any]:
    sender, chat = _resident(chat_id)
    on_message = updates.message(1, chat, BOT, DATE, text="x")
    query = updates.callback_query(str(update_id), sender, on_message, data, chat_instance="c")
    return updates.update(update_id, callback_query=query)


async def _drive(
    app: Application[Any, Any, Any, Any, Any, Any], batch: list[Update], api: FakeBotApi
) -> tuple[list[float], Script]:
    """Hand each update to the application in turn: how long each took (seconds), and the
    Bot API calls each made."""
    took, script = [], {}
    for update in batch:
        first_call = len(api.calls)
        started = time.perf_counter()
        await app.process_update(update)
        took.append(time.perf_counter() - started)
        script[update.update_id] = [(c.method, c.params) for c in api.calls[first_call:]]
    return took, script


def _kind(update: dict[str, Any]) -> str:
    """Which part of the mix an update belongs to (for the per-kind figures)."""
    data = update.get("callback_query", {}).get("data", "")
    text = update.get("message", {}).get("text", "")
    if data.startswith("ps:"):
        return "support tap"
    if data.startswith("pl:"):
        return "page of proposals"
    if data.startswith("pa:") or text.startswith("An answer"):
        return "answer to a prompt"
    return "proposal (5-step flow)"


async def echo_rate(count: int) -> float:
    """The baseline: PTB's smallest useful bot."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(update.effective_message.text or "")

    api = FakeBotApi()
    app = Application.builder().token(TOKEN).request(FakeRequest(api)).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()
    batch = [
        Update.de_json(_message(n, 1000 + n % CHATS, f"hello {n}"), app.bot)
        for n in range(1, count + 1)
    ]
    took, _ = await _drive(app, batch, api)
    await app.shutdown()
    return count / sum(took)


def _mix(count: int, rng: random.Random, first_id: int) -> list[dict[str, Any]]:
    """Support taps 40 %, answers 20 %, /proposals pages 30 %, proposals 10 % (a whole flow)."""
    mix: list[dict[str, Any]] = []
    update_id = first_id
    while len(mix) < count:
        chat = 1000 + rng.randrange(CHATS)
        roll = rng.random()
        if roll < 0.4:
            proposal = rng.randrange(1, 201)
            sign = rng.choice("+-")
            mix.append(_press(update_id, chat, f"ps:{sign}:{proposal}:transport:n:0"))
        elif roll < 0.6:
            mix.append(_press(update_id, chat, "pa:1"))
            update_id += 1
            mix.append(_message(update_id, chat, f"An answer number {update_id} about paths"))
        elif roll < 0.9:
            mix.append(
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
                    mix.append(_press(update_id, chat, "pp:f:transport"))
                elif step.startswith("pp:"):
                    mix.append(_press(update_id, chat, step))
                else:
                    mix.append(_message(update_id, chat, step))
                update_id += 1
            continue
        update_id += 1
    return mix[:count]


async def cydlais_run(
    count: int, profile: bool
) -> tuple[list[float], list[dict[str, Any]], Script]:
    """Cydlais with a realistic resident mix: the time each update took, the updates, and
    what it sent for each."""
    config = load_config(example_config_path())
    with tempfile.TemporaryDirectory() as tmp:
        # 20,000 updates from 50 residents in seconds would trip the flood guard and the daily
        # proposal limit, and refused updates are cheap: lift both so every update does its work.
        config = dataclasses.replace(
            config,
            database_path=Path(tmp) / "bench.db",
            safety=dataclasses.replace(config.safety, flood_messages_per_minute=1000),
            proposals=dataclasses.replace(config.proposals, per_person_per_day=1000),
        )
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
            person = await store.people.create(1000 + n, f"Resident {n}", "en", "45_64")
            await store.forums.set_membership(person, "transport", True)
            people.append(await store.people.mark_onboarded(person))
        from bot.domain.proposals import ProposalDraft

        for n in range(200):
            draft = ProposalDraft(
                "transport", Side.ADULT, people[n % CHATS].id, f"Seed {n}\nDetail", "en"
            )
            await store.proposals.create(draft, services.clock.now(), 10_000)
        await send_prompt(
            services, "transport", Side.ADULT, PromptText(None, "Tell us about buses"), None
        )
        _pressable_messages(api)
        raw = _mix(count, random.Random(2026), 10)
        batch = [Update.de_json(u, app.bot) for u in raw]
        first_call = len(api.calls)
        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        took, script = await _drive(app, batch, api)
        if profiler:
            profiler.disable()
        errors = [c for c in api.calls[first_call:] if c.status != 200]
        await stop_application(app)
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    if errors:
        reason = errors[0].params.get("text", "")[:40]
        print(f"note: {len(errors)} Bot API calls were refused, e.g. {errors[0].method} {reason}")
    return took, raw, script


def _pressable_messages(api: FakeBotApi) -> None:
    """The message every button press in the mix sits on, one per chat."""
    for n in range(CHATS):
        chat = updates.private_chat(1000 + n, "R")
        api.store_user_message(1000 + n, updates.message(1, chat, api.bot_user, DATE, text="x"))


def _bot_method(bot: Any, method: str) -> tuple[Any, frozenset[str]]:
    """PTB's method for a Bot API method name, and the parameters it takes."""
    if method not in _METHODS:
        call = getattr(type(bot), re.sub(r"(?<!^)(?=[A-Z])", "_", method).lower())
        _METHODS[method] = (call, frozenset(inspect.signature(call).parameters))
    call, accepted = _METHODS[method]
    return call.__get__(bot), accepted


_METHODS: dict[str, tuple[Any, frozenset[str]]] = {}


async def replay_run(raw: list[dict[str, Any]], script: Script) -> list[float]:
    """PTB making exactly the calls Cydlais made for each update, with nothing else to do."""

    async def replay(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        for method, params in script.get(update.update_id, ()):
            kwargs = dict(params)
            if isinstance(kwargs.get("reply_markup"), dict):
                kwargs["reply_markup"] = InlineKeyboardMarkup.de_json(kwargs["reply_markup"])
            if isinstance(kwargs.get("link_preview_options"), dict):
                kwargs["link_preview_options"] = LinkPreviewOptions.de_json(
                    kwargs["link_preview_options"]
                )
            call, accepted = _bot_method(context.bot, method)
            # PTB's defaults add parse_mode even where a method has none (editMessageReplyMarkup)
            kwargs = {k: v for k, v in kwargs.items() if k in accepted}
            with suppress(TelegramError):  # the same refusals Cydlais met
                await call(**kwargs)

    api = FakeBotApi()
    app = Application.builder().token(TOKEN).request(FakeRequest(api)).build()
    app.add_handler(TypeHandler(Update, replay))
    await app.initialize()
    _pressable_messages(api)
    batch = [Update.de_json(u, app.bot) for u in raw]
    took, _ = await _drive(app, batch, api)
    await app.shutdown()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 updates, to check it runs")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of Cydlais")
    parser.add_argument(
        "--one-cpu", action="store_true", help="run on one CPU only (all three bots)"
    )
    parser.add_argument(
        "--rounds", type=int, default=None, help="rounds of all three bots (default 3, quick 1)"
    )
    args = parser.parse_args()
    if args.one_cpu:  # before any thread starts: threads inherit it
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    count = 1_000 if args.quick else 20_000
    rounds = args.rounds or (1 if args.quick or args.profile else 3)
    results = [_round(count, args.profile) for _ in range(rounds)]
    # The machine's speed drifts; each round's bots run back to back, so ratios are taken per
    # round and the median round (by Cydlais's ratio to the echo bot) is reported.
    echo, ours, raw, script, floor = sorted(results, key=lambda r: count / sum(r[1]) / r[0])[
        rounds // 2
    ]
    calls = sum(len(c) for c in script.values()) / count
    ours_rate, floor_rate = count / sum(ours), count / sum(floor)
    print(f"{count:,} updates each; median of {rounds} round(s)")
    print(f"echo bot (baseline):                 {echo:7,.0f} updates/s, 1.00 Bot API calls each")
    print(
        f"Cydlais resident mix:                {ours_rate:7,.0f} updates/s, {calls:.2f} calls each"
    )
    print(f"replay of Cydlais's calls, no logic: {floor_rate:7,.0f} updates/s")
    print(f"ratio: {ours_rate / echo:.2f} of the echo bot (target 0.80)")
    print(f"ratio: {floor_rate / echo:.2f} of the echo bot for the replies alone (PTB's cost)")
    print(f"ratio: {ours_rate / floor_rate:.2f} of the replay (what our own code costs on top)")
    if rounds > 1:
        spread = sorted(count / sum(r[1]) / r[0] for r in results)
        print(f"Cydlais / echo in each round: {', '.join(f'{x:.2f}' for x in spread)}")
    _print_kinds(raw, script, ours, floor, 1 / echo)
    _print_latency(raw, ours)


Round = tuple[float, list[float], list[dict[str, Any]], Script, list[float]]


def _round(count: int, profile: bool) -> Round:
    """The three bots back to back: echo rate, Cydlais's times, its updates and calls, replay."""
    echo = asyncio.run(echo_rate(count))
    ours, raw, script = asyncio.run(cydlais_run(count, profile))
    floor = asyncio.run(replay_run(raw, script))
    return echo, ours, raw, script, floor


def _print_kinds(
    raw: list[dict[str, Any]], script: Script, ours: list[float], floor: list[float], echo: float
) -> None:
    """Mean time per update of each kind, for Cydlais and for the replay of its calls."""
    rows: dict[str, list[tuple[float, float, int]]] = {}
    for update, mine, replayed in zip(raw, ours, floor, strict=True):
        made = len(script[update["update_id"]])
        rows.setdefault(_kind(update), []).append((mine, replayed, made))
    print(f"per update, µs (echo bot: {echo * 1e6:,.0f}):")
    print(f"  {'kind':<24}{'share':>6}{'calls':>7}{'Cydlais':>9}{'replay':>8}{'ours':>7}")
    for kind, times in sorted(rows.items()):
        mine = statistics.fmean(t[0] for t in times) * 1e6
        replayed = statistics.fmean(t[1] for t in times) * 1e6
        calls = statistics.fmean(t[2] for t in times)
        share = len(times) / len(raw)
        print(
            f"  {kind:<24}{share:6.0%}{calls:7.2f}{mine:9,.0f}{replayed:8,.0f}"
            f"{mine - replayed:7,.0f}"
        )


def _print_latency(raw: list[dict[str, Any]], ours: list[float]) -> None:
    """Percentiles of the time from an update's arrival to its last Bot API call, per kind
    (updates one after another: service time, with no queueing behind other updates)."""
    by_kind: dict[str, list[float]] = {}
    for update, took in zip(raw, ours, strict=True):
        by_kind.setdefault(_kind(update), []).append(took * 1000)
    print("latency, ms, one update at a time (issue 17's goal: p99 < 50 ms):")
    print(f"  {'kind':<24}{'p50':>7}{'p95':>7}{'p99':>7}{'max':>8}")
    for kind, times in sorted(by_kind.items()):
        cuts = statistics.quantiles(times, n=100, method="inclusive")
        print(f"  {kind:<24}{cuts[49]:7.2f}{cuts[94]:7.2f}{cuts[98]:7.2f}{max(times):8.2f}")


if __name__ == "__main__":
    main()
