"""The weekly community-strategy digest: figures, periods, rendering, exactly-once delivery."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import Config, example_config_path
from bot.domain.figures import DigestFigures, DigestItem, Tally
from bot.domain.people import Side
from bot.domain.periods import iso_week, last_full_week, latest_digest, local_days, week_so_far
from bot.domain.proposals import Status
from bot.i18n import I18n
from bot.render import digest_chart, limits
from bot.render import report as render
from bot.sandbox.scenario import Sandbox, SimPerson
from bot.services import digest_runs
from tests.conftest import query
from tests.test_proposals import propose

LONDON = ZoneInfo("Europe/London")
OFFICER = 1002
MONDAY_16 = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)


async def at(sandbox: Sandbox, when: datetime) -> None:
    sandbox.clock.set(when)


async def support(person: SimPerson, forum: str, ref: str) -> None:
    await person.send("/proposals")
    await person.press(forum)
    await person.press(f"Support {ref}")


async def build_week(sandbox: Sandbox) -> dict[str, SimPerson]:
    """A hand-made week (16–22 Nov 2026) with a known right answer, and a week before it."""
    await at(sandbox, MONDAY_16 - timedelta(days=7))
    ann = sandbox.person("Ann")
    await ann.join("en", "45–64", ("Transport", "Environment"))
    await propose(
        ann, "Transport", "Bus shelter on Station Road\nIt rains a lot."
    )  # P-0001, week before
    await at(sandbox, MONDAY_16)
    ben, seren, cai = sandbox.person("Ben"), sandbox.person("Seren"), sandbox.person("Cai")
    await ben.join("en", "26–44", ("Transport", "Environment"))
    await seren.join("en", "16–17", ("Environment",))
    await cai.join("en", "65 or over", ("Environment",))
    await propose(ben, "Transport", "Later buses\nThe last one is too early.")  # P-0002 adult
    await propose(
        seren, "Environment", "Youth litter pick\nOnce a month on the beach."
    )  # P-0003 youth
    await propose(cai, "Environment", "More benches\nOn the coast path.")  # P-0004 adult
    iwan = sandbox.person("Iwan", user_id=2101)  # youth convenor of Environment
    await iwan.join("en")
    await iwan.send("/review")
    await iwan.press("Approve")  # young people's proposals wait for a convenor
    await support(seren, "Transport", "P-0002")  # youth supporter of an adult proposal
    await support(cai, "Transport", "P-0002")
    await support(ben, "Environment", "P-0003")
    await support(cai, "Environment", "P-0003")
    await support(ann, "Environment", "P-0003")
    officer = sandbox.person("Olwen", user_id=OFFICER)
    await officer.join("en")
    await officer.send("/status P-0001 adopted In the Community Strategy.")
    await officer.send("/status P-0004 declined No budget this year.")
    await at(sandbox, datetime(2026, 11, 22, 23, 30, tzinfo=UTC))  # Sunday night: still this week
    await officer.send("/status P-0002 consideration Talking to the bus company.")
    return {"ann": ann, "ben": ben, "seren": seren, "cai": cai, "officer": officer}


async def test_figures_on_a_hand_made_week(sandbox: Sandbox) -> None:
    await build_week(sandbox)
    services = sandbox.app.bot_data.services
    assert services is not None
    week = iso_week(date(2026, 11, 16), LONDON)
    figures = await digest_runs.figures(services, week)
    assert figures.tally("transport", Side.ADULT) == Tally(new_proposals=1, supports=1, adopted=1)
    assert figures.tally("transport", Side.YOUTH) == Tally(supports=1)
    assert figures.tally("environment", Side.ADULT) == Tally(
        new_proposals=1, supports=3, not_taken_forward=1
    )
    assert figures.tally("environment", Side.YOUTH) == Tally(new_proposals=1)
    assert figures.total() == Tally(new_proposals=3, supports=5, adopted=1, not_taken_forward=1)
    assert figures.total(previous=True) == Tally(new_proposals=1)
    assert [i.proposal_id for i in figures.new] == [3, 4, 2]  # by forum, most supported first
    assert {i.proposal_id: i.changed_to for i in figures.changed} == {
        1: Status.ADOPTED, 4: Status.NOT_TAKEN_FORWARD, 2: Status.UNDER_CONSIDERATION,
    }  # fmt: skip
    assert [i.proposal_id for i in figures.top["environment"]] == [3]
    assert [i.proposal_id for i in figures.top["transport"]] == [2]
    # People taking part: Ben proposed and supported, Cai proposed and supported twice (once
    # each), Ann supported; Seren proposed and supported (youth).
    assert figures.people_taking_part == {Side.ADULT: 3, Side.YOUTH: 1}
    assert figures.participants[("environment", Side.ADULT)] == 3  # Ben, Cai, Ann
    assert figures.participants[("transport", Side.ADULT)] == 2  # Ben, Cai
    assert figures.forum_measure("environment", "decisions", Side.ADULT) == 1
    # The trend: twelve whole weeks up to this one, oldest first.
    assert len(figures.trend) == 12 and figures.trend[-1].first_day == date(2026, 11, 16)
    assert figures.trend[-2].value("new_proposals") == 1  # Ann's, the week before
    assert figures.trend[-2].value("participants", Side.ADULT) == 1
    assert figures.trend[-1].value("new_proposals", Side.YOUTH) == 1
    assert figures.trend[-1].value("decisions") == 2
    assert sum(w.value("answers") for w in figures.trend) == 0
    # The council's pace: P-0001, P-0004 (decided) and P-0002 (under consideration) answered.
    assert figures.trend[-1].value("council_answers") == 3


async def test_the_week_so_far_is_compared_day_for_day(sandbox: Sandbox) -> None:
    """/digest on a Wednesday: Monday to today, against Monday to Wednesday of the week
    before (not the whole of it), and the trend's earlier weeks stay whole."""
    people = await build_week(sandbox)
    await at(sandbox, datetime(2026, 11, 25, 12, 0, tzinfo=UTC))  # Wednesday 25th
    await propose(people["ben"], "Transport", "A crossing by the school\nIt is busy at 3pm.")
    officer = people["officer"]
    await officer.send("/digest")
    [text] = [m.text for m in officer.messages() if "23–25 Nov 2026" in m.text]
    assert "the week so far, 23–25 Nov 2026 (Monday to today)" in text
    # Monday–Wednesday of the week before: P-0002 and P-0004 (Monday), P-0003 (Monday) = 3.
    assert "New proposals: 1 (adults 1, youth 0; ▼ 2 on the same days of the week before)" in text
    services = sandbox.app.bot_data.services
    assert services is not None
    figures = await digest_runs.figures(
        services, week_so_far(datetime(2026, 11, 25, 12, 0, tzinfo=UTC), LONDON)
    )
    assert figures.trend[-2].first_day == date(2026, 11, 16)
    assert figures.trend[-2].value("new_proposals") == 3  # the whole week before


def test_week_boundaries_across_the_clock_changes() -> None:
    spring = iso_week(date(2026, 3, 25), LONDON)  # the week the clocks go forward
    assert spring.start == datetime(2026, 3, 23, 0, 0, tzinfo=UTC)
    assert spring.end == datetime(2026, 3, 29, 23, 0, tzinfo=UTC)  # Monday 00:00 BST
    assert spring.end - spring.start == timedelta(hours=167)
    autumn = iso_week(date(2026, 10, 22), LONDON)
    assert autumn.start == datetime(2026, 10, 18, 23, 0, tzinfo=UTC)  # Monday 00:00 BST
    assert autumn.end == datetime(2026, 10, 26, 0, 0, tzinfo=UTC)
    assert autumn.end - autumn.start == timedelta(hours=169)
    due, period = latest_digest(
        datetime(2026, 3, 30, 8, 30, tzinfo=UTC), 0, datetime.min.time().replace(hour=9), LONDON
    )
    assert due == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)  # 09:00 BST
    assert period == spring
    assert last_full_week(datetime(2026, 3, 30, 8, 30, tzinfo=UTC), LONDON) == spring


async def test_week_boundary_across_dst_in_the_figures(sandbox: Sandbox) -> None:
    ben = sandbox.person("Ben")
    await at(sandbox, datetime(2026, 3, 28, 12, 0, tzinfo=UTC))
    await ben.join("en", "26–44")
    await at(sandbox, datetime(2026, 3, 29, 22, 30, tzinfo=UTC))  # 23:30 BST, Sunday
    await propose(ben, "Transport", "Late on Sunday\nStill this week.")
    await at(sandbox, datetime(2026, 3, 29, 23, 30, tzinfo=UTC))  # 00:30 BST, Monday
    await propose(ben, "Transport", "Early on Monday\nNext week already.")
    services = sandbox.app.bot_data.services
    assert services is not None
    spring = await digest_runs.figures(services, iso_week(date(2026, 3, 25), LONDON))
    after = await digest_runs.figures(services, iso_week(date(2026, 3, 30), LONDON))
    assert spring.total().new_proposals == 1 and after.total().new_proposals == 1
    assert [i.title for i in spring.new] == ["Late on Sunday"]


def _figures(
    counts: dict[tuple[str, Side], Tally], items: int = 0, title: str = "T"
) -> DigestFigures:
    period = iso_week(date(2026, 11, 16), LONDON)
    new = [
        DigestItem(n, "environment", Side.ADULT, f"{title} {n}", "cy", Status.OPEN, n, False,
                   None, datetime(2026, 11, 17, tzinfo=UTC))
        for n in range(1, items + 1)
    ]  # fmt: skip
    return DigestFigures(period=period, tallies=counts, previous={}, new=new)


@pytest.mark.parametrize(
    ("count", "welsh"),
    [(0, "dim cynigion newydd"), (1, "1 cynnig newydd"), (2, "2 gynnig newydd"),
     (3, "3 chynnig newydd"), (6, "6 chynnig newydd"), (7, "7 cynnig newydd")],
)  # fmt: skip
def test_rendering_in_welsh_and_english_with_plurals(
    config: Config, count: int, welsh: str
) -> None:
    i18n = I18n(LONDON)
    figures = _figures({("environment", Side.YOUTH): Tally(new_proposals=count, supports=1)})
    cy = "\n".join(render.messages(i18n("cy"), config, figures))
    en = "\n".join(render.messages(i18n("en"), config, figures))
    assert f"Fforwm ieuenctid: {welsh}" in cy
    assert "Crynodeb y Strategaeth Gymunedol" in cy and "16–22 Tach 2026" in cy
    english = "1 new proposal" if count == 1 else f"{count} new proposals"
    assert f"Youth forum: {english}" in en and "16–22 Nov 2026" in en
    assert "Amgylchedd" in cy and "Environment" in en


def test_long_digest_is_split_cleanly(config: Config) -> None:
    i18n = I18n(LONDON)
    many = dict.fromkeys([(f.id, s) for f in config.forums for s in Side], Tally(new_proposals=9))
    figures = _figures(many, items=40, title="A very long proposal title about the harbour " * 2)
    figures.top.update({f.id: figures.new[:3] for f in config.forums})
    parts = render.messages(i18n("en"), config, figures)
    assert len(parts) > 1
    # Telegram counts the text the reader sees (tags and entities parsed), not the HTML.
    assert all(limits.html_units(p) <= 4096 for p in parts)
    text = "\n".join(parts)
    for part in parts:  # no line is cut across two messages: every part is whole lines
        assert not part.startswith("\n") and not part.endswith("\n")
    environment = text[
        text.index("<b>Environment</b>") : text.index("<b>Health and Wellbeing</b>")
    ]
    shown = re.findall(r"P-\d{4}", environment)
    assert len(shown) == len(set(shown))  # no item repeated within a forum
    assert "…and 29 more in the attached files." in environment


async def test_digest_reaches_each_officer_exactly_once(sandbox: Sandbox, db_path: Path) -> None:
    people = await build_week(sandbox)
    officer = people["officer"]
    await sandbox.restart()  # jobs are planned from the clock at start
    due = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert sandbox.jobs("digest") == {"digest": due}
    await at(sandbox, due)
    await sandbox.run_job("digest")
    await sandbox.run_job("tick")
    await sandbox.restart()
    await sandbox.run_job("tick")
    await sandbox.run_job("digest")
    photos = sandbox.api.sent("sendPhoto", chat_id=officer.id)
    assert len(photos) == 2  # by forum, and the last 12 weeks
    files = [c.files["document"][0] for c in sandbox.api.sent("sendDocument", chat_id=officer.id)]
    assert files == ["cydlais-digest-2026-11-16.csv", "cydlais-digest-2026-11-16.html"]
    texts = [m.text for m in officer.messages() if "Community Strategy digest" in m.text]
    assert len(texts) == 1 and "16–22 Nov 2026" in texts[0]
    assert sandbox.jobs("digest") == {"digest": datetime(2026, 11, 30, 9, 0, tzinfo=UTC)}


async def test_two_processes_send_one_digest(
    sandbox: Sandbox, config: Config, db_path: Path
) -> None:
    people = await build_week(sandbox)
    await at(sandbox, datetime(2026, 11, 23, 9, 0, 5, tzinfo=UTC))
    second = Sandbox(config, db_path, clock=sandbox.clock, api=sandbox.api)
    async with second:
        await sandbox.run_job("tick")
        await second.run_job("tick")
        await second.run_job("digest")
    assert len(sandbox.api.sent("sendPhoto", chat_id=people["officer"].id)) == 2


async def test_missed_weeks_are_caught_up_after_downtime(sandbox: Sandbox) -> None:
    people = await build_week(sandbox)
    await at(sandbox, datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    await sandbox.run_job("digest")
    await sandbox.stop()  # down for two digests
    await at(sandbox, datetime(2026, 12, 8, 12, 0, tzinfo=UTC))
    await sandbox.start()
    await sandbox.run_job("tick")
    await sandbox.run_job("tick")
    names = [
        c.files["document"][0]
        for c in sandbox.api.sent("sendDocument", chat_id=people["officer"].id)
    ]
    assert [n for n in names if n.endswith(".csv")] == [
        "cydlais-digest-2026-11-16.csv", "cydlais-digest-2026-11-23.csv",
        "cydlais-digest-2026-11-30.csv",
    ]  # fmt: skip


async def test_digest_on_demand_and_refusal(sandbox: Sandbox) -> None:
    people = await build_week(sandbox)
    await at(sandbox, datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
    officer = people["officer"]
    await officer.send("/digest")
    assert any("16–20 Nov 2026" in m.text for m in officer.messages())
    ben = people["ben"]
    await ben.send("/crynodeb")
    assert "the digest is for council officers" in ben.last.text


async def test_csv_parses_back_without_personal_data(
    sandbox: Sandbox, config: Config, db_path: Path
) -> None:
    await build_week(sandbox)
    services = sandbox.app.bot_data.services
    assert services is not None
    figures = await digest_runs.figures(services, iso_week(date(2026, 11, 16), LONDON))
    text = render.csv_text(services.i18n("cy"), config, figures)
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8 only with the byte order mark
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [r["reference"] for r in rows] == ["P-0001", "P-0002", "P-0003", "P-0004"]
    assert rows[2]["side"] == "youth" and rows[2]["forum"] == "Amgylchedd"
    assert rows[0]["status_changed_to"] == "adopted" and rows[0]["new_in_period"] == "0"
    people = query(db_path, "SELECT telegram_id, display_name FROM people")
    for person in people:
        assert str(person["telegram_id"]) not in text and person["display_name"] not in text


async def test_html_report_is_well_formed_and_self_contained(
    sandbox: Sandbox, config: Config
) -> None:
    await build_week(sandbox)
    services = sandbox.app.bot_data.services
    assert services is not None
    figures = await digest_runs.figures(services, iso_week(date(2026, 11, 16), LONDON))
    page = render.html_report(services.i18n, services.i18n("cy"), config, figures)
    root = ElementTree.fromstring(page.removeprefix("<!DOCTYPE html>\n"))
    assert root.attrib["lang"] == "cy"
    assert "http" not in page.replace("http-equiv", "")  # no external assets
    assert root.find(".//img").attrib["src"].startswith("data:image/png;base64,")  # type: ignore[union-attr]
    assert 'lang="en"' in page and "Later buses" in page  # proposals keep their language
    for png in (
        digest_chart.by_forum_png(services.i18n("en"), config, figures),
        digest_chart.trend_png(services.i18n("cy"), figures),
    ):
        assert png.startswith(b"\x89PNG")
        assert int.from_bytes(png[16:20]) == 768  # wide enough to stay sharp at 390 px


def test_cli_writes_digest_files(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        example_config_path()
        .read_text()
        .replace('path = "cydlais.db"', f'path = "{tmp_path / "x.db"}"')
    )
    for kind in ("text", "csv", "html", "png"):
        out = tmp_path / f"digest.{kind}"
        result = subprocess.run(
            [sys.executable, "-m", "bot", "digest", "--config", str(config),
             "--from", "2026-11-16", "--to", "2026-11-22", "--format", kind,
             "--out", str(out), "--language", "en"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 100
    assert "16–22 Nov 2026" in (tmp_path / "digest.text").read_text()
    assert "<b>" not in (tmp_path / "digest.text").read_text()


def test_period_helpers() -> None:
    days = local_days(date(2026, 11, 1), date(2026, 11, 30), LONDON)
    assert days.previous(LONDON).first_day == date(2026, 10, 2)


async def test_every_csv_opens_in_excel_with_references(sandbox: Sandbox, config: Config) -> None:
    """As Excel opens a CSV: bytes with a UTF-8 byte order mark; ŵ and ŷ survive; every file
    about proposals carries the P-0042 reference (the digest's and the open data's)."""
    from bot.render import open_data

    await build_week(sandbox)
    services = sandbox.app.bot_data.services
    assert services is not None
    figures = await digest_runs.figures(services, iso_week(date(2026, 11, 16), LONDON))
    digest_csv = render.csv_text(services.i18n("cy"), config, figures).encode()
    named = open_data.files(await services.store.privacy.open_data(), "Cyngor", "Council")
    files = {"digest.csv": digest_csv, **{n: b for n, b in named.items() if n.endswith(".csv")}}
    for name, content in files.items():
        assert content.startswith(b"\xef\xbb\xbf"), name
        rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
        if name in ("digest.csv", "proposals.csv", "status_history.csv", "replies.csv"):
            assert all(re.fullmatch(r"P-\d{4}", row["reference"]) for row in rows), name
    digest_rows = list(csv.DictReader(io.StringIO(digest_csv.decode("utf-8-sig"))))
    assert "ar agor i'w gefnogi" in {r["status_name"] for r in digest_rows}  # words, in Welsh
    local = r"\d{4}-\d\d-\d\d \d\d:\d\d"
    assert all(re.fullmatch(local, r["created_at_local"]) for r in digest_rows)


async def test_the_councils_answers_forum_by_forum(sandbox: Sandbox, config: Config) -> None:
    """Issue 13: responsiveness per forum side as well as overall, in the text and the HTML."""
    await build_week(sandbox)
    services = sandbox.app.bot_data.services
    assert services is not None
    figures = await digest_runs.figures(services, iso_week(date(2026, 11, 16), LONDON))
    text = "\n".join(render.messages(services.i18n("en"), config, figures))
    assert "Transport: 2 answered, 0 waiting, 0 overdue" in text  # P-0001 adopted, P-0002
    assert "Environment: 1 answered, 0 waiting, 0 overdue" in text  # P-0004 not taken forward
    assert "Environment (youth forum): 0 answered, 1 waiting, 0 overdue" in text  # P-0003
    assert "Health" not in text.split("By forum")[1].split("\n\n")[0]  # nothing owed there
    page = render.html_report(services.i18n, services.i18n("cy"), config, figures)
    assert "answers by forum" in page
    assert "Atebion y cyngor fesul fforwm" in page


async def test_the_html_report_names_the_ward_and_the_officers_reason(
    sandbox: Sandbox, config: Config
) -> None:
    ben = (await build_week(sandbox))["ben"]
    services = sandbox.app.bot_data.services
    assert services is not None
    await ben.send("/propose")
    await ben.press("Transport")
    await ben.send("A crossing on Station Road\nBy the chemist.")
    await ben.press("Burry Port")
    await ben.press("Send")
    figures = await digest_runs.figures(services, week_so_far(sandbox.clock.now(), LONDON))
    page = render.html_report(services.i18n, services.i18n("en"), config, figures)
    assert "A crossing on Station Road" in page and "Burry Port" in page and "Porth Tywyn" in page
    figures = await digest_runs.figures(services, iso_week(date(2026, 11, 16), LONDON))
    page = render.html_report(services.i18n, services.i18n("en"), config, figures)
    assert "“No budget this year.”" in page  # the reason P-0004 was not taken forward
    assert "On the coast path." in page  # its detail
