"""How fast is one week's digest on a big council's data?

Fills a database (seeded, so every run has the same data) with 100,000 proposals, 500,000
supports and 200,000 answers across 12 forums over two years, then times computing one week's
figures (the store's SQL) and rendering them (messages, CSV, HTML, chart). Target: figures
under one second on a 2-core machine.

    .venv/bin/python bench/digest.py            # the full size (about a minute to fill)
    .venv/bin/python bench/digest.py --quick    # a 1 % sample, to check it runs (CI)
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import ManualClock
from bot.config import ForumConfig, example_config_path, load_config
from bot.domain.periods import iso_week
from bot.i18n import I18n
from bot.render import report as render
from bot.services import Services, digest_runs
from bot.store import Store, to_db

FULL = {"proposals": 100_000, "supports": 500_000, "answers": 200_000, "people": 20_000}
FORUMS = 12
START = datetime(2024, 12, 2, tzinfo=UTC)
SPAN = timedelta(weeks=104)
NOW = START + SPAN
STATUSES = ["open"] * 6 + ["under_consideration", "adopted", "not_taken_forward", "delivered"]


def _instant(rng: random.Random) -> str:
    return to_db(START + SPAN * rng.random())


def fill(path: Path, scale: float, seed: int = 2026) -> dict[str, int]:
    """Write the data set straight into the schema (bulk, like an import would)."""
    rng = random.Random(seed)
    sizes = {name: max(1, int(n * scale)) for name, n in FULL.items()}
    db = sqlite3.connect(path)
    forums = [f"forum_{i:02d}" for i in range(FORUMS)]
    with db:
        db.executemany(
            "INSERT INTO people (telegram_id, display_name, language, age_band, consent_at, "
            "onboarded_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (10_000 + i, f"Person {i}", rng.choice(["cy", "en"]),
                 rng.choice(["16_17", "26_44", "45_64", "65_plus"]), _instant(rng),
                 _instant(rng), _instant(rng))
                for i in range(sizes["people"])
            ],
        )  # fmt: skip
        proposals = []
        for i in range(sizes["proposals"]):
            created = _instant(rng)
            status = rng.choice(STATUSES)
            proposals.append(
                (rng.choice(forums), rng.choice(["adult", "adult", "adult", "youth"]),
                 rng.randrange(1, sizes["people"] + 1), f"Proposal {i}", "Detail", "en", status,
                 int(rng.random() < 0.05), f"h{i}", created, created)
            )  # fmt: skip
        db.executemany(
            "INSERT INTO proposals (forum_id, side, author_id, title, detail, language, status, "
            "meeting_input, text_hash, created_at, status_changed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            proposals,
        )
        db.executemany(
            "INSERT INTO status_history (proposal_id, from_status, to_status, changed_at) "
            "VALUES (?, 'open', ?, ?)",
            [(i + 1, p[6], p[9]) for i, p in enumerate(proposals) if p[6] != "open"],
        )
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < sizes["supports"]:
            pairs.add(
                (rng.randrange(1, sizes["proposals"] + 1), rng.randrange(1, sizes["people"] + 1))
            )
        db.executemany(
            "INSERT INTO supports (proposal_id, person_id, side, created_at) VALUES (?, ?, ?, ?)",
            [(p, who, rng.choice(["adult", "youth"]), _instant(rng)) for p, who in sorted(pairs)],
        )
        db.execute(
            "UPDATE proposals SET support_count = "
            "(SELECT COUNT(*) FROM supports s WHERE s.proposal_id = proposals.id)"
        )
        prompts = max(1, sizes["answers"] // 100)
        db.executemany(
            "INSERT INTO prompts (forum_id, side, text_en, created_at) VALUES (?, ?, ?, ?)",
            [(rng.choice(forums), "adult", f"Prompt {i}", _instant(rng)) for i in range(prompts)],
        )
        db.executemany(
            "INSERT INTO answers (prompt_id, person_id, side, language, text, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (rng.randrange(1, prompts + 1), rng.randrange(1, sizes["people"] + 1),
                 rng.choice(["adult", "youth"]), "en", "An answer", _instant(rng))
                for _ in range(sizes["answers"])
            ],
        )  # fmt: skip
    db.execute("ANALYZE")
    counts = {
        table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("proposals", "supports", "answers", "status_history", "people")
    }
    db.close()
    return counts


async def measure(path: Path, runs: int) -> None:
    config = load_config(example_config_path())
    forums = tuple(
        ForumConfig(id=f"forum_{i:02d}", name_cy=f"Fforwm {i}", name_en=f"Forum {i}")
        for i in range(FORUMS)
    )
    config = dataclasses.replace(config, forums=forums, database_path=path)
    clock = ManualClock(NOW)
    store = await Store.open(path, clock)
    await store.forums.sync(config.forums)
    started = time.perf_counter()
    counts = fill(path, SCALE)
    print(
        f"filled in {time.perf_counter() - started:.1f} s: "
        + ", ".join(f"{v:,} {k}" for k, v in counts.items())
    )
    services = Services(
        config=config, clock=clock, store=store, i18n=I18n(config.council.timezone)
    )
    week = iso_week((NOW - timedelta(days=30)).date(), config.council.timezone)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        figures = await digest_runs.figures(services, week)
        timings.append(time.perf_counter() - started)
    t = services.i18n("cy")
    started = time.perf_counter()
    parts = render.messages(t, config, figures)
    csv_text = render.csv_text(t, config, figures)
    html = render.html_report(services.i18n, t, config, figures)
    rendering = time.perf_counter() - started
    await store.close()
    best, median = min(timings), statistics.median(timings)
    print(
        f"week {week.first_day}–{week.last_day}: {figures.total().new_proposals:,} new proposals, "
        f"{figures.total().supports:,} supports, {figures.total().answers:,} answers"
    )
    print(
        f"figures: median {median * 1000:.0f} ms, best {best * 1000:.0f} ms over {runs} runs "
        f"(target < 1000 ms: {median / 1.0:.2f} of the budget)"
    )
    print(
        f"rendering (messages {len(parts)}, CSV {len(csv_text):,} B, HTML with chart "
        f"{len(html):,} B): {rendering * 1000:.0f} ms"
    )


SCALE = 1.0


def main() -> None:
    global SCALE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 %% of the data, to check it runs")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    SCALE = 0.01 if args.quick else 1.0
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(measure(Path(tmp) / "bench.db", args.runs))


if __name__ == "__main__":
    main()
