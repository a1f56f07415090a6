"""Issue 19: a proposal's own view, reporting it with care (a reason, and a way back), lists
filtered to open proposals or one community with one's own marked, and a link to share that
opens the proposal (``t.me/<bot>?start=P-0042``) — pressed as people press them."""

from __future__ import annotations

from pathlib import Path

from bot.sandbox.scenario import Sandbox, SimPerson
from tests.conftest import query

OFFICER_ID = 1002
TRANSPORT_CONVENOR = 2003
YOUTH_CONVENOR = 2101  # Environment's youth side
LINK = "https://t.me/cydlais_bot?start=P-0001"


async def propose(person: SimPerson, text: str, community: str = "The whole area") -> None:
    """The private flow in English, for Transport."""
    await person.send("/propose")
    await person.press("Transport")
    await person.send(text)
    await person.press(community)
    await person.press("Send")


async def joined(sandbox: Sandbox, name: str, user_id: int | None = None) -> SimPerson:
    person = sandbox.person(name, user_id=user_id)
    await person.join("en")
    return person


async def test_a_report_asks_why_can_be_cancelled_and_convenors_see_the_reason(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben, cai = await joined(sandbox, "Ben"), await joined(sandbox, "Cai")
    tom = await joined(sandbox, "Tom", TRANSPORT_CONVENOR)
    await propose(ben, "Ben Jones of 4 High Street parks badly\nEvery single day.")
    await cai.send("/proposals")
    await cai.press("Transport")
    page = cai.last
    assert not any("Report" in label for label in page.labels)  # not under every proposal
    await cai.press("More: P-0001")
    assert "Every single day." in cai.last and LINK in cai.last
    assert cai.last.labels[:2] == ["👍 Support it", "⚑ Report it"]

    await cai.press("Report it")
    assert "What is wrong with it?" in cai.last
    await cai.press("Cancel: don't report it")
    assert "⚑ Report it" in cai.last.labels  # back to the proposal
    assert query(db_path, "SELECT * FROM reports") == []
    assert not any("reported" in m.text for m in tom.messages())

    await cai.press("Report it")
    await cai.press("Shares personal information")
    assert "The forum's convenors will look at P-0001" in (cai.last_notice or "")
    assert [tuple(r) for r in query(db_path, "SELECT proposal_id, reason FROM reports")] == [
        (1, "p")
    ]
    notice = tom.last.text
    assert "A member reported P-0001" in notice and "Why: Shares personal information" in notice
    await tom.send("/review")
    assert "Why: Shares personal information (1)" in tom.last


async def test_a_forged_or_unknown_reason_reports_nothing(sandbox: Sandbox, db_path: Path) -> None:
    ben, cai = await joined(sandbox, "Ben"), await joined(sandbox, "Cai")
    await propose(ben, "A bench by the bus stop\nFor older people.")
    await cai.send("/proposals")
    await cai.press("Transport")
    for forged in ("rp:1:z", "rp:99:o", "po:99", "po:s:+:99", "pl:c:nowhere:n"):
        await cai.press_data(cai.last, forged)
    await ben.press_data(ben.last, "rp:1:o")  # one's own: nothing to report
    assert query(db_path, "SELECT * FROM reports") == []
    assert "That button is out of date" in (cai.last_notice or "")


async def test_own_proposals_are_marked_and_have_no_report_or_support(sandbox: Sandbox) -> None:
    ben = await joined(sandbox, "Ben")
    await propose(ben, "A bench by the bus stop\nFor older people.")
    await ben.send("/proposals")
    await ben.press("Transport")
    assert "✎ This is yours" in ben.last
    await ben.press("More: P-0001")
    assert "✎ This is yours" in ben.last
    labels = " ".join(ben.last.labels)
    assert "Report" not in labels and "Support" not in labels
    assert LINK in ben.last  # to share it with neighbours


async def test_lists_filter_to_open_ones_and_to_one_community(sandbox: Sandbox) -> None:
    ben, cai = await joined(sandbox, "Ben"), await joined(sandbox, "Cai")
    officer = await joined(sandbox, "Olwen", OFFICER_ID)
    await propose(ben, "Buses to Pembrey after six\nThe last one is too early.", "Pembrey")
    await propose(ben, "A crossing on Station Road\nBy the chemist.", "Burry Port")
    await propose(ben, "Cycle racks at the harbour\nNowhere to lock a bike.", "Burry Port")
    await officer.send("/status P-0003 delivered Racks are in.")

    await cai.send("/proposals")
    await cai.press("Transport")
    assert all(ref in cai.last for ref in ("P-0001", "P-0002", "P-0003"))
    await cai.press("Open ones only")
    assert "open for support" in cai.last and "P-0003" not in cai.last
    await cai.press("One community")
    assert cai.last.labels[:3] == ["Pembrey", "Burry Port", "Pwll"]
    await cai.press("Burry Port")
    assert "P-0002" in cai.last and "P-0001" not in cai.last and "P-0003" not in cai.last
    assert "open for support, Burry Port" in cai.last
    await cai.press("Support P-0002")  # the page redraws with its filters kept
    assert "P-0001" not in cai.last and "✓ You support this" in cai.last
    await cai.press("Show all")
    assert "P-0003" in cai.last and "P-0001" not in cai.last  # still Burry Port
    await cai.press("Another community")
    await cai.press("Pwll")
    assert "No proposals in Transport match what you chose (Pwll)" in cai.last
    await cai.press("All proposals in this forum")  # no dead end
    assert all(ref in cai.last for ref in ("P-0001", "P-0002", "P-0003"))


async def test_a_shared_link_opens_the_proposal_for_members_and_newcomers(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben, cai = await joined(sandbox, "Ben"), await joined(sandbox, "Cai")
    await propose(ben, "A bench by the bus stop\nFor older people.")
    await cai.send("/start P-0001")
    assert "A bench by the bus stop" in cai.last and "For older people." in cai.last
    await cai.press("👍 Support it")
    assert "Thank you for supporting P-0001" in (cai.last_notice or "")
    assert "✓ You support this" in cai.last
    assert query(db_path, "SELECT person_id FROM supports")[0][0] is not None

    newcomer = sandbox.person("Dilys", language_code="cy")
    await newcomer.send("/start P-0001")
    card, welcome = newcomer.messages()[-2:]
    assert "A bench by the bus stop" in card.text and card.buttons == []
    assert "English" in welcome.labels  # then joining, as from any /start
    assert query(db_path, "SELECT COUNT(*) FROM people")[0][0] == 2  # nothing kept about her

    await newcomer.send("/start P-0099")  # a link to nothing: the welcome, no error
    assert "English" in newcomer.last.labels


async def test_a_young_persons_proposal_has_no_public_link(sandbox: Sandbox) -> None:
    seren = sandbox.person("Seren")
    await seren.join("en", "16–17", ("Environment",))
    iwan = await joined(sandbox, "Iwan", YOUTH_CONVENOR)
    await seren.send("/propose")
    await seren.press("Environment")
    await seren.send("A skate park by the harbour\nSomewhere to meet.")
    await seren.press("The whole area")
    await seren.press("Send")
    await iwan.send("/review")
    await iwan.press("Approve")
    await seren.send("/start P-0001")
    assert "A skate park" in seren.last and "t.me/" not in seren.last.text
