"""Issue 19: convenors hear of answers to their prompts, at most once an hour per prompt (and
once after the quiet hours), with a button to the new ones; each hide button says what it
hides. Driven by the sandbox's clock and the tick job, not by sleeps."""

from __future__ import annotations

from datetime import datetime

from bot.sandbox.scenario import Sandbox, SimPerson
from tests.test_prompts import send_prompt

CONVENOR = 2001  # convenes Environment (adult side)


def at(sandbox: Sandbox, local: str) -> None:
    sandbox.clock.set(datetime.fromisoformat(local))  # Europe/London is UTC in November


def notices(convenor: SimPerson) -> list[str]:
    return [m.text for m in convenor.messages() if "new answer" in m.text]


async def cast(sandbox: Sandbox) -> tuple[SimPerson, list[SimPerson]]:
    gwen = sandbox.person("Gwen", user_id=CONVENOR)
    await gwen.join("en")
    members = []
    for name in ("Ben", "Alys", "Cai"):
        person = sandbox.person(name)
        await person.join("en", "45–64", ("Environment",))
        members.append(person)
    return gwen, members


async def answer(person: SimPerson, text: str) -> None:
    await person.press("Reply")
    await person.send(text)


async def test_answers_within_an_hour_bring_one_notice_when_it_is_over(sandbox: Sandbox) -> None:
    at(sandbox, "2026-11-24T10:15:00+00:00")
    gwen, (ben, alys, cai) = await cast(sandbox)
    await send_prompt(gwen, "Environment", {"en": "Tell us about the beach."})
    at(sandbox, "2026-11-24T10:20:00+00:00")
    await answer(ben, "The bins are full on Sundays.")
    at(sandbox, "2026-11-24T10:40:00+00:00")
    await answer(alys, "More shade by the play area, please.")
    at(sandbox, "2026-11-24T10:59:00+00:00")
    await sandbox.run_job("tick")
    assert notices(gwen) == []  # not after every answer

    at(sandbox, "2026-11-24T11:00:30+00:00")
    await sandbox.run_job("tick")
    await sandbox.run_job("tick")
    assert notices(gwen) == ["💬 2 new answers to “Tell us about the beach.” in Environment."]
    await gwen.press("📖 Read them")
    assert "The bins are full" in gwen.last and "More shade" in gwen.last
    assert gwen.last.labels[:2] == ["🙈 Hide answer 1 (Ben)", "🙈 Hide answer 2 (Alys)"]

    at(sandbox, "2026-11-24T11:30:00+00:00")
    await answer(cai, "A lifeguard in August.")
    at(sandbox, "2026-11-24T12:00:00+00:00")
    await sandbox.run_job("tick")
    assert notices(gwen)[-1] == "💬 1 new answer to “Tell us about the beach.” in Environment."
    await gwen.press("📖 Read them")  # from the new one
    assert "A lifeguard" in gwen.last and "The bins are full" not in gwen.last
    assert gwen.last.labels[0] == "🙈 Hide answer 3 (Cai)"


async def test_answers_in_the_quiet_hours_wait_for_one_morning_notice(sandbox: Sandbox) -> None:
    at(sandbox, "2026-11-24T19:00:00+00:00")
    gwen, (ben, alys, _) = await cast(sandbox)
    await send_prompt(gwen, "Environment", {"en": "Tell us about the beach."})
    at(sandbox, "2026-11-24T22:30:00+00:00")
    await answer(ben, "The bins are full on Sundays.")
    at(sandbox, "2026-11-24T23:40:00+00:00")
    await answer(alys, "More shade by the play area, please.")
    for hour in ("23:00", "00:05", "03:00", "07:59"):
        day = "24" if hour.startswith("23") else "25"
        at(sandbox, f"2026-11-{day}T{hour}:00+00:00")
        await sandbox.run_job("tick")
    assert notices(gwen) == []
    at(sandbox, "2026-11-25T08:00:00+00:00")
    await sandbox.run_job("tick")
    assert notices(gwen) == ["💬 2 new answers to “Tell us about the beach.” in Environment."]


async def test_no_notice_when_the_new_answers_were_hidden_meanwhile(sandbox: Sandbox) -> None:
    at(sandbox, "2026-11-24T10:15:00+00:00")
    gwen, (ben, _, _) = await cast(sandbox)
    await send_prompt(gwen, "Environment", {"en": "Tell us about the beach."})
    await answer(ben, "Something rude about a neighbour.")
    await gwen.send("/prompt")
    await gwen.press("Answers")
    await gwen.press("answered")
    await gwen.press("🙈 Hide answer 1 (Ben)")
    await gwen.send("Names a neighbour.")
    at(sandbox, "2026-11-24T11:00:00+00:00")
    await sandbox.run_job("tick")
    assert notices(gwen) == []
