"""``cydlais demo``: the real bot, offline, playing a short scripted session.

It runs the same Application as ``cydlais run`` against the fake Bot API, with the given config
and a throwaway database, and returns the conversation as a readable transcript plus any files
the bot sent. Each feature adds its scene, so the demo always shows the whole product.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.clock import ManualClock
from bot.config import Config
from bot.sandbox.scenario import Sandbox, SimPerson

DEMO_START = datetime.fromisoformat("2026-11-23T10:00:00+00:00")


@dataclass
class DemoResult:
    """What the demo produced: the transcript and files worth keeping (name → bytes)."""

    transcript: str
    files: dict[str, bytes] = field(default_factory=dict)


async def run_demo(config: Config) -> DemoResult:
    """Play every scene against a throwaway database and return what people saw."""
    with tempfile.TemporaryDirectory(prefix="cydlais-demo-") as tmp:
        sandbox = Sandbox(config, Path(tmp) / "demo.db", clock=ManualClock(DEMO_START))
        async with sandbox:
            await _scene_onboarding(sandbox)
            await _scene_proposals(sandbox)
            await _scene_prompts(sandbox)
            await _scene_common_ground(sandbox)
            await _scene_digest(sandbox)
            await _scene_typed_idea(sandbox)
            await _scene_meeting(sandbox)
            await _scene_closing_the_loop(sandbox)
            await _scene_data_rights(sandbox)
            await _scene_settings(sandbox)
        if sandbox.errors:
            raise RuntimeError(f"the demo hit errors: {sandbox.errors!r}")
        return DemoResult(sandbox.render_transcript(), _files_sent(sandbox))


async def _scene_onboarding(sandbox: Sandbox) -> None:
    """A Welsh speaker and an English speaker join their forums."""
    sandbox.note("—", "Scene 1: two residents join (Welsh and English)")
    alys = sandbox.person("Alys", user_id=3001, language_code="cy", last_name="Evans")
    await alys.join("cy", "45–64", ("Amgylchedd", "Trafnidiaeth"))
    ben = sandbox.person("Ben", user_id=3002, language_code="en-GB", last_name="Thomas")
    await ben.join("en", "26–44", ("Transport", "Environment"))
    await ben.send("/help")
    await ben.send("/fly")
    await alys.send("/iaith")
    await alys.press("English")
    await alys.send("/language")
    await alys.press("Cymraeg")


async def _scene_proposals(sandbox: Sandbox) -> None:
    """Proposals in both languages, a support, and "you said, we did"."""
    sandbox.note("—", "Scene 2: proposals, support, and a status change")
    alys, ben = sandbox.people_by_id(3001), sandbox.people_by_id(3002)
    await alys.send("/cynnig")
    await alys.press("Amgylchedd")
    await alys.send(
        "Biniau ailgylchu ar y traeth\n"
        "Mae sbwriel yn casglu ger y llithrfa ym Mhorth Tywyn bob penwythnos yn yr haf."
    )
    await alys.press("Porth Tywyn")
    await alys.press("Anfon")
    await ben.send("/propose")
    await ben.press("Transport")
    await ben.send(
        "Later buses to Llanelli\nThe last bus leaves Burry Port at 18:10, too early for "
        "people who work late."
    )
    await ben.press("Burry Port")
    await ben.press("Send")
    await ben.send("/proposals")
    await ben.press("Environment")
    await ben.press("Support P-0001")
    olwen = sandbox.person("Olwen", user_id=1002, language_code="en", last_name="Price")
    with sandbox.offstage("(Olwen Price, a council officer, joins the same way.)"):
        await olwen.join("en", "45–64")
    await olwen.send("/status P-0001")
    await olwen.press("Adopted")
    await olwen.send(
        "The beach bins are in the Community Strategy; the first two go in before Easter."
    )
    await alys.send("/fy_nghynigion")


async def _scene_prompts(sandbox: Sandbox) -> None:
    """A convenor asks "tell us about…" in both languages; answers; a weekly check-in fires."""
    sandbox.note("—", "Scene 3: a convenor's prompt, answers, and a check-in")
    alys, ben = sandbox.people_by_id(3001), sandbox.people_by_id(3002)
    gwen = sandbox.person("Gwen", user_id=2001, language_code="cy", last_name="Morgan")
    with sandbox.offstage("(Gwen Morgan, convenor of the Environment forum, has joined.)"):
        await gwen.join("cy", "45–64")
    await gwen.send("/ysgogiad")
    await gwen.press("Ysgogiad newydd")
    await gwen.press("Amgylchedd")
    await gwen.press("Y ddwy (Cymraeg yn gyntaf)")
    await gwen.send("Dywedwch wrthym am y llwybrau cerdded a beicio yn eich ardal chi.")
    await gwen.send("Tell us about the walking and cycling paths where you live.")
    await gwen.press("Anfon")
    await alys.press("Ateb")
    await alys.send("Mae llwybr yr arfordir yn wych, ond does dim digon o feinciau.")
    await ben.press("Reply")
    await ben.send("The path by the harbour floods at high tide.")
    await gwen.send("/ysgogiad")
    await gwen.press("Atebion")
    await gwen.press("wedi ateb")
    await _more_members(sandbox)
    await _indicator_chosen(sandbox, alys, ben, gwen)
    await gwen.send("/amserlen")
    await gwen.press("Ysgogiad rheolaidd newydd")
    await gwen.press("Amgylchedd")
    await gwen.press("Dydd Llun")
    await gwen.send("18:00")
    await gwen.press("Bob wythnos")
    await gwen.press("Cymraeg")
    await gwen.send("Sut aeth yr wythnos yn eich stryd chi? Unrhyw beth i'w rannu?")
    await gwen.press("Cadw'r ysgogiad rheolaidd")
    sandbox.note("—", "(18:00 that Monday: the check-in falls due.)")
    sandbox.clock.set(datetime.fromisoformat("2026-11-23T18:00:00+00:00"))
    await sandbox.run_job("checkin:1")
    await alys.press("4")  # the indicator's one tap, sent with the check-in
    await ben.press("3")
    with sandbox.offstage("(Carys, Dewi and Elin tap their answers too.)"):
        for i, value in enumerate((2, 4, 3)):
            await sandbox.people_by_id(3100 + i).press(str(value))


async def _more_members(sandbox: Sandbox) -> None:
    """People the later scenes need, joined off stage."""
    clerk = sandbox.person("Alaw", user_id=1001, language_code="en", last_name="Hughes")
    rhys = sandbox.person("Rhys", user_id=2101, language_code="cy", last_name="Jenkins")
    extra = [sandbox.person(name, user_id=3100 + i) for i, name in enumerate(EXTRA_ADULTS)]
    young = [sandbox.person(name, user_id=3200 + i) for i, name in enumerate(YOUNG_PEOPLE)]
    with sandbox.offstage(
        "(The town clerk Alaw Hughes, Rhys Jenkins (youth convenor, Environment), three more "
        "adults and five young people aged 16–17 join the Environment forum.)"
    ):
        await clerk.join("en", "45–64")
        await rhys.join("cy", "26–44")
        for person in extra:
            await person.join("en", "45–64", ("Environment",))
        for person in young:
            await person.join("en", "16–17", ("Environment",))


async def _indicator_chosen(
    sandbox: Sandbox, alys: SimPerson, ben: SimPerson, gwen: SimPerson
) -> None:
    """The forum chooses something to measure: Ben suggests, others back it, Gwen adopts it."""
    await ben.send("/indicators")
    await ben.press("💡 Suggest one for Environment")
    await ben.send(INDICATOR)
    await alys.send("/dangosyddion")
    await alys.press("👍 Cefnogi")
    with sandbox.offstage("(Two more members back it.)"):
        for i in range(2):
            person = sandbox.people_by_id(3100 + i)
            await person.send("/indicators")
            await person.press("👍 Back")
    await gwen.send("/dangosyddion")
    await gwen.press("📏 Mabwysiadu")
    await gwen.press("Cymru iachach")


INDICATOR = "How clean is the beach when you visit it?"
GROUND_SEEDS = ("Keep the coast path free of litter", "Close the beach car park at night")
GROUND_WRITTEN = "A skate park by the harbour"
EXTRA_ADULTS = ("Carys", "Dewi", "Elin")
YOUNG_PEOPLE = ("Yasmin", "Zac", "Ffion", "Gethin", "Hana")


def _ground_vote(young: bool, statement: str) -> str:
    """How the demo's members vote: the litter statement has everyone behind it; the car park
    divides adults (for) and young people (against); the skate park is the young people's."""
    if statement.startswith(GROUND_SEEDS[0]) or "llwybr" in statement:
        return "agree"
    if statement.startswith(GROUND_SEEDS[1]) or "maes parcio" in statement:
        return "disagree" if young else "agree"
    return "agree" if young else "pass"


ENGLISH_VOTES = {"agree": "👍 Agree", "disagree": "👎 Disagree", "pass": "🤷 Pass / unsure"}
WELSH_VOTES = {"agree": "👍 Cytuno", "disagree": "👎 Anghytuno", "pass": "🤷 Pasio / ddim yn siŵr"}


async def _vote_all(person: SimPerson, young: bool, labels: dict[str, str]) -> None:
    """Vote through every statement dealt, as planned (the first button opens the cards)."""
    await person.press("🗳")  # the invitation's "vote" button, in either language
    while "👍" in str(person.last.buttons):
        statement = person.last.text.removeprefix("💬 ")
        await person.press(labels[_ground_vote(young, statement)])


async def _scene_common_ground(sandbox: Sandbox) -> None:
    """The town clerk asks adults and young people together; common ground and a divide."""
    sandbox.note("—", "Scene 4: finding common ground, adults and young people together")
    alys, ben = sandbox.people_by_id(3001), sandbox.people_by_id(3002)
    clerk, rhys = sandbox.people_by_id(1001), sandbox.people_by_id(2101)
    extra = [sandbox.people_by_id(3100 + i) for i in range(len(EXTRA_ADULTS))]
    young = [sandbox.people_by_id(3200 + i) for i in range(len(YOUNG_PEOPLE))]
    await clerk.send("/conversation")
    await clerk.press("➕ Start a new conversation")
    await clerk.press("Environment (adults and young people together)")
    await clerk.press("7 days")
    await clerk.press("Both (Welsh first)")
    await clerk.send("Beth fyddai'n gwneud yr arfordir yn well i bawb?")
    await clerk.send("What would make the coast better for everyone?")
    for seed in GROUND_SEEDS:
        await clerk.send(seed)
    await clerk.press("✅ Open the conversation")
    await young[0].press("✍️ Add a statement")
    await young[0].send(GROUND_WRITTEN)
    await rhys.press("✅ Cymeradwyo")
    await _vote_all(alys, False, WELSH_VOTES)
    with sandbox.offstage("(Ben, the three other adults and the five young people vote too.)"):
        for person in (ben, *extra):
            await _vote_all(person, False, ENGLISH_VOTES)
        for person in young:
            await _vote_all(person, True, ENGLISH_VOTES)
    await clerk.send("/conversation")
    await clerk.press("📊 Results: Environment")


async def _scene_digest(sandbox: Sandbox) -> None:
    """A week later the officer gets the community-strategy digest, with its files."""
    sandbox.note("—", "Scene 5: Monday 30 November, 09:00: the weekly digest reaches the officer")
    sandbox.clock.set(datetime.fromisoformat("2026-11-30T09:00:00+00:00"))
    await sandbox.run_job("digest")


async def _scene_typed_idea(sandbox: Sandbox) -> None:
    """No dead ends: an idea typed with no command, a photo, a shared link, a report with care,
    and an 18-year-old choosing the adult forums."""
    sandbox.note("—", "Scene 6: no dead ends: an idea typed in, a photo, a link to share")
    alys, ben = sandbox.people_by_id(3001), sandbox.people_by_id(3002)
    await ben.send("diolch!")
    await ben.send("The pavement outside the chemist on Station Road is broken")
    await ben.press("No, don't send it")  # not an answer to the open check-in: an idea
    await ben.press("Transport")
    await ben.press("Burry Port")
    await ben.press("Send")
    await alys.send_photo(
        "Palmant wedi torri ger yr ysgol\nMae'r cerrig yn rhydd ac mae plant yn baglu bob bore."
    )
    await alys.press("Trafnidiaeth")
    await alys.press("Porth Tywyn")
    await alys.press("Anfon")
    ref = re.findall(r"P-\d{4}", alys.last.text)[0]
    await ben.send(f"/start {ref}")  # the link Alys shared in the street's WhatsApp group
    await ben.press("👍 Support it")
    await ben.press("⚑ Report it")
    await ben.press("Cancel: don't report it")  # a slip of the thumb: nothing is reported
    olwen = sandbox.people_by_id(1002)
    await olwen.send(f"/status {ref}")
    await olwen.press("See the photo")
    efa = sandbox.person("Efa", user_id=3005, language_code="en", last_name="Morgan")
    await efa.send("/start")
    await efa.press("English")
    await efa.press("18–25")
    await efa.press("Adult forums")  # 18–25s choose; under-18s are on the youth side
    with sandbox.offstage("(Efa agrees to the privacy notice and joins Transport.)"):
        await efa.press("I agree")
        await efa.press("Transport")
        await efa.press("Done")


async def _scene_meeting(sandbox: Sandbox) -> None:
    """A convenor invites the forum to a meeting: answers, the calendar file, Open Space
    sessions and the agenda, a reminder, how many came, and the harvest."""
    sandbox.note("—", "Scene 7: a forum meeting, from the invitation to the harvest")
    alys, ben = sandbox.people_by_id(3001), sandbox.people_by_id(3002)
    gwen = sandbox.people_by_id(2001)
    await gwen.send("/cyfarfod_fforwm")
    await gwen.press("📅 Trefnu cyfarfod")
    await gwen.press("Amgylchedd")
    await gwen.send("10/12 19:00")
    await gwen.send("Neuadd Goffa Porth Tywyn")
    await gwen.press("✉️ Anfon y gwahoddiadau")
    await alys.press("✅ Dod")
    await ben.press("🤔 Maybe")
    await ben.press("🗓 Add to my calendar")
    await ben.press("💡 Offer a session")
    await ben.send("Litter on the beach")
    await alys.press("🙋 Sesiynau")
    await alys.press("🙋 Litter on the beach")
    await gwen.send("/cyfarfod_fforwm")
    await gwen.press("🧩 Agenda Gofod Agored")
    await gwen.send("19:15 19:45")
    await gwen.send("Prif neuadd 40; Ystafell 2 12")
    with sandbox.offstage("(A week passes: the digest and check-ins go out as usual.)"):
        sandbox.clock.set(datetime.fromisoformat("2026-12-09T18:55:00+00:00"))
        await sandbox.run_job("tick")
    sandbox.note("—", "(Wednesday 9 December, 19:00: the day before the meeting.)")
    sandbox.clock.set(datetime.fromisoformat("2026-12-09T19:00:00+00:00"))
    await sandbox.run_job("tick")
    sandbox.note("—", "(Thursday 10 December, after the meeting.)")
    sandbox.clock.set(datetime.fromisoformat("2026-12-10T21:30:00+00:00"))
    await gwen.send("/cyfarfod_fforwm")
    await gwen.press("📝 Faint ddaeth")
    await gwen.send("12 0")
    sandbox.note("—", "(An hour after the meeting ends, the session's host is asked for notes.)")
    sandbox.clock.set(datetime.fromisoformat("2026-12-10T22:05:00+00:00"))
    await sandbox.run_job("tick")
    await ben.press("📝 Send the notes")
    await ben.send("Bins at both slipways; a monthly beach clean with the school.")
    await gwen.press("📝 Cofnodi cynnig o'r nodiadau hyn")
    await gwen.send("Biniau wrth y ddwy lithrfa\nCodwyd yn sesiwn sbwriel cyfarfod y fforwm.")
    await gwen.press("Yr ardal gyfan")
    await gwen.press("Anfon")


async def _scene_closing_the_loop(sandbox: Sandbox) -> None:
    """The council's promise: an overdue proposal, a reply, a decision, and four weeks later
    the author's "did it close the loop?" taps."""
    sandbox.note("—", "Scene 8: closing the loop")
    ben, olwen = sandbox.people_by_id(3002), sandbox.people_by_id(1002)
    with sandbox.offstage("(Weeks pass: weekly digests and check-ins go out as usual.)"):
        sandbox.clock.set(datetime.fromisoformat("2026-12-21T20:00:00+00:00"))
        await sandbox.run_job("tick")
    sandbox.note("—", "(Tuesday 22 December, 09:00: P-0002 has had no answer for four weeks.)")
    sandbox.clock.set(datetime.fromisoformat("2026-12-22T09:00:00+00:00"))
    await sandbox.run_job("tick")
    await olwen.send("/overdue")
    await olwen.press("💬 Reply to P-0002")
    await olwen.send(
        "Thank you, Ben. We have asked the bus company for the cost of a 19:10 and a 20:10 "
        "bus and will decide in January."
    )
    await olwen.send("/status P-0002 adopted A 20:10 bus is in the Community Strategy from April.")
    with sandbox.offstage("(Four more weeks of digests and check-ins.)"):
        sandbox.clock.set(datetime.fromisoformat("2027-01-18T20:00:00+00:00"))
        await sandbox.run_job("tick")
    sandbox.note("—", "(Four weeks after the decision: Tuesday 19 January, 10:00.)")
    sandbox.clock.set(datetime.fromisoformat("2027-01-19T10:00:00+00:00"))
    await sandbox.run_job("tick")
    await ben.press("① Yes")
    await ben.press("② Partly")


async def _scene_data_rights(sandbox: Sandbox) -> None:
    """A resident asks what is held about them, then asks to be forgotten."""
    sandbox.note("—", "Scene 9: data rights: /mydata and /forget")
    ben = sandbox.people_by_id(3002)
    await ben.send("/mydata")
    await ben.send("/forget")
    await ben.press("Delete my data")
    await ben.send("/start")


async def _scene_settings(sandbox: Sandbox) -> None:
    """The clerk changes in the chat what the council decides: a new forum, the digest's day."""
    sandbox.note("—", "Scene 10: the clerk's settings, in the chat")
    clerk = sandbox.people_by_id(1001)
    await clerk.send("/settings")
    await clerk.press("Forums")
    await clerk.press("Add a forum")
    await clerk.send("Celfyddydau a Diwylliant")
    await clerk.send("Arts and Culture")
    await clerk.send("/settings")
    await clerk.press("Digest day and time")
    await clerk.press("Friday")
    await clerk.send("4pm")


def _files_sent(sandbox: Sandbox) -> dict[str, bytes]:
    """The first digest's chart, HTML report and CSV, as the officer received them, and the
    resident's data file (later weeks' digests, sent while the demo skips ahead, are left out)."""
    files: dict[str, bytes] = {}
    kinds: set[str] = set()
    for call in sandbox.api.sent():
        for part, (name, content) in call.files.items():
            chart = call.method == "sendPhoto" and part == "photo"
            to_officer = call.params.get("chat_id") == 1002
            first = "digest-chart.png" not in kinds
            officer_chart = "digest-chart.png" if first else "digest-trend.png"
            kind = (officer_chart if to_officer else "conversation-chart.png") if chart else ""
            kind = kind or Path(name).suffix
            if kind in kinds or kind not in (*CHARTS, ".html", ".csv", ".json", ".ics"):
                continue  # the first of each kind only
            kinds.add(kind)
            files[kind if chart else name] = content
    return files


CHARTS = ("digest-chart.png", "digest-trend.png", "conversation-chart.png")
