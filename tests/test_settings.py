"""Issue 20: a clerk manages in the chat what the council decides: forums and communities
(add, rename, well-being goals, archive, restore), the digest's day and time, the answer
promise and the quiet hours — in force at once, kept across restarts, logged, and refused
politely to everyone else."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.sandbox.scenario import Sandbox, SimPerson
from tests.conftest import query

ADMIN = 1001


async def admin_in(sandbox: Sandbox) -> SimPerson:
    clerk = sandbox.person("Alaw", user_id=ADMIN)
    await clerk.join("en")
    return clerk


async def test_a_forum_added_in_the_chat_can_be_joined_and_proposed_to(
    sandbox: Sandbox, db_path: Path
) -> None:
    clerk = await admin_in(sandbox)
    await clerk.send("/settings")
    assert "the digest goes on monday at 09:00." in clerk.last.text.lower()
    await clerk.press("Forums")
    await clerk.press("Add a forum")
    await clerk.send("Celfyddydau")
    await clerk.send("Transport")  # the name of another forum
    assert "already has that name" in clerk.last
    await clerk.send("   ")
    await clerk.send("Arts and Culture")
    assert "Its id: arts_and_culture" in clerk.last
    ben = sandbox.person("Ben")
    await ben.join("en", forums=("Arts and Culture",))
    await ben.send("/propose")
    await ben.press("Arts and Culture")
    await ben.send("A mural on the harbour wall\nPainted by the school.")
    await ben.press("The whole area")
    await ben.press("Send")
    assert [r[0] for r in query(db_path, "SELECT forum_id FROM proposals")] == ["arts_and_culture"]
    await sandbox.restart()  # kept: the forum is still there after a restart
    await ben.send("/forums")
    assert "✅ Arts and Culture" in ben.last.labels


async def test_archiving_takes_a_forum_out_of_menus_but_not_out_of_the_digest(
    sandbox: Sandbox, db_path: Path
) -> None:
    clerk = await admin_in(sandbox)
    ben = sandbox.person("Ben")
    await ben.join("en", forums=("Heritage and Tourism",))
    await ben.send("/propose")
    await ben.press("Heritage and Tourism")
    await ben.send("A blue plaque for the old dock\nIt deserves one.")
    await ben.press("The whole area")
    await ben.press("Send")
    await clerk.send("/settings")
    await clerk.press("Forums")
    await clerk.press("Heritage and Tourism")
    await clerk.press("🗄 Archive")
    assert "Heritage and Tourism is archived" in (clerk.last_notice or "")
    assert "Heritage and Tourism (archived)" not in clerk.last.text  # its card: restore offered
    assert "♻️ Restore" in clerk.last.labels
    await ben.send("/propose")
    assert "Heritage and Tourism" not in ben.last.labels
    await ben.send("/forums")
    assert not any("Heritage" in label for label in ben.last.labels)
    await ben.send("/cancel")
    olwen = sandbox.person("Olwen", user_id=1002)
    await olwen.join("en")
    await olwen.send("/digest")
    digest = "\n".join(m.text for m in olwen.messages())
    assert "Heritage and Tourism" in digest and "A blue plaque" in digest  # its history stays
    await clerk.press("♻️ Restore")
    await ben.send("/propose")
    assert "Heritage and Tourism" in ben.last.labels


async def test_renaming_and_goals_are_in_force_at_once_and_logged(sandbox: Sandbox) -> None:
    clerk = await admin_in(sandbox)
    await clerk.send("/settings")
    await clerk.press("Forums")
    await clerk.press("Transport")
    await clerk.press("✏️ Rename")
    await clerk.send("Trafnidiaeth a Theithio")
    await clerk.send("Transport and Travel")
    await clerk.press("🎯 Well-being goals")
    assert "✅ A prosperous Wales" in clerk.last.labels  # from the config file
    await clerk.press("A healthier Wales")
    assert "✅ A healthier Wales" in clerk.last.labels
    alys = sandbox.person("Alys", language_code="cy")
    await alys.join("cy")
    await alys.send("/cynnig")
    assert "Trafnidiaeth a Theithio" in alys.last.labels
    services = sandbox.app.bot_data.services
    assert services is not None
    transport = services.config.forum("transport")
    assert transport is not None
    assert transport.wellbeing_goals == ("prosperous", "healthier", "globally_responsible")
    await clerk.send("/settings")
    await clerk.press("Recent changes")
    assert "renamed the forum transport" in clerk.last.text
    assert "changed the well-being goals of transport" in clerk.last.text
    assert "Alaw" in clerk.last.text


async def test_digest_day_promise_and_quiet_hours_typed_in_the_chat(sandbox: Sandbox) -> None:
    clerk = await admin_in(sandbox)
    await clerk.send("/settings")
    await clerk.press("Digest day and time")
    await clerk.press("Friday")
    await clerk.send("teatime")  # not a time: asked again
    assert "could not read that" in clerk.last
    await clerk.send("5pm")
    assert "the digest goes on friday at 17:00." in clerk.last.text.lower()
    assert sandbox.jobs("digest") == {"digest": datetime(2026, 11, 27, 17, 0, tzinfo=UTC)}
    await clerk.press("Answer promise")
    await clerk.send("3")  # too short a promise
    assert "could not read that" in clerk.last
    await clerk.send("21 days")
    await clerk.press("Quiet hours")
    await clerk.send("10pm to 7am")
    assert "Quiet hours: 22:00–07:00." in clerk.last.text
    assert "within 3 weeks" in clerk.last.text
    await sandbox.restart()
    await clerk.send("/settings")
    assert "friday at 17:00" in clerk.last.text.lower() and "22:00–07:00" in clerk.last.text
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/propose A bench by the bus stop\nFor older people.")
    await ben.press("Transport")
    await ben.press("The whole area")
    await ben.press("Send")
    assert "promised a first answer by Monday, 14 December 2026" in ben.last.text


async def test_only_admins_change_settings(sandbox: Sandbox) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/settings")
    assert "settings are for the council's administrators" in ben.last.text
    for forged in ("cfg:h", "cfg:o:f:transport:a", "cfg:a:f", "cfg:w:4", "cfg:g:transport:0"):
        await ben.press_data(ben.last, forged)
        assert "out of date" in (ben.last_notice or "")
    services = sandbox.app.bot_data.services
    assert services is not None
    transport = services.config.forum("transport")
    assert transport is not None and not transport.archived


async def test_opening_settings_keeps_a_proposal_being_written(
    sandbox: Sandbox, db_path: Path
) -> None:
    clerk = await admin_in(sandbox)
    await clerk.send("/propose A bench by the bus stop\nFor older people.")
    await clerk.send("/settings")
    await clerk.press("Forums")
    await clerk.press("◀️ Back")
    flows = [r[0] for r in query(db_path, "SELECT flow FROM conversations")]
    assert flows == ["propose"]  # nothing lost


async def test_names_typed_by_an_admin_are_shown_as_typed(sandbox: Sandbox) -> None:
    """HTML-looking and long names are text, never markup, wherever they are shown."""
    clerk = await admin_in(sandbox)
    await clerk.send("/settings")
    await clerk.press("Communities")
    await clerk.press("Add a community")
    await clerk.send("x" * 61)  # over the limit: asked again
    assert "a name of 1 to 60 characters" in clerk.last.text
    await clerk.send("<b>Llwynhendy</b> & Co")
    await clerk.send("<b>Llwynhendy</b> & Co.")
    assert "&lt;b&gt;Llwynhendy&lt;/b&gt; &amp; Co" in clerk.last.html
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/propose A bench by the bus stop\nFor older people.")
    await ben.press("Transport")
    assert "<b>Llwynhendy</b> & Co." in ben.last.labels
    await ben.press("<b>Llwynhendy</b> & Co.")
    assert "&lt;b&gt;Llwynhendy&lt;/b&gt; &amp; Co." in ben.last.html  # the preview
