"""The catalogs: complete Welsh, six plural forms, in step with the code and the compiled .mo."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from bot.i18n import I18n, locales_dir

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "n_": (1, 2), "N_": None}
CY_PLURALS = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);"


def _catalog(language: str, kind: str = "po") -> Catalog:
    path = locales_dir() / language / "LC_MESSAGES" / f"messages.{kind}"
    with path.open("rb") as handle:
        return read_po(handle) if kind == "po" else read_mo(handle)


def _ids_in_code() -> set[str]:
    found = set()
    for _, _, message, _, _ in extract_from_dir(
        str(ROOT / "bot"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else message[0]
        if key:
            found.add(key)
    return found


def _strings(message: Message) -> list[str]:
    if isinstance(message.string, (tuple, list)):
        return list(message.string)
    return [message.string or ""]


def _key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


@pytest.mark.parametrize("language", ["cy", "en"])
def test_catalog_has_every_string_in_the_code(language: str) -> None:
    in_catalog = {_key(m) for m in _catalog(language) if m.id}
    missing = _ids_in_code() - in_catalog
    assert not missing, f"run the Babel extract/update steps in the README: {sorted(missing)[:5]}"


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
    def entries(catalog: Catalog) -> dict[str, tuple[str, ...]]:
        return {_key(m): tuple(_strings(m)) for m in catalog if m.id and all(_strings(m))}

    for language in ("cy", "en"):
        source, compiled = entries(_catalog(language)), entries(_catalog(language, "mo"))
        # Babel writes untranslated plurals into the .mo as their English forms: ignore those.
        compiled = {k: v for k, v in compiled.items() if k in source or v[0] != k}
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
