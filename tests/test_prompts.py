"""Prompts, answers and check-ins through the real Application, with a controllable clock."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from bot.config import Config
from bot.sandbox.fake_bot_api import Fault
from bot.sandbox.scenario import Sandbox, SimPerson
from tests.conftest import query

CONVENOR = 2001  # Environment, adult side
YOUTH_CONVENOR = 2101  # Environment, youth side
GROUP = -100500
TOPIC = 3


async def with_groups(sandbox: Sandbox, config: Config) -> None:
    """Give the Environment forum a group topic, and restart the bot with it."""
    forums = tuple(
        dataclasses.replace(f, chat_id=GROUP, topic_id=TOPIC) if f.id == "environment" else f
        for f in config.forums
    )
    await sandbox.stop()
    sandbox.config = dataclasses.replace(sandbox.config, forums=forums)
    await sandbox.start()


async def members(sandbox: Sandbox, *specs: tuple[str, str, str]) -> list[SimPerson]:
    """People (name, language, age band) who join Environment."""
    people = []
    for name, language, band in specs:
        person = sandbox.person(name, language_code=language)
        await person.join(language, band, ("Amgylchedd" if language == "cy" else "Environment",))
        people.append(person)
    return people


async def compose(convenor: SimPerson, forum: str, texts: dict[str, str]) -> None:
    """Write a prompt in the languages given (cy first) up to the preview."""
    await convenor.press(forum)
    choice = "both" if len(texts) == 2 else next(iter(texts))
    await convenor.press({"cy": "Cymraeg", "en": "English", "both": "Both (Welsh first)"}[choice])
    for language in ("cy", "en"):
        if language in texts:
            await convenor.send(texts[language])


async def send_prompt(convenor: SimPerson, forum: str, texts: dict[str, str]) -> None:
    await convenor.send("/prompt")
    await convenor.press("New prompt")
    await compose(convenor, forum, texts)
    await convenor.press("Send")


TEXTS = {
    "cy": "Dywedwch wrthym am y llwybrau cerdded yn eich ardal chi.",
    "en": "Tell us about the footpaths where you live.",
}


async def test_prompt_reaches_members_in_their_language_and_the_group(
    sandbox: Sandbox, config: Config, db_path: Path
) -> None:
    await with_groups(sandbox, config)
    alys, ben = await members(sandbox, ("Alys", "cy", "45–64"), ("Ben", "en", "26–44"))
    seren, *_ = await members(sandbox, ("Seren", "cy", "16–17"))  # youth side: not this prompt
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await convenor.send("/prompt")
    await convenor.press("New prompt")
    assert convenor.last.labels == ["Environment"]
    await compose(convenor, "Environment", TEXTS)
    assert "It goes to the 2 members of Environment who take prompts." in convenor.last
    assert "also posted in the forum's group" in convenor.last
    await convenor.press("Send")
    assert "Sent to 2 members." in convenor.last

    assert TEXTS["cy"] in alys.last and "Ateb" in alys.last.labels[0]
    assert TEXTS["en"] in ben.last and "Reply" in ben.last.labels[0]
    assert all(TEXTS["cy"] not in m.text for m in seren.messages())
    [post] = ben.messages(GROUP)
    assert post.thread_id == TOPIC
    assert post.text.index(TEXTS["cy"]) < post.text.index(TEXTS["en"])  # Welsh first
    assert query(db_path, "SELECT kind FROM posts")[0][0] == "prompt"


async def test_one_language_prompt_says_which_language(sandbox: Sandbox) -> None:
    [alys] = await members(sandbox, ("Alys", "cy", "45–64"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await send_prompt(convenor, "Environment", {"en": TEXTS["en"]})
    assert TEXTS["en"] in alys.last
    assert "Ysgrifennwyd yr ysgogiad hwn yn Saesneg yn unig" in alys.last.text


async def test_only_the_forums_convenor_can_prompt_or_schedule(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/prompt")
    assert "only forum convenors" in ben.last.text
    await ben.send("/schedule")
    assert "only forum convenors" in ben.last.text
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await convenor.send("/prompt")
    await convenor.press("New prompt")
    await convenor.press_data(convenor.last, "pc:f:transport:adult")  # not her forum
    assert convenor.last_notice == "Sorry, only forum convenors can do that."
    await convenor.press_data(convenor.last, "pc:f:environment:youth")  # not her side
    assert convenor.last_notice == "Sorry, only forum convenors can do that."
    await ben.press_data(ben.last, "pr:new")  # forged, in his own chat
    assert ben.last_notice == "Sorry, only forum convenors can do that."
    assert query(db_path, "SELECT * FROM prompts") == []


async def test_answers_privately_and_in_the_group(
    sandbox: Sandbox, config: Config, db_path: Path
) -> None:
    await with_groups(sandbox, config)
    alys, ben = await members(sandbox, ("Alys", "cy", "45–64"), ("Ben", "en", "26–44"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await send_prompt(convenor, "Environment", TEXTS)

    await alys.press("Ateb")
    await alys.send("Mae'r llwybr ger y gamlas yn fwdlyd iawn.")
    assert "Diolch! Mae eich ateb wedi mynd at gynullwyr Amgylchedd." in alys.last.text

    group = sandbox.group(GROUP)
    [post] = ben.messages(GROUP)
    shown = await ben.send("The coast path needs benches.", group=group, reply_to=post)
    assert [m.chat_id for m in shown] == [ben.id]  # thanked privately, the group stays quiet
    assert "Thank you! Your answer has gone to the convenors of Environment." in ben.last.text

    rows = query(db_path, "SELECT language, side, text FROM answers ORDER BY id")
    assert [tuple(r) for r in rows] == [
        ("cy", "adult", "Mae'r llwybr ger y gamlas yn fwdlyd iawn."),
        ("en", "adult", "The coast path needs benches."),
    ]
    await convenor.send("/prompt")
    await convenor.press("Answers")
    await convenor.press("(2 of 2 answered)")
    assert "2 answers to" in convenor.last.text
    assert "Alys" in convenor.last.text and "The coast path needs benches." in convenor.last.text


async def test_youth_answers_are_anonymous_to_adult_convenors_only(sandbox: Sandbox) -> None:
    [seren] = await members(sandbox, ("Seren", "cy", "16–17"))
    youth_convenor = sandbox.person("Iwan", user_id=YOUTH_CONVENOR)
    await youth_convenor.join("en")
    await send_prompt(youth_convenor, "Environment (youth forum)", TEXTS)
    await seren.press("Ateb")
    await seren.send("Hoffwn i weld mwy o goed.")
    await youth_convenor.send("/prompt")
    await youth_convenor.press("Answers")
    await youth_convenor.press("(1 of 1 answered)")
    assert "Seren" in youth_convenor.last.text  # youth convenors may see who
    admin = sandbox.person("Ann", user_id=1001)  # an admin sees everything too
    await admin.join("en")
    adult_convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await adult_convenor.join("en")
    await adult_convenor.send("/prompt")
    await adult_convenor.press("Answers")
    assert "There are no prompts yet" in adult_convenor.last.text  # not her side
    await adult_convenor.press_data(adult_convenor.last, "pr:a:1:0")  # forged
    assert adult_convenor.last_notice == "That button is out of date. Please start again."


async def new_checkin(convenor: SimPerson, weekday: str, time: str, every: str) -> None:
    await convenor.send("/schedule")
    await convenor.press("New check-in")
    await convenor.press("Environment")
    await convenor.press(weekday)
    await convenor.send(time)
    await convenor.press(every)
    await convenor.press("English")
    await convenor.send("Tell us how the week went in your street.")
    await convenor.press("Save the check-in")


async def test_checkin_is_planned_and_survives_restart(sandbox: Sandbox) -> None:
    sandbox.clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))  # a Monday
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await new_checkin(convenor, "Wednesday", "18:30", "Every 2 weeks")
    assert "Check-in saved." in convenor.last.text
    assert "first on Wednesday, 25 November 2026" in convenor.last.text
    planned = {"checkin:1": datetime(2026, 11, 25, 18, 30, tzinfo=UTC)}  # GMT in November
    assert sandbox.jobs("checkin:") == planned
    await sandbox.restart()
    assert sandbox.jobs("checkin:") == planned
    await convenor.send("/schedule")
    await convenor.press("Check-ins")
    assert "Every 2 weeks on Wednesday at 18:30" in convenor.last.text
    await convenor.press("Cancel check-in 1")
    assert sandbox.jobs("checkin:") == {}
    await sandbox.restart()
    assert sandbox.jobs("checkin:") == {}


async def test_dst_does_not_shift_the_local_time(sandbox: Sandbox, db_path: Path) -> None:
    [ben] = await members(sandbox, ("Ben", "en", "26–44"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    sandbox.clock.set(datetime(2026, 3, 20, 12, 0, tzinfo=UTC))  # Friday before the change
    await new_checkin(convenor, "Monday", "09:00", "Every week")
    expected = [
        datetime(2026, 3, 23, 9, 0, tzinfo=UTC),  # GMT
        datetime(2026, 3, 30, 8, 0, tzinfo=UTC),  # BST from Sunday 29 March
        datetime(2026, 4, 6, 8, 0, tzinfo=UTC),
    ]
    for due in expected:
        assert sandbox.jobs("checkin:") == {"checkin:1": due}
        sandbox.clock.set(due)
        await sandbox.run_job("checkin:1")
    assert len(query(db_path, "SELECT * FROM prompts")) == 3
    times = [m for m in ben.messages() if "how the week went" in m.text]
    assert len(times) == 3

    sandbox.clock.set(datetime(2026, 10, 19, 8, 0, tzinfo=UTC))  # BST, before the change back
    await sandbox.run_job("checkin:1")  # plans the next one from here
    assert sandbox.jobs("checkin:") == {"checkin:1": datetime(2026, 10, 26, 9, 0, tzinfo=UTC)}


async def test_missed_checkin_fires_once_after_downtime(sandbox: Sandbox, db_path: Path) -> None:
    [ben] = await members(sandbox, ("Ben", "en", "26–44"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    sandbox.clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    await new_checkin(convenor, "Tuesday", "12:00", "Every week")
    await sandbox.stop()  # the bot is down over Tuesday noon
    sandbox.clock.set(datetime(2026, 11, 24, 15, 0, tzinfo=UTC))
    await sandbox.start()
    await sandbox.run_job("tick")  # what runs first thing at start
    await sandbox.run_job("tick")
    await sandbox.restart()
    await sandbox.run_job("tick")
    assert len(query(db_path, "SELECT * FROM prompts")) == 1
    assert len([m for m in ben.messages() if "how the week went" in m.text]) == 1
    # Down for longer than the grace window (12 h): that week's check-in is skipped.
    await sandbox.stop()
    sandbox.clock.set(datetime(2026, 12, 2, 1, 0, tzinfo=UTC))  # 13 hours late
    await sandbox.start()
    await sandbox.run_job("tick")
    assert len(query(db_path, "SELECT * FROM prompts")) == 1


async def test_reminders_reach_only_those_who_have_not_answered(
    sandbox: Sandbox, db_path: Path
) -> None:
    alys, ben, cai = await members(
        sandbox, ("Alys", "cy", "45–64"), ("Ben", "en", "26–44"), ("Cai", "en", "65 or over")
    )
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    sandbox.clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    await new_checkin(convenor, "Tuesday", "12:00", "Every week")
    sandbox.clock.set(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    await sandbox.run_job("checkin:1")
    await ben.press("Reply")
    await ben.send("Quiet week, the bins were collected on time.")
    sandbox.clock.set(datetime(2026, 11, 26, 12, 0, 30, tzinfo=UTC))  # 48 hours later
    await sandbox.run_job("tick")
    await sandbox.run_job("tick")  # a second run sends nothing more
    reminded = [
        p
        for p in (alys, ben, cai)
        if any(
            "reminder" in m.text.lower() or "nodyn atgoffa" in m.text.lower() for m in p.messages()
        )
    ]
    assert reminded == [alys, cai]
    assert query(db_path, "SELECT COUNT(*) FROM outbox WHERE kind = 'reminder'")[0][0] == 2


async def test_quiet_hours_hold_checkins_until_morning(sandbox: Sandbox) -> None:
    [ben] = await members(sandbox, ("Ben", "en", "26–44"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    sandbox.clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    await new_checkin(convenor, "Monday", "22:00", "Every week")
    sandbox.clock.set(datetime(2026, 11, 23, 22, 0, tzinfo=UTC))
    await sandbox.run_job("checkin:1")
    assert not any("how the week went" in m.text for m in ben.messages())
    sandbox.clock.set(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    await sandbox.run_job("tick")
    assert "how the week went" in ben.last.text


async def test_429_and_403_lose_no_one_and_send_no_one_twice(
    sandbox: Sandbox, db_path: Path
) -> None:
    people = await members(sandbox, *[(f"M{n}", "en", "26–44") for n in range(6)])
    blocked, flooded = people[0], people[1]
    sandbox.api.blocked.add(blocked.id)
    sandbox.api.fail(
        Fault(
            "sendMessage",
            429,
            "Too Many Requests: retry after 1",
            chat_id=flooded.id,
            retry_after=1,
        )
    )
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await send_prompt(convenor, "Environment", {"en": TEXTS["en"]})
    await sandbox.run_job("tick")
    for person in people[1:]:
        received = [
            c
            for c in sandbox.api.sent("sendMessage", chat_id=person.id)
            if TEXTS["en"] in str(c.params.get("text"))
        ]
        assert len(received) == 1, person.name
    assert (
        query(db_path, "SELECT active FROM people WHERE telegram_id = ?", (blocked.id,))[0][0] == 0
    )
    pending = query(
        db_path, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"
    )
    assert pending[0][0] == 0


async def test_a_check_in_time_typed_as_people_say_it(sandbox: Sandbox, db_path: Path) -> None:
    """ "6 yh" (6pm, in Welsh) is 18:00: convenors need not think in a 24-hour clock."""
    gwen = sandbox.person("Gwen", user_id=CONVENOR, language_code="cy")
    await gwen.join("cy")
    await gwen.send("/amserlen")
    await gwen.press("Ysgogiad rheolaidd newydd")
    await gwen.press("Amgylchedd")
    await gwen.press("Dydd Llun")
    await gwen.send("six o'clock")
    assert "18:00" in gwen.last.text and "6 yh" in gwen.last.text  # asked again, with examples
    await gwen.send("6 yh")
    await gwen.press("Bob wythnos")
    await gwen.press("Cymraeg")
    await gwen.send("Sut aeth yr wythnos yn eich stryd chi?")
    await gwen.press("Cadw'r ysgogiad rheolaidd")
    assert [r["local_time"] for r in query(db_path, "SELECT * FROM schedules")] == ["18:00"]


async def test_prompt_buttons_from_older_versions_still_work(
    sandbox: Sandbox, db_path: Path
) -> None:
    """/prompt, /schedule and the compose flow moved onto typed buttons and a typed draft
    (issue 12); the data older versions put in chats, and a draft stored by one, still work."""
    [ben] = await members(sandbox, ("Ben", "en", "45–64"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await convenor.send("/prompt")
    menu = convenor.last
    await convenor.press_data(menu, "pr:new")
    await convenor.press_data(convenor.last, "pc:f:environment:adult")
    await convenor.press_data(convenor.last, "pc:l:en")
    await convenor.send("Tell us about the bins in your street.")
    await convenor.press_data(convenor.last, "pc:send")
    assert "Sent to 1 member" in convenor.last.text
    assert "bins in your street" in ben.last.text
    await convenor.press_data(menu, "pr:ans")
    await convenor.press_data(convenor.last, "pr:a:1:0")
    assert "Tell us about the bins" in convenor.last.text
    # A draft an older version stored, half-way: it carries on.
    old = json.dumps(
        {"purpose": "schedule", "step": "every", "forum": "environment", "side": "adult",
         "weekday": 2, "time": "18:30"}
    )  # fmt: skip
    person_id = query(db_path, "SELECT id FROM people WHERE telegram_id = ?", (CONVENOR,))[0][0]
    with sqlite3.connect(db_path) as db:
        db.execute(
            "INSERT OR REPLACE INTO conversations (person_id, flow, data, updated_at) "
            "VALUES (?, 'prompt', ?, '2026-11-23T10:00:00.000000Z')",
            (person_id, old),
        )
    await sandbox.restart()
    await convenor.press_data(convenor.last, "pc:e:2")
    await convenor.press_data(convenor.last, "pc:l:en")
    await convenor.send("How was the fortnight in your street?")
    await convenor.press_data(convenor.last, "pc:send")
    assert "Check-in saved. Every 2 weeks on Wednesday at 18:30" in convenor.last.text
    await convenor.send("/schedule")
    await convenor.press_data(convenor.last, "sc:list")
    await convenor.press_data(convenor.last, "sc:x:1")
    assert convenor.last_notice == "Check-in cancelled."
