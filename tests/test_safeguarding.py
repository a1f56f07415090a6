"""Roles, invite codes, moderation, youth shadow forums and flood control."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.periods import week_so_far
from bot.sandbox.scenario import Sandbox, SimPerson
from bot.services import digest_runs
from tests.conftest import query
from tests.steps import report
from tests.test_prompts import send_prompt
from tests.test_proposals import propose

ADMIN, OFFICER, CONVENOR, YOUTH_CONVENOR = 1001, 1002, 2001, 2101

# What each role may do: True allowed, False refused.
ACTIONS = ("propose", "support", "report", "prompt", "schedule", "review", "meeting",
           "status", "digest", "invite_officer", "invite_young")  # fmt: skip
TABLE = {
    "resident":       (1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0),
    "young_person":   (1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0),
    "convenor":       (1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0),
    "youth_convenor": (1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1),
    "officer":        (1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0),
    "admin":          (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
    "paused":         (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
}  # fmt: skip
REFUSALS = ("Sorry", "Please send /start", "Invite codes work once")


async def _actor(sandbox: Sandbox, role: str) -> SimPerson:
    ids = {
        "convenor": CONVENOR,
        "youth_convenor": YOUTH_CONVENOR,
        "officer": OFFICER,
        "admin": ADMIN,
    }
    person = sandbox.person(role.title(), user_id=ids.get(role))
    await person.join("en", "16–17" if role == "young_person" else "45–64")
    if role == "paused":
        admin = sandbox.person("Admin", user_id=ADMIN)
        await admin.join("en")
        await propose(person, "Safety", "Something to pause on\nFor the table.")
        await admin.send("/review")
        await admin.press_data(admin.last, f"rv:bl:{await _last_proposal(sandbox)}")
    return person


async def _last_proposal(sandbox: Sandbox) -> int:
    services = sandbox.app.bot_data.services
    assert services is not None
    proposal_id = 1
    while await services.store.proposals.get(proposal_id + 1) is not None:
        proposal_id += 1
    return proposal_id


def _allowed(person: SimPerson, shown_before: int) -> bool:
    new = person.messages()[shown_before:]
    notices = list(person.notices())
    text = " ".join(m.text for m in new) + " " + (notices[-1] if notices else "")
    return not any(refusal in text for refusal in REFUSALS)


async def _try(sandbox: Sandbox, person: SimPerson, action: str, other_proposal: str) -> bool:
    before = len(person.messages())
    notices_before = len(list(person.notices()))
    if action == "propose":
        await person.send("/propose")
    elif action in ("support", "report"):
        await person.send("/proposals")
        before = len(person.messages())
        page = person.last
        data = (
            f"ps:+:{other_proposal}:transport:n:0"
            if action == "support"
            else f"rp:{other_proposal}:o"
        )
        await person.press_data(page, data)
        notices = list(person.notices())
        if len(notices) == notices_before:
            return False
        return not any(r in notices[-1] for r in REFUSALS)
    elif action == "status":
        await person.send(f"/status P-{int(other_proposal):04d}")
    elif action == "invite_officer":
        await person.send("/invite officer")
        return "Invite code for" in person.last.text
    elif action == "invite_young":
        await person.send("/invite young")
        return "Invite code for" in person.last.text
    else:
        await person.send(f"/{action}")
    return _allowed(person, before)


@pytest.mark.parametrize("role", list(TABLE))
async def test_role_action_table(sandbox: Sandbox, role: str) -> None:
    author = sandbox.person("Author")
    await author.join("en", "26–44")
    await propose(author, "Transport", "A proposal by someone else\nFor supporting.")
    person = await _actor(sandbox, role)
    actual = []
    for action in ACTIONS:
        actual.append(int(await _try(sandbox, person, action, "1")))
    expected = TABLE[role]
    pairs = zip(ACTIONS, expected, actual, strict=True)
    differences = {action: (e, x) for action, e, x in pairs if e != x}
    assert not differences, f"{role}: expected/actual differ for {differences}"


async def test_youth_proposal_waits_for_approval(sandbox: Sandbox, db_path: Path) -> None:
    seren = sandbox.person("Seren", language_code="cy")
    await seren.join("cy", "16–17", ("Amgylchedd",))
    youth_convenor = sandbox.person("Iwan", user_id=YOUTH_CONVENOR)
    await youth_convenor.join("en")
    await propose(seren, "Amgylchedd", "Sesiwn casglu sbwriel\nUnwaith y mis.", "cy")
    assert "Bydd cynullydd fforwm ieuenctid yn edrych arno" in seren.last.text
    assert "waiting for your approval" in youth_convenor.last.text  # told at once
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/proposals")
    await ben.press("Environment")
    assert "There are no proposals in Environment yet" in ben.last.text
    adult_convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await adult_convenor.join("en")
    await adult_convenor.send("/review")
    assert "Nothing is waiting for review" in adult_convenor.last.text  # not her side
    await youth_convenor.send("/review")
    assert "Waiting for approval" in youth_convenor.last.text
    await youth_convenor.press("Approve")
    assert "Ei statws nawr yw: ar agor i'w gefnogi." in seren.last.text
    await ben.send("/proposals")
    await ben.press("Environment")
    assert "Sesiwn casglu sbwriel" in ben.last.text and "Youth forum" in ben.last.text


async def test_hidden_items_leave_lists_and_the_digest_top_list(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben, cai = sandbox.person("Ben"), sandbox.person("Cai")
    await ben.join("en")
    await cai.join("en")
    convenor = sandbox.person("Tom", user_id=2003)  # Transport's convenor
    await convenor.join("en")
    await propose(ben, "Transport", "Rude words here\nNot suitable.")
    await cai.send("/proposals")
    await cai.press("Transport")
    await cai.press("Support P-0001")
    await report(cai, "P-0001")
    assert "A member reported P-0001" in convenor.last.text
    await convenor.send("/review")
    assert "Reported by 1 member" in convenor.last.text
    await convenor.press("Hide")
    await convenor.send("Offensive language.")
    assert "P-0001 is hidden" in convenor.messages()[-2].text
    await cai.send("/proposals")
    await cai.press("Transport")
    assert "P-0001" not in cai.last.text
    services = sandbox.app.bot_data.services
    assert services is not None
    figures = await digest_runs.figures(
        services, week_so_far(sandbox.clock.now(), services.config.council.timezone)
    )
    assert "transport" not in figures.top and figures.hidden == 1
    assert figures.total().new_proposals == 1  # still counted
    log = query(db_path, "SELECT action, target, reason FROM moderation_log")
    assert [tuple(r) for r in log] == [("hide", "proposal:1", "Offensive language.")]
    await convenor.send("/review")
    await convenor.press("Hidden items")
    await convenor.press("Restore P-0001")
    await cai.send("/proposals")
    await cai.press("Transport")
    assert "P-0001" in cai.last.text


async def test_adults_never_receive_a_young_persons_name(sandbox: Sandbox) -> None:
    seren = sandbox.person("Serenwen", language_code="cy", last_name="Prys")
    await seren.join("cy", "13–15", ("Amgylchedd",))
    ben = sandbox.person("Ben")
    await ben.join("en", "45–64", ("Environment",))
    adult_convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await adult_convenor.join("en")
    youth_convenor = sandbox.person("Iwan", user_id=YOUTH_CONVENOR)
    await youth_convenor.join("en")
    officer = sandbox.person("Olwen", user_id=OFFICER)
    await officer.join("en")
    await propose(seren, "Amgylchedd", "Mwy o finiau\nAr y prom.", "cy")
    await youth_convenor.send("/review")
    await youth_convenor.press("Approve")
    await ben.send("/proposals")
    await ben.press("Environment")
    await ben.press("Support P-0001")
    await report(ben, "P-0001")
    await adult_convenor.send("/review")
    for convenor in (adult_convenor, youth_convenor):
        await send_prompt(convenor, "Environment", {"en": "Tell us about the beach."})
    await seren.press("Ateb")
    await seren.send("Mae angen mwy o finiau.")
    await adult_convenor.send("/prompt")
    await adult_convenor.press("Answers")
    await officer.send("/status P-0001 adopted Good idea")
    await officer.send("/digest")
    adults = {ben.id, adult_convenor.id, officer.id}
    for call in sandbox.api.calls:
        if int(call.params.get("chat_id") or 0) in adults or call.method == "answerCallbackQuery":
            sent = [bytes(content) for _, content in call.files.values()]
            words = [
                b""
                if content.startswith(b"\x89PNG")
                # a chart: pixels, not words
                else re.sub(
                    rb"data:image/png;base64,[A-Za-z0-9+/=]+", b"", content
                )  # HTML's charts
                for content in sent
            ]
            found = re.search("Serenwen|Prys", str(call.params) + str(words))
            assert not found, call.method
    await youth_convenor.send("/prompt")
    await youth_convenor.press("Answers")
    await youth_convenor.press("answered")
    assert "Serenwen" in youth_convenor.last.text  # youth convenors may know who


async def test_invite_codes_work_once_and_expire(sandbox: Sandbox, db_path: Path) -> None:
    admin = sandbox.person("Ann", user_id=ADMIN)
    await admin.join("en")
    await admin.send("/invite convenor transport youth")
    code = re.search(
        r"Invite code for a convenor of Transport \(youth forum\): (\w+)", admin.last.text
    )
    assert code is not None
    assert code[1] not in str(query(db_path, "SELECT * FROM invites")[0])  # stored hashed
    dewi = sandbox.person("Dewi")
    await dewi.join("en")
    await dewi.send(f"/start {code[1]}")
    assert "You are now a convenor of Transport (youth forum)." in dewi.last.text
    await dewi.send("/prompt")
    await dewi.press("New prompt")
    assert dewi.last.labels == ["Transport (youth forum)"]
    eve = sandbox.person("Eve")
    await eve.join("en")
    await eve.send(f"/start {code[1]}")
    assert "has been used already" in eve.last.text
    await admin.send("/invite officer")
    late = re.search(r": (\w+)\n", admin.last.text)
    assert late is not None
    sandbox.clock.advance(timedelta(days=8))
    await eve.send(f"/start {late[1]}")
    assert "has expired" in eve.last.text
    await eve.send("/start NOTACODE12")
    assert "Welcome back" in eve.last.text or "recognise" in eve.last.text


async def test_under_thirteen_joins_with_a_youth_convenors_code(
    sandbox: Sandbox, db_path: Path
) -> None:
    youth_convenor = sandbox.person("Iwan", user_id=YOUTH_CONVENOR)
    await youth_convenor.join("en")
    await youth_convenor.send("/invite young")
    code = re.search(r"youth forums: (\w+)", youth_convenor.last.text)
    assert code is not None
    mali = sandbox.person("Mali", language_code="cy")
    await mali.send(f"/start {code[1]}")
    await mali.press("Cymraeg")
    await mali.press("O dan 13")
    assert "Eich preifatrwydd" in mali.last.text and "Meic" in mali.last.text
    await mali.press("Rwy'n cytuno")
    await mali.press("Gorffen")
    [row] = query(db_path, "SELECT age_band FROM people WHERE telegram_id = ?", (mali.id,))
    assert row[0] == "under_13"
    assert query(db_path, "SELECT used_at FROM invites")[0][0] is not None
    # Without a code the same answer is kindly turned away.
    nia = sandbox.person("Nia")
    await nia.send("/start")
    await nia.press("English")
    await nia.press("Under 13")
    assert "invite code" in nia.last.text


async def test_flood_is_answered_once_and_others_go_on(sandbox: Sandbox) -> None:
    flooder, calm = sandbox.person("Flood"), sandbox.person("Calm")
    await flooder.join("en")
    await calm.join("en")
    sandbox.clock.advance(timedelta(minutes=2))
    replies = []
    for n in range(30):
        replies.extend(await flooder.send(f"hello {n}"))
        if n == 25:
            [answer] = await calm.send("/help")
            assert "As a resident you can" in answer.text
    slow_downs = [r for r in replies if "sending messages very quickly" in r.text]
    assert len(slow_downs) == 1
    assert len(replies) == 20 + 1  # twenty answered, then one warning, the rest dropped
    sandbox.clock.advance(timedelta(minutes=1))
    [answer] = await flooder.send("/help")
    assert "As a resident you can" in answer.text


async def test_convenor_hides_an_answer(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en", "45–64", ("Environment",))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await send_prompt(convenor, "Environment", {"en": "Tell us about the beach."})
    await ben.press("Reply")
    await ben.send("Something rude about a neighbour.")
    await convenor.send("/prompt")
    await convenor.press("Answers")
    await convenor.press("(1 of 1 answered)")
    await convenor.press("🙈 Hide answer 1 (Ben)")  # says what it hides
    await convenor.send("Names a neighbour.")
    assert "The answer is hidden" in convenor.last.text
    await convenor.send("/prompt")
    await convenor.press("Answers")
    await convenor.press("answered")
    assert "Something rude" not in convenor.last.text
    assert query(db_path, "SELECT COUNT(*) FROM answers")[0][0] == 1  # still counted
    log = [tuple(r) for r in query(db_path, "SELECT action, target, reason FROM moderation_log")]
    assert log == [("hide", "answer:1", "Names a neighbour.")]


@pytest.mark.parametrize("role", ["resident", "convenor", "youth_convenor", "officer", "admin"])
async def test_invite_is_offered_only_to_those_who_can_invite(sandbox: Sandbox, role: str) -> None:
    """Admins and youth forum convenors see /invite in /help and their menu; nobody else."""
    person = await _actor(sandbox, role)
    may_invite = bool(TABLE[role][ACTIONS.index("invite_officer")]) or bool(
        TABLE[role][ACTIONS.index("invite_young")]
    )
    await person.send("/help")
    assert ("/invite" in person.last.text) is may_invite
    menu = [
        c.params["commands"]
        for c in sandbox.api.sent("setMyCommands")
        if c.params.get("scope", {}).get("chat_id") == person.id
    ][-1]
    assert ("invite" in [c["command"] for c in menu]) is may_invite
    if role in ("convenor", "youth_convenor", "admin"):
        assert "/prompt" in person.last.text  # the other convenor commands stay
    if role in ("officer", "admin"):
        assert "/digest" in person.last.text


# ---- role × action × scope --------------------------------------------------------------------
# Three forum sides: Environment (adult), Environment's youth forum, Health (adult). In each,
# before the actor arrives, an admin has hidden a proposal and paused someone, and one
# proposal waits for review (reported on the adult sides, awaiting approval on the youth side).
# Each cell: may the actor do it there (1) or not (0); "-" where the action means nothing.
SCOPES = ("environment:adult", "environment:youth", "health:adult")
HEALTH_CONVENOR = 2002
SCOPE_ACTIONS = ("review", "hidden", "paused", "status", "approve", "pause", "unpause",
                 "restore", "hide", "meeting", "prompt")  # fmt: skip
SCOPE_TABLE = {
    # each action: Environment adult, Environment youth, Health adult
    #                  review hidden paused status approve pause unpause restore hide meet prompt
    "resident":        "000    000    000    000    -0-    000    000    000   000  000    000",
    "young_person":    "000    000    000    000    -0-    000    000    000   000  000    000",
    "paused":          "000    000    000    000    -0-    000    000    000   000  000    000",
    "convenor":        "100    100    100    000    -0-    100    100    100   100  100    100",
    "youth_convenor":  "010    010    010    000    -1-    010    010    010   010  010    010",
    "health_convenor": "001    001    001    000    -0-    001    001    001   001  001    001",
    "officer":         "000    000    000    101    -0-    000    000    000   000  000    000",
    "admin":           "111    111    111    111    -1-    111    111    111   111  111    111",
}  # fmt: skip


async def _scoped_world(
    sandbox: Sandbox, db_path: Path, admin: SimPerson
) -> dict[str, dict[str, str | int]]:
    """In each forum side: a proposal waiting for review, a hidden one, a paused author."""
    reporter = sandbox.person("Rhian")
    await reporter.join("en")
    world: dict[str, dict[str, str | int]] = {}
    for n, scope in enumerate(SCOPES):
        sandbox.clock.advance(timedelta(minutes=1))  # no flood control in the way
        forum, side = scope.split(":")
        band = "16–17" if side == "youth" else "45–64"
        forum_name = forum.title()
        author, paused = sandbox.person(f"Awdur{n}"), sandbox.person(f"Paused{n}")
        await author.join("en", band)
        await paused.join("en", band)
        titles = {key: f"{key.title()} item in {scope}" for key in ("review", "hidden", "pause")}
        await propose(author, forum_name, titles["review"] + "\nFor the table.")
        await propose(author, forum_name, titles["hidden"] + "\nFor the table.")
        await propose(paused, forum_name, titles["pause"] + "\nFor the table.")
        ids = {
            key: query(db_path, "SELECT id FROM proposals WHERE title = ?", (title,))[0][0]
            for key, title in titles.items()
        }
        if side == "adult":
            await reporter.send("/help")
            await reporter.press_data(reporter.last, f"rp:{ids['review']}:o")
        await admin.send("/review")
        await admin.press_data(admin.last, f"rv:hd:{ids['hidden']}")
        await admin.send("Hidden for the table.")
        await admin.send("/review")
        await admin.press_data(admin.last, f"rv:bl:{ids['pause']}")
        world[scope] = {
            "review": ids["review"],
            "review_title": titles["review"],
            "hidden": ids["hidden"],
            "hidden_title": titles["hidden"],
            "paused_name": paused.first_name,
            "paused_telegram": paused.id,
            "author_telegram": author.id,
        }
    return world


def _calls_with(sandbox: Sandbox, person: SimPerson, fragment: str) -> int:
    return sum(
        1
        for call in sandbox.api.calls
        if int(call.params.get("chat_id") or 0) == person.id and fragment in str(call.params)
    )


def _is_paused(db_path: Path, telegram_id: int | str) -> bool:
    [row] = query(db_path, "SELECT blocked_at FROM people WHERE telegram_id = ?", (telegram_id,))
    return row[0] is not None


def _is_hidden(db_path: Path, proposal_id: int | str) -> bool:
    return bool(query(db_path, "SELECT hidden FROM proposals WHERE id = ?", (proposal_id,))[0][0])


async def _try_in_scope(
    sandbox: Sandbox, db_path: Path, actor: SimPerson, action: str, scope: str,
    item: dict[str, str | int],
) -> bool:  # fmt: skip
    forum, side = scope.split(":")
    if action == "review":
        await actor.send("/review")
        seen = []
        for index in range(4):
            await actor.press_data(actor.last, f"rv:i:{index}")
            seen.append(actor.last.text)
        return str(item["review_title"]) in " ".join(seen)
    if action in ("hidden", "paused"):
        await actor.send("/review")
        await actor.press_data(actor.last, "rv:hl" if action == "hidden" else "rv:bk")
        shown = actor.last.text + " ".join(actor.last.labels)
        return str(item["hidden_title" if action == "hidden" else "paused_name"]) in shown
    if action == "status":
        await actor.send(f"/status P-{int(item['review']):04d}")
        return str(item["review_title"]) in actor.last.text
    await actor.send("/review")
    if action == "approve":
        await actor.press_data(actor.last, f"rv:ap:{item['review']}")
        [row] = query(db_path, "SELECT status FROM proposals WHERE id = ?", (item["review"],))
        return row[0] == "open"
    if action == "pause":
        await actor.press_data(actor.last, f"rv:bl:{item['review']}")
        return _is_paused(db_path, item["author_telegram"])
    if action == "unpause":
        [row] = query(
            db_path, "SELECT id FROM people WHERE telegram_id = ?", (item["paused_telegram"],)
        )
        await actor.press_data(actor.last, f"rv:ub:{row[0]}")
        return not _is_paused(db_path, item["paused_telegram"])
    if action == "restore":
        await actor.press_data(actor.last, f"rv:rs:{item['hidden']}")
        return not _is_hidden(db_path, item["hidden"])
    if action == "hide":
        await actor.press_data(actor.last, f"rv:hd:{item['review']}")
        await actor.send("Hidden by the actor.")
        return _is_hidden(db_path, item["review"])
    if action == "meeting":
        asked = _calls_with(sandbox, actor, "Write your proposal for")
        await actor.send("/meeting")
        await actor.press_data(actor.last, f"mt:{forum}:{side}")
        await actor.send("/cancel")
        return _calls_with(sandbox, actor, "Write your proposal for") > asked
    assert action == "prompt"
    asked = _calls_with(sandbox, actor, "Which language will you write it in?")
    await actor.send("/prompt")
    await actor.press_data(actor.last, "pr:new")
    await actor.press_data(actor.last, f"pc:f:{forum}:{side}")
    await actor.send("/cancel")
    return _calls_with(sandbox, actor, "Which language will you write it in?") > asked


@pytest.mark.parametrize("role", list(SCOPE_TABLE))
async def test_role_action_scope_table(sandbox: Sandbox, db_path: Path, role: str) -> None:
    """Every convenor and officer action, list screens and pause/unpause included, in each of
    three forum sides: allowed exactly where the table says, refused (or empty) elsewhere."""
    admin = sandbox.person("Admin", user_id=ADMIN)
    await admin.join("en")
    world = await _scoped_world(sandbox, db_path, admin)
    ids = {"convenor": CONVENOR, "youth_convenor": YOUTH_CONVENOR, "officer": OFFICER}
    ids["health_convenor"] = HEALTH_CONVENOR
    actor = admin
    if role != "admin":
        actor = sandbox.person(role.title(), user_id=ids.get(role))
        await actor.join("en", "16–17" if role == "young_person" else "45–64")
    if role == "paused":
        await propose(actor, "Transport", "Something to pause on\nFor the table.")
        await admin.send("/review")
        await admin.press_data(admin.last, f"rv:bl:{await _last_proposal(sandbox)}")
    differences = {}
    for action, expected in zip(SCOPE_ACTIONS, SCOPE_TABLE[role].split(), strict=True):
        for scope, want in zip(SCOPES, expected, strict=True):
            if want == "-":
                continue
            sandbox.clock.advance(timedelta(minutes=1))  # no flood control in the way
            got = await _try_in_scope(sandbox, db_path, actor, action, scope, world[scope])
            if got != (want == "1"):
                differences[f"{action} in {scope}"] = (want, int(got))
    assert not differences, f"{role}: expected/actual differ for {differences}"
