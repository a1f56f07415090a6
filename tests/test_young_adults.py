"""Issue 19: youth forums cover 11–25 in Wales, but a youth convenor's approval is for
under-18s. People aged 18–25 choose the youth or the adult side when they join, and can move
in /forums; younger people cannot, however the buttons are forged."""

from __future__ import annotations

from pathlib import Path

from bot.sandbox.scenario import Sandbox, SimPerson
from tests.conftest import query
from tests.test_prompts import send_prompt

CONVENOR = 2001  # Environment, adult side
YOUTH_CONVENOR = 2101  # Environment, youth side
BINS = "More bins on the beach\nThey overflow every weekend."


async def propose(person: SimPerson, forum: str = "Environment") -> None:
    await person.send("/propose")
    await person.press(forum)
    await person.send(BINS)
    await person.press("The whole area")
    await person.press("Send")


def stored(db_path: Path, table: str, column: str) -> list[object]:
    return [r[0] for r in query(db_path, f"SELECT {column} FROM {table} ORDER BY id")]


async def test_an_18_to_25_chooses_a_side_when_joining(sandbox: Sandbox, db_path: Path) -> None:
    dan = sandbox.person("Dan")
    await dan.send("/start")
    await dan.press("English")
    await dan.press("18–25")
    assert "you can choose" in dan.last and dan.last.labels == ["Youth forums", "Adult forums"]
    await dan.press("Adult forums")
    assert "Privacy notice" in dan.last  # the adults' notice
    await dan.press("I agree")
    assert "↔️ Take part in the youth forums instead" in dan.last.labels
    assert "You will take part in the youth forums" not in dan.last
    await dan.press("Environment")
    await dan.press("Done")
    assert stored(db_path, "people", "side_choice") == ["adult"]

    gwen = sandbox.person("Gwen", user_id=CONVENOR)
    await gwen.join("en")
    await send_prompt(gwen, "Environment", {"en": "Tell us about the beach."})
    assert "Tell us about the beach." in dan.last  # the adult side's prompt reaches him
    await propose(dan)
    assert stored(db_path, "proposals", "side") == ["adult"]


async def test_on_the_youth_side_an_adult_posts_without_waiting(
    sandbox: Sandbox, db_path: Path
) -> None:
    efa = sandbox.person("Efa")
    await efa.join("en", "18–25", ("Environment",), side="youth")
    seren = sandbox.person("Seren")
    await seren.join("en", "16–17", ("Environment",))
    iwan = sandbox.person("Iwan", user_id=YOUTH_CONVENOR)
    await iwan.join("en")
    await propose(efa)
    await propose(seren)
    rows = [tuple(r) for r in query(db_path, "SELECT side, status FROM proposals ORDER BY id")]
    assert rows == [("youth", "open"), ("youth", "submitted")]  # only the 16-year-old waits
    await send_prompt(iwan, "Environment", {"en": "What would make the beach better?"})
    assert "What would make the beach better?" in efa.last  # the youth side's prompt


async def test_an_18_to_25_can_move_side_in_forums(sandbox: Sandbox, db_path: Path) -> None:
    efa = sandbox.person("Efa")
    await efa.join("en", "18–25", ("Environment",), side="youth")
    await efa.send("/forums")
    await efa.press("↔️ Take part in the adult forums instead")
    assert "You now take part in the adult forums" in (efa.last_notice or "")
    assert "↔️ Take part in the youth forums instead" in efa.last.labels
    await propose(efa)
    assert stored(db_path, "proposals", "side") == ["adult"]
    await efa.send("/forums")
    await efa.press("↔️ Take part in the youth forums instead")
    assert stored(db_path, "people", "side_choice") == ["youth"]


async def test_under_18s_cannot_choose_even_with_forged_buttons(
    sandbox: Sandbox, db_path: Path
) -> None:
    seren = sandbox.person("Seren")
    await seren.send("/start")
    await seren.press("English")
    await seren.press("16–17")
    assert "Youth forums" not in seren.last.labels  # straight to the youth privacy notice
    await seren.press_data(seren.last, "ob:side:en:16_17:adult")  # forged
    await seren.press_data(seren.last, "ob:yes:en:16_17::adult")  # forged: agrees, side ignored
    assert stored(db_path, "people", "side_choice") == [None]
    await seren.press("Done")
    await seren.send("/forums")
    assert not any("↔️" in label for label in seren.last.labels)
    await seren.press_data(seren.last, "fm:side:adult")
    assert "out of date" in (seren.last_notice or "")
    await propose(seren)
    assert stored(db_path, "proposals", "side") == ["youth"]


async def test_an_old_agree_button_keeps_an_18_to_25_on_the_youth_side(
    sandbox: Sandbox, db_path: Path
) -> None:
    """Before sides were chosen, 18–25s were on the youth side: their buttons still say so."""
    dan = sandbox.person("Dan")
    await dan.send("/start")
    await dan.press_data(dan.last, "ob:yes:en:18_25")
    await dan.press("Done")
    await propose(dan)
    assert stored(db_path, "proposals", "side") == ["youth"]
