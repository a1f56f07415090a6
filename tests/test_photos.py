"""Issue 19: a photo goes with a proposal. Kept by Telegram's file id, shown to the proposal's
convenors and the council's officers only, never in lists or open data, gone on /forget."""

from __future__ import annotations

import json
from pathlib import Path

from bot.sandbox.scenario import Sandbox, SimPerson
from tests.conftest import query

OFFICER_ID = 1002
TRANSPORT_CONVENOR = 2003
YOUTH_CONVENOR = 2101  # Environment's youth side
PAVEMENT = "Broken pavement on Station Road\nOutside the chemist, people trip every week."


async def joined(sandbox: Sandbox, name: str, user_id: int | None = None) -> SimPerson:
    person = sandbox.person(name, user_id=user_id)
    await person.join("en")
    return person


def photos_sent(sandbox: Sandbox, chat_id: int) -> list[str]:
    """The file ids the bot sent to this chat as photos by id (not uploads)."""
    return [
        str(call.params["photo"])
        for call in sandbox.api.sent("sendPhoto", chat_id)
        if isinstance(call.params.get("photo"), str)
    ]


def stored_photo(db_path: Path) -> str | None:
    return query(db_path, "SELECT photo_file_id FROM proposals")[0][0]


async def test_a_captioned_photo_becomes_a_proposal_officers_can_see(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben, cai = await joined(sandbox, "Ben"), await joined(sandbox, "Cai")
    officer = await joined(sandbox, "Olwen", OFFICER_ID)
    await ben.send_photo(PAVEMENT)
    assert "Your photo and its words can go to the council as a proposal" in ben.last
    assert "Transport" in ben.last.labels
    await ben.press("Transport")
    await ben.press("Burry Port")
    assert "with your photo" in ben.last and "Broken pavement" in ben.last
    assert query(db_path, "SELECT * FROM proposals") == []  # not before Send
    await ben.press("Send")
    assert "P-0001" in ben.last
    file_id = stored_photo(db_path)
    assert file_id is not None and file_id.endswith("-1280")  # the largest size

    await officer.send("/status P-0001")
    await officer.press("See the photo")
    assert photos_sent(sandbox, officer.id) == [file_id]
    assert "please do not share it" in (officer.last.text or "")

    await cai.send("/proposals")
    await cai.press("Transport")
    await cai.press("More: P-0001")
    assert not any("photo" in label for label in cai.last.labels)
    await cai.press_data(cai.last, "ph:1")  # forged: residents never see it
    assert photos_sent(sandbox, cai.id) == []
    assert "out of date" in (cai.last_notice or "")

    services = sandbox.app.bot_data.services
    assert services is not None
    open_data = json.dumps(await services.store.privacy.open_data(), default=str)
    assert file_id not in open_data and "Broken pavement" in open_data


async def test_a_photo_while_writing_joins_the_draft_and_the_step_comes_back(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = await joined(sandbox, "Ben")
    await ben.send("/propose")
    await ben.press("Transport")
    await ben.send_photo()  # no caption: the text is still to come
    kept, again = ben.messages()[-2:]
    assert "the photo will go with your proposal" in kept.text
    assert "Write your proposal for Transport" in again.text
    await ben.send(PAVEMENT)
    await ben.press("The whole area")
    await ben.send_photo()  # a better one, at the preview: it replaces the first
    assert "with your photo" in ben.last
    await ben.press("Send")
    stored = stored_photo(db_path)
    assert stored is not None and stored.startswith("p2-")


async def test_a_photo_with_no_caption_and_no_draft_asks_for_the_words(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = await joined(sandbox, "Ben")
    await ben.send_photo()
    assert "write a sentence or two about it" in ben.last
    await ben.press("Transport")
    assert "Write your proposal for Transport" in ben.last
    await ben.send(PAVEMENT)
    await ben.press("The whole area")
    await ben.press("Send")
    assert stored_photo(db_path) is not None


async def test_a_photo_when_the_bot_waits_for_other_words_is_not_taken(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = await joined(sandbox, "Ben")
    officer = await joined(sandbox, "Olwen", OFFICER_ID)
    await ben.send("/propose A bench by the bus stop\nFor older people.")
    await ben.press("Transport")
    await ben.press("The whole area")
    await ben.press("Send")
    await officer.send("/respond P-0001")
    await officer.send_photo("We will look at it")
    assert "the picture has not been kept" in officer.last
    assert stored_photo(db_path) is None
    assert query(db_path, "SELECT COUNT(*) FROM responses")[0][0] == 0


async def test_a_young_persons_photo_reaches_the_youth_convenor_only_and_forget_drops_it(
    sandbox: Sandbox, db_path: Path
) -> None:
    seren = sandbox.person("Seren")
    await seren.join("en", "16–17", ("Environment",))
    iwan = await joined(sandbox, "Iwan", YOUTH_CONVENOR)
    tom = await joined(sandbox, "Tom", TRANSPORT_CONVENOR)
    await seren.send_photo("Litter on the beach\nThe bins by the slipway are always full.")
    await seren.press("Environment")
    await seren.press("The whole area")
    await seren.press("Send")
    await iwan.send("/review")
    await iwan.press("See the photo")
    file_id = stored_photo(db_path)
    assert photos_sent(sandbox, iwan.id) == [file_id]
    await tom.send("/review")
    await tom.press_data(tom.last, "ph:1")  # another forum's convenor: not theirs to see
    assert photos_sent(sandbox, tom.id) == []

    await seren.send("/forget")
    await seren.press("Delete my data")
    assert stored_photo(db_path) is None
