"""Onboarding end to end, in Welsh and English, through the real Application."""

from __future__ import annotations

from pathlib import Path

from bot.sandbox.scenario import Sandbox
from tests.conftest import query


async def test_welcome_is_bilingual_welsh_first_and_preselects_from_telegram(
    sandbox: Sandbox,
) -> None:
    alys = sandbox.person("Alys", language_code="cy")
    await alys.send("/start")
    welcome = alys.last
    assert welcome.text.index("Croeso") < welcome.text.index("Welcome")
    assert welcome.labels == ["✓ Cymraeg", "English"]

    ben = sandbox.person("Ben", language_code="en-GB")
    await ben.send("/start")
    assert ben.last.labels == ["Cymraeg", "✓ English"]


async def test_welsh_onboarding_stores_person_language_band_and_forums(
    sandbox: Sandbox, db_path: Path
) -> None:
    alys = sandbox.person("Alys", language_code="cy", last_name="Evans")
    await alys.send("/start")
    await alys.press("Cymraeg")
    assert "Faint yw eich oed?" in alys.last
    await alys.press("45–64")
    assert "Hysbysiad preifatrwydd" in alys.last
    assert query(db_path, "SELECT * FROM people") == []  # nothing before consent
    await alys.press("Rwy'n cytuno")
    assert "Pa fforymau" in alys.last
    await alys.press("Amgylchedd")
    assert alys.last_notice == "Rydych chi wedi ymuno: Amgylchedd."
    await alys.press("Trafnidiaeth")
    await alys.press("Gorffen")
    assert "Rydych chi yn y ddau fforwm hyn: Amgylchedd, Trafnidiaeth." in alys.last

    [row] = query(db_path, "SELECT * FROM people")
    assert (row["telegram_id"], row["display_name"], row["language"], row["age_band"]) == (
        alys.id,
        "Alys Evans",
        "cy",
        "45_64",
    )
    assert row["consent_at"] and row["onboarded_at"]
    forums = query(db_path, "SELECT forum_id FROM memberships ORDER BY forum_id")
    assert [r["forum_id"] for r in forums] == ["environment", "transport"]


async def test_english_onboarding_and_personal_menu(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben", language_code="en")
    await ben.join("en", "26–44", ("Transport",))
    assert "You are in this forum: Transport." in ben.last
    assert "You're all set!" in ben.last
    [menu] = [
        c
        for c in sandbox.api.sent("setMyCommands")
        if c.params.get("scope", {}).get("type") == "chat"
    ]
    assert menu.params["scope"]["chat_id"] == ben.id
    assert [c["command"] for c in menu.params["commands"]][:3] == ["start", "help", "language"]


async def test_default_command_menus_in_both_languages(sandbox: Sandbox) -> None:
    menus = {
        c.params.get("language_code"): [x["command"] for x in c.params["commands"]]
        for c in sandbox.api.sent("setMyCommands")
    }
    assert "cymorth" in menus["cy"] and "fforymau" in menus["cy"]
    assert "help" in menus["en"] and "forums" in menus["en"]
    assert menus[None] == menus["cy"]  # the example council's default language


async def test_the_bot_introduces_itself_in_the_readers_language(sandbox: Sandbox) -> None:
    """Before Start, Telegram shows the bot's description in the app's language."""
    descriptions, short = sandbox.api.descriptions, sandbox.api.short_descriptions
    assert "Pen-bre a Phorth Tywyn" in descriptions["cy"] and "/anghofio" in descriptions["cy"]
    assert "Pembrey and Burry Port" in descriptions["en"]
    assert descriptions[""] == descriptions["cy"]  # other app languages: the council's default
    assert all(len(text) <= 120 for text in short.values()) and short["en"] != short["cy"]
    assert "&amp;" not in "".join(descriptions.values())  # plain text, not HTML


async def test_declining_consent_stores_only_the_refusal(sandbox: Sandbox, db_path: Path) -> None:
    dai = sandbox.person("Dai", language_code="cy")
    await dai.send("/start")
    await dai.press("Cymraeg")
    await dai.press("65 neu'n hŷn")
    await dai.press("Dim diolch")
    assert "Nid ydym wedi cadw dim byd amdanoch chi" in dai.last
    assert query(db_path, "SELECT * FROM people") == []
    declined = query(db_path, "SELECT telegram_id FROM declined_consent")
    assert [row["telegram_id"] for row in declined] == [dai.id]
    # Changing their mind later works and clears the refusal.
    await dai.join("cy", "65 neu'n hŷn")
    assert len(query(db_path, "SELECT * FROM people")) == 1
    assert query(db_path, "SELECT * FROM declined_consent") == []


async def test_under_digital_consent_age_is_kindly_turned_away(
    sandbox: Sandbox, db_path: Path
) -> None:
    cai = sandbox.person("Cai", language_code="en")
    await cai.send("/start")
    await cai.press("English")
    await cai.press("Under 13")
    assert "invite code" in cai.last and "not stored anything" in cai.last
    assert cai.last.buttons == []
    assert query(db_path, "SELECT * FROM people") == []


async def test_young_person_is_told_about_youth_forums(sandbox: Sandbox) -> None:
    seren = sandbox.person("Seren", language_code="cy")
    await seren.send("/start")
    await seren.press("Cymraeg")
    await seren.press("16–17")
    await seren.press("Rwy'n cytuno")
    assert "fforymau ieuenctid" in seren.last


async def test_start_again_neither_duplicates_nor_loses(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.send("/start")
    await ben.press("English")
    await ben.press("26–44")
    consent_message, agree = ben.find_button("I agree")
    await ben.press_data(consent_message, agree)
    await ben.press("Transport")
    await ben.press("Environment")
    await ben.press("Done")
    await ben.send("/start")
    assert "Welcome back, Ben!" in ben.last
    # Pressing the old consent button again (a double tap, an old message) changes nothing.
    await ben.press_data(consent_message, agree)
    assert len(query(db_path, "SELECT * FROM people")) == 1
    assert len(query(db_path, "SELECT * FROM memberships")) == 2


async def test_language_switch_both_ways(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/language")
    await ben.press("Cymraeg")
    assert "byddaf yn siarad Cymraeg â chi" in ben.last
    await ben.send("/help")
    assert "/cymorth" in ben.last.text and "Fel preswylydd" in ben.last
    await ben.send("/iaith")
    await ben.press("English")
    assert "I will use English" in ben.last
    assert query(db_path, "SELECT language FROM people")[0]["language"] == "en"


async def test_join_and_leave_forums(sandbox: Sandbox, db_path: Path) -> None:
    alys = sandbox.person("Alys", language_code="cy")
    await alys.join("cy", forums=("Amgylchedd",))
    await alys.send("/fforymau")
    assert "✅ Amgylchedd" in alys.last.labels
    await alys.press("Amgylchedd")
    assert alys.last_notice == "Rydych chi wedi gadael: Amgylchedd."
    await alys.press("Pobl Ifanc")
    await alys.press("Gorffen")
    assert "Rydych chi yn y fforwm hwn: Pobl Ifanc." in alys.last
    assert [r["forum_id"] for r in query(db_path, "SELECT forum_id FROM memberships")] == [
        "young_people"
    ]


async def test_double_tap_on_join_counts_once(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/forums")
    picker, join_data = ben.find_button("Heritage and Tourism")
    await ben.press_data(picker, join_data)
    await ben.press_data(picker, join_data)  # the same old button again
    assert ben.last_notice == "You are already in Heritage and Tourism."
    assert len(query(db_path, "SELECT * FROM memberships")) == 1


async def test_restart_keeps_people_and_memberships(sandbox: Sandbox, db_path: Path) -> None:
    alys = sandbox.person("Alys", language_code="cy")
    await alys.join("cy", forums=("Amgylchedd",))
    await sandbox.restart()
    await alys.send("/start")
    assert "Croeso'n ôl, Alys!" in alys.last
    await alys.send("/fforymau")
    assert "✅ Amgylchedd" in alys.last.labels
    await sandbox.restart()  # forums are synced again at start: still one row each
    assert len(query(db_path, "SELECT * FROM forums")) == 6
    assert len(query(db_path, "SELECT * FROM people")) == 1
    assert len(query(db_path, "SELECT * FROM memberships")) == 1


async def test_onboarding_resumes_after_restart_mid_flow(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.send("/start")
    await ben.press("English")
    await ben.press("18–25")
    await sandbox.restart()
    await ben.press("Adult forums")  # 18–25s choose their side
    await sandbox.restart()
    await ben.press("I agree")  # the button from before the restart still works
    assert "Which forums" in ben.last
    await sandbox.restart()
    await ben.send("/start")  # consented but not finished: back to the forums
    assert "Which forums" in ben.last


async def test_buttons_from_older_versions_still_work(sandbox: Sandbox, db_path: Path) -> None:
    """Joining and the forum picker moved onto typed buttons (issue 12); the data older
    versions put in people's chats keeps working, step by step."""
    newcomer = sandbox.person("Nia", language_code="cy")
    await newcomer.send("/start")
    welcome = newcomer.last
    await newcomer.press_data(welcome, "ob:lang:en")
    assert "How old are you?" in newcomer.last.text
    await newcomer.press_data(welcome, "ob:age:en:45_64")
    assert "Privacy notice" in newcomer.last.text
    await newcomer.press_data(welcome, "ob:yes:en:45_64")
    assert "Which forums would you like to join?" in newcomer.last.text
    await newcomer.press_data(newcomer.last, "fm:join:transport")
    assert newcomer.last_notice == "Joined Transport."
    await newcomer.press_data(newcomer.last, "fm:prompts:off")
    await newcomer.press_data(newcomer.last, "fm:done")
    assert "You're all set!" in newcomer.last.text
    await newcomer.press_data(newcomer.last, "lang:set:cy")
    assert "Cymraeg" in newcomer.last.text
    row = query(db_path, "SELECT language, receive_prompts FROM people")[0]
    assert tuple(row) == ("cy", 0)
