"""Linking a forum's Telegram group in the chat (issue 20): an admin sends /link in the group,
chooses the forum side privately, and the forum's prompts go there — across a restart, over the
config file — until /unlink; refusals for everyone and everywhere else."""

from __future__ import annotations

from pathlib import Path

from bot.sandbox.fake_bot_api import FakeGroup
from bot.sandbox.scenario import Sandbox, SimGroup, SimPerson
from tests.conftest import query
from tests.test_prompts import send_prompt

ADMIN = 1001
TRANSPORT_CONVENOR = 2003
GROUP = -1001234500


def _group_texts(sandbox: Sandbox, group: SimGroup) -> list[str]:
    bot_id = sandbox.api.bot_id
    return [
        str(m.get("text", ""))
        for m in sandbox.api.chat_messages(group.chat_id)
        if m.get("from", {}).get("id") == bot_id
    ]


async def _setup(sandbox: Sandbox) -> tuple[SimPerson, SimPerson, SimPerson, SimGroup]:
    admin = sandbox.person("Alaw", user_id=ADMIN)
    await admin.join("en")
    convenor = sandbox.person("Dai", user_id=TRANSPORT_CONVENOR)
    await convenor.join("en")
    ben = sandbox.person("Ben")
    await ben.join("en", forums=("Transport",))
    sandbox.api.groups[GROUP] = FakeGroup("Burry Port transport")
    return admin, convenor, ben, sandbox.group(GROUP, "Burry Port transport")


async def test_an_admin_links_a_group_and_prompts_go_there(
    sandbox: Sandbox, db_path: Path
) -> None:
    admin, convenor, ben, group = await _setup(sandbox)
    await admin.send("/link", group=group)
    assert "Which forum is this group for?" in admin.last.text  # asked privately
    await admin.press("Transport")
    assert "Done: that group is now the forum Transport's." in admin.last.text
    [confirmation] = _group_texts(sandbox, group)
    assert confirmation.index("Trafnidiaeth") < confirmation.index("Transport")  # Welsh first
    await send_prompt(convenor, "Transport", {"en": "Tell us about the buses."})
    assert any("Tell us about the buses." in text for text in _group_texts(sandbox, group))
    await sandbox.restart()  # the link is in the database: it wins over the config file
    await send_prompt(convenor, "Transport", {"en": "And the trains?"})
    assert any("And the trains?" in text for text in _group_texts(sandbox, group))
    await admin.send("/forums")  # admins see where each forum posts
    assert f"• Transport: group {GROUP}" in admin.last.text
    assert "• Health and Wellbeing: not linked: send /link in its group" in admin.last.text
    await ben.send("/forums")
    assert "admins only" not in ben.last.text
    await admin.send("/link", group=group)
    assert "already linked to Transport" in _group_texts(sandbox, group)[-1]
    await admin.send("/unlink", group=group)
    assert "no longer linked to Transport" in _group_texts(sandbox, group)[-1]
    await send_prompt(convenor, "Transport", {"en": "And the cycle paths?"})
    assert not any("cycle paths" in text for text in _group_texts(sandbox, group))
    assert "cycle paths" in ben.last.text  # members still get it privately
    log = query(db_path, "SELECT action, target FROM moderation_log WHERE action LIKE '%link%'")
    assert [tuple(r) for r in log] == [
        ("link_group", "forum:transport:adult"),
        ("unlink_group", "forum:transport:adult"),
    ]


async def test_link_is_refused_politely(sandbox: Sandbox, db_path: Path) -> None:
    admin, _, ben, group = await _setup(sandbox)
    await ben.send("/link", group=group)
    assert "Only administrators can link" in _group_texts(sandbox, group)[-1]
    await admin.send("/link")
    assert "Send /link in the forum's Telegram group" in admin.last.text
    await admin.send("/unlink", group=group)
    assert "not linked to any forum" in _group_texts(sandbox, group)[-1]
    sandbox.api.groups[GROUP] = FakeGroup(
        "Muted", bot_status="restricted", can_send_messages=False
    )
    await admin.send("/link", group=group)
    assert "I cannot post in this group yet" in admin.last.text
    await admin.press_data(admin.last, "lk:transport:adult")  # no /link pending: stale
    assert query(db_path, "SELECT * FROM group_links") == []


async def test_roles_lists_who_holds_what_and_revokes_one(sandbox: Sandbox, db_path: Path) -> None:
    admin, _, ben, _ = await _setup(sandbox)
    await admin.send("/invite convenor transport youth")
    code = admin.last.text.split("): ")[1].split()[0]
    dewi = sandbox.person("Dewi")
    await dewi.join("en")
    await dewi.send(f"/start {code}")
    await ben.send("/roles")
    assert "Only administrators can see and change roles." in ben.last.text
    await admin.send("/roles")
    roles = admin.last.text
    assert "Roles in the config file" in roles and "Alaw: Administrator" in roles
    assert "Dai: Convenor: Transport" in roles  # joined: named; others by number
    assert "Dewi: Convenor: Transport (youth forum)" in roles.split("given in the chat")[1]
    await admin.press("✖️ Revoke: Dewi, Convenor: Transport (youth forum)")
    assert admin.last_notice == "Dewi no longer has the role Convenor: Transport (youth forum)."
    assert "None yet" in admin.last.text
    await dewi.send("/prompt")
    assert "only forum convenors" in dewi.last.text  # the role is gone at once
    log = query(db_path, "SELECT action, reason FROM moderation_log WHERE action = 'revoke_role'")
    assert [tuple(r) for r in log] == [("revoke_role", "convenor:transport:youth")]
    await admin.press_data(admin.last, "ro:1")  # again: nothing there
