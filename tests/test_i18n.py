"""The catalogs: complete Welsh, six plural forms, in step with the code and the compiled .mo."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape as html_unescape
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from bot.i18n import I18n, locales_dir
from bot.sandbox.scenario import Sandbox
from tests.test_proposals import propose

ROOT = Path(__file__).resolve().parent.parent
ADMIN, OFFICER = 1001, 1002
# The same keywords as scripts/update-catalogs, so every string the code uses is checked.
KEYWORDS = {
    "_": None,
    "n_": (1, 2),
    "N_": None,
    "p_": ((1, "c"), 2),
    "np_": ((1, "c"), 2, 3),
    "NC_": ((1, "c"), 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
CY_PLURALS = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);"


def _catalog(language: str, kind: str = "po") -> Catalog:
    path = locales_dir() / language / "LC_MESSAGES" / f"messages.{kind}"
    with path.open("rb") as handle:
        return read_po(handle) if kind == "po" else read_mo(handle)


def _ids_in_code() -> set[tuple[str | None, str]]:
    """(context, msgid) of every string the code marks for translation."""
    found = set()
    for _, _, message, _, context in extract_from_dir(
        str(ROOT / "bot"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else message[0]
        if key:
            found.add((context, key))
    return found


def _strings(message: Message) -> list[str]:
    if isinstance(message.string, (tuple, list)):
        return list(message.string)
    return [message.string or ""]


def _key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _context_and_key(message: Message) -> tuple[str | None, str]:
    """What tells two catalog entries apart: "Adopted" as a button and as a count."""
    context = message.context
    if isinstance(context, bytes):  # Babel's read_mo leaves the context undecoded
        context = context.decode()
    return context, _key(message)


@pytest.mark.parametrize("language", ["cy", "en"])
def test_catalog_has_every_string_in_the_code(language: str) -> None:
    in_catalog = {_context_and_key(m) for m in _catalog(language) if m.id}
    missing = _ids_in_code() - in_catalog
    assert not missing, (
        f"run ./scripts/update-catalogs (docs/translating.md): {sorted(missing)[:5]}"
    )


def test_welsh_is_complete_and_not_fuzzy() -> None:
    catalog = _catalog("cy")
    untranslated = [_key(m) for m in catalog if m.id and not all(_strings(m))]
    fuzzy = [_key(m) for m in catalog if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_welsh_plural_header_has_six_cldr_forms() -> None:
    text = (locales_dir() / "cy" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    header = re.search(r"Plural-Forms: (.*?)\\n", text.replace('"\n"', ""))
    assert header is not None and header.group(1) == CY_PLURALS
    assert all(len(_strings(m)) == 6 for m in _catalog("cy") if m.id and m.pluralizable)


def test_compiled_catalogs_match_their_sources() -> None:
    def entries(catalog: Catalog) -> dict[tuple[str | None, str], tuple[str, ...]]:
        return {
            _context_and_key(m): tuple(_strings(m)) for m in catalog if m.id and all(_strings(m))
        }

    for language in ("cy", "en"):
        source, compiled = entries(_catalog(language)), entries(_catalog(language, "mo"))
        # Babel writes untranslated plurals into the .mo as their English forms: ignore those.
        compiled = {k: v for k, v in compiled.items() if k in source or v[0] != k[1]}
        assert compiled == source, f"run `pybabel compile -d locales` ({language})"


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w*)\}", text))


def _tags(text: str) -> list[str]:
    return sorted(re.findall(r"</?[a-z-]+>", text))


def test_translations_keep_placeholders_and_tags() -> None:
    for message in _catalog("cy"):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        allowed = set().union(*(_placeholders(i) for i in ids)) | {"count"}
        for translated in _strings(message):
            assert _placeholders(translated) <= allowed, (message.id, translated)
            assert _tags(translated) == _tags(ids[0]), (message.id, translated)


def test_welsh_plural_forms_at_runtime() -> None:
    t = I18n(UTC)("cy")
    forms = {
        n: t.n_(
            "You are in this forum: {forums}.",
            "You are in these {count} forums: {forums}.",
            n,
            forums="X",
        )
        for n in (0, 1, 2, 3, 4, 6, 7)
    }
    assert forms[1] == "Rydych chi yn y fforwm hwn: X."
    assert forms[2] == "Rydych chi yn y ddau fforwm hyn: X."
    assert forms[3] == "Rydych chi yn y tri fforwm hyn: X."
    assert forms[6] == "Rydych chi yn y chwe fforwm hyn: X."
    assert forms[4] == "Rydych chi yn y 4 fforwm hyn: X."
    assert forms[7] == "Rydych chi yn y 7 fforwm hyn: X."
    assert forms[0].startswith("Dydych chi ddim")


def test_dates_and_numbers_follow_the_readers_locale() -> None:
    i18n = I18n(UTC)
    monday = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert i18n("cy").date(monday, "full") == "Dydd Llun, 23 Tachwedd 2026"
    assert i18n("en").date(monday, "full") == "Monday, 23 November 2026"
    assert i18n("cy").number(12345) == "12,345"
    assert (
        i18n("cy")._("Thank you, {name}!", name="<Ann & Bob>") == "Diolch, &lt;Ann &amp; Bob&gt;!"
    )


# Words that mutate the next word (soft, nasal or aspirate mutation, or h- before a vowel), and
# the possessives, which a name never follows. A placeholder cannot mutate, so a name after one
# of these reads wrong ("o Trafnidiaeth"): write "o fforwm {forum}" instead. The articles are
# here too: they mutate feminine nouns.
MUTATING_WORDS = frozenset({
    "a", "â", "am", "ar", "at", "dan", "tan", "dros", "drwy", "trwy", "wrth", "hyd", "heb",
    "gan", "i", "o", "ei", "dy", "yn", "fy", "ein", "eich", "eu", "neu", "na", "pa", "mor", "rhy",
    "dau", "dwy", "tri", "chwe", "y", "yr",
})  # fmt: skip
# The same words shortened after an apostrophe: i'w, wedi'i, a'r, mae'n, a'm, i'th, o'u.
MUTATING_AFTER_APOSTROPHE = frozenset({"i", "w", "r", "n", "m", "th", "u"})
# Placeholders that never mutate: numbers, times, dates (after such a word a date is in the long
# style, "30 Tachwedd 2026": a numeral first), proposal references (P-0042), codes, links and
# commands.
UNMUTATED_PLACEHOLDERS = frozenset({
    "count", "number", "low", "high", "age", "days", "answer_days", "inactive_days", "total",
    "page", "pages", "adult", "youth", "difference", "answers", "sent", "time", "date", "ref",
    "code", "link", "command",
})  # fmt: skip
_WORD_BEFORE_PLACEHOLDER = re.compile(r"([\w'’]+)\s+\{(\w+)\}")


def _mutated_placeholders(text: str) -> list[str]:
    """Every "word {placeholder}" in ``text`` where the word would mutate the placeholder."""
    plain = re.sub(r"</?[a-z-]+>", "", text)  # "gan <b>{forum}</b>" is still "gan {forum}"
    found = []
    for word, placeholder in _WORD_BEFORE_PLACEHOLDER.findall(plain):
        word = word.casefold().replace("’", "'")
        _, apostrophe, tail = word.rpartition("'")
        mutating = tail in MUTATING_AFTER_APOSTROPHE if apostrophe else word in MUTATING_WORDS
        if mutating and placeholder not in UNMUTATED_PLACEHOLDERS:
            found.append(f"{word} {{{placeholder}}}")
    return found


def test_mutation_check_finds_what_it_should() -> None:
    assert _mutated_placeholders("Nodyn gan <b>{forum}</b>") == ["gan {forum}"]
    assert _mutated_placeholders("i'r {forum} ac o {forum}") == ["i'r {forum}", "o {forum}"]
    assert _mutated_placeholders("aelod o fforwm {forum}, am {time}, i “{prompt}”") == []
    assert _mutated_placeholders("{count} o {total}; Diolch am gefnogi {ref}") == []


def test_welsh_never_puts_a_placeholder_where_it_would_mutate() -> None:
    offenders = {
        (_key(m)[:60], mutated)
        for m in _catalog("cy")
        if m.id
        for text in _strings(m)
        for mutated in _mutated_placeholders(text)
    }
    assert not offenders, f"write “o fforwm {{forum}}”, not “o {{forum}}”: {sorted(offenders)}"


def test_a_context_tells_a_button_from_a_count() -> None:
    i18n = I18n(UTC)
    cy, en = i18n("cy"), i18n("en")
    assert cy.p_("status button", "Adopted") == "Wedi'i fabwysiadu"
    assert cy.p_("digest count", "Adopted") == "Mabwysiadwyd"
    assert en.p_("status button", "Adopted") == en.p_("digest count", "Adopted") == "Adopted"
    # Values are escaped as with _, and counts fill {count}.
    assert en.p_("test", "Hi {name}", name="<Ann & Bob>") == "Hi &lt;Ann &amp; Bob&gt;"
    assert en.np_("test", "{count} cat of {name}", "{count} cats of {name}", 2, name="<") == (
        "2 cats of &lt;"
    )


def _codes(html: str) -> list[str]:
    return [html_unescape(c) for c in re.findall(r"<code>(.*?)</code>", html)]


async def test_welsh_invite_help_shows_commands_that_work(sandbox: Sandbox) -> None:
    """Every command the Welsh /gwahodd help shows is Welsh, and makes a code when typed."""
    admin = sandbox.person("Anwen", user_id=ADMIN, language_code="cy")
    await admin.join("cy")
    await admin.send("/gwahodd")
    commands = _codes(admin.last.html)
    assert commands == [
        "/gwahodd cynullydd amgylchedd",
        "ieuenctid",
        "/gwahodd swyddog",
        "/gwahodd ifanc",
    ]
    made = []
    for command in [commands[0], f"{commands[0]} {commands[1]}", *commands[2:]]:
        await admin.send(command)
        made.append(admin.last.text.split(":")[0])
    assert made == [
        "Cod gwahoddiad ar gyfer cynullydd Amgylchedd",
        "Cod gwahoddiad ar gyfer cynullydd Amgylchedd (fforwm ieuenctid)",
        "Cod gwahoddiad ar gyfer swyddog y cyngor",
        "Cod gwahoddiad ar gyfer person ifanc sy'n ymuno â'r fforymau ieuenctid",
    ]


async def test_welsh_officer_uses_statws_and_reads_welsh_counts(sandbox: Sandbox) -> None:
    """/statws is /status in Welsh; the status buttons and the digest's counts read as Welsh."""
    alys = sandbox.person("Alys", language_code="cy")
    await alys.join("cy", forums=("Trafnidiaeth",))
    await propose(alys, "Trafnidiaeth", "Bysiau hwyrach\nMae'r olaf yn rhy gynnar.", "cy")
    officer = sandbox.person("Olwen", user_id=OFFICER, language_code="cy")
    await officer.join("cy")
    await officer.send("/statws")
    assert officer.last.text.startswith("Ysgrifennwch /statws ac yna cyfeirnod cynnig")
    example, with_status = _codes(officer.last.html)
    assert example == "/statws P-0042"
    assert with_status.startswith("/statws P-0042 mabwysiadu ")
    await officer.send("/statws P-0001")
    assert "Wedi'i fabwysiadu" in officer.last.labels
    await officer.send(with_status.replace("P-0042", "P-0001"))
    assert "✅ Statws P-0001 nawr yw: wedi'i fabwysiadu" in officer.last.text
    await officer.send("/crynodeb")
    digest = "\n".join(m.text for m in officer.messages())
    assert "Mabwysiadwyd: 1" in digest and "Cynigion o gyfarfodydd: 0" in digest
