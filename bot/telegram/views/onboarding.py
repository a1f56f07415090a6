"""Joining as people see it: the bilingual welcome, the age question, the privacy notice (plain
words; for young people, words a 13-year-old understands) with Agree / No thanks, and what is
said about invite codes.

Nothing is stored about a person before "I agree": the language, age band and any invite code
travel in the buttons. The data keeps the shape older versions put in people's chats
("ob:lang:cy", "ob:age:cy:45_64:CODE", "ob:yes:…", "ob:no:cy"), so those buttons still work.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Config
from bot.domain.moderation import RedeemResult
from bot.domain.people import AGE_BANDS, LANGUAGES, PREFER_NOT_TO_SAY, AgeBand, Side
from bot.i18n import Html, I18n, Translator
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard, rows
from bot.telegram.views import View

LANGUAGE_NAMES = {"cy": "Cymraeg", "en": "English"}


@dataclass(frozen=True)
class PickLanguage(CallbackData, prefix="ob", tag="lang"):
    """The first question's answer (with the invite code the person came with, if any)."""

    language: str
    invite: str | None = None


@dataclass(frozen=True)
class PickAgeBand(CallbackData, prefix="ob", tag="age"):
    """An age band (``prefer_not`` for "prefer not to say")."""

    language: str
    band: str
    invite: str | None = None


@dataclass(frozen=True)
class PickSide(CallbackData, prefix="ob", tag="side"):
    """An 18–25's choice: the youth forums or the adult forums."""

    language: str
    band: str
    side: Side
    invite: str | None = None


@dataclass(frozen=True)
class Agree(CallbackData, prefix="ob", tag="yes"):
    """ "I agree" under the privacy notice: the first moment anything is stored (with an
    18–25's chosen side, if they chose one)."""

    language: str
    band: str
    invite: str | None = None
    side: Side | None = None


@dataclass(frozen=True)
class Decline(CallbackData, prefix="ob", tag="no"):
    """ "No thanks": nothing is stored (but the decline, without a name)."""

    language: str


def welcome(i18n: I18n, config: Config, suggested: str, invite: str | None) -> View:
    """The first message anyone sees: in Welsh then English, since we do not know them yet."""
    parts = [
        i18n(language)._(
            "👋 <b>Welcome to Cydlais</b>. {council} invites residents to shape local services "
            "together.\nWhich language would you like to use?",
            council=config.council.name(language),
        )
        for language in LANGUAGES  # Welsh first, as the Welsh Language Standards ask
    ]
    buttons = [
        Button(("✓ " if code == suggested else "") + name, PickLanguage(code, invite).pack())
        for code, name in LANGUAGE_NAMES.items()
    ]
    return View("\n\n".join(parts), Keyboard([buttons]))


def age_band_label(t: Translator, band: AgeBand | None) -> str:
    """A band's button label in the person's language."""
    if band is None:
        return t._("Prefer not to say")
    if band.low == 0:
        return t._("Under {age}", age=band.high + 1)
    if band.high >= 130:
        return t._("{age} or over", age=band.low)
    return f"{t.number(band.low)}–{t.number(band.high)}"


def age_question(t: Translator, invite: str | None) -> View:
    """How old are you? (and why we ask)."""
    buttons = [
        Button(age_band_label(t, band), PickAgeBand(t.language, band.code, invite).pack())
        for band in AGE_BANDS
    ]
    keyboard = rows(buttons, 3)
    no_say = PickAgeBand(t.language, PREFER_NOT_TO_SAY, invite).pack()
    keyboard.append([Button(age_band_label(t, None), no_say)])
    text = t._(
        "How old are you? We ask so that young people can take part in the youth forums. "
        "Other residents never see your age."
    )
    return View(text, Keyboard(keyboard))


def needs_invite(t: Translator, age: int) -> View:
    """Under the digital age of consent, without a young person's invite code."""
    return View(
        t._(
            "Thank you! Because you are under {age}, you can join with an invite code from "
            "a youth forum convenor: ask at your school or youth club. When you have one, "
            "send /start followed by the code. We have not stored anything about you.",
            age=age,
        )
    )


def side_question(t: Translator, config: Config, band: str, invite: str | None) -> View:
    """18–25s choose: the youth forums (for people up to the youth forums' upper age) or the
    adult forums; they can move later in /forums."""
    text = t._(
        "The youth forums are for young people up to the age of {age}, so you can choose: "
        "take part in the youth forums, or in the adult forums? You can change this later "
        "in /forums.",
        age=config.youth.max_age,
    )
    buttons = [
        Button(t._("Youth forums"), PickSide(t.language, band, Side.YOUTH, invite).pack()),
        Button(t._("Adult forums"), PickSide(t.language, band, Side.ADULT, invite).pack()),
    ]
    return View(text, Keyboard([buttons]))


def consent(
    t: Translator, notice: str, band: str, invite: str | None, side: Side | None = None
) -> View:
    """The privacy notice with Agree / No thanks."""
    buttons = [
        Button(t._("I agree"), Agree(t.language, band, invite, side).pack()),
        Button(t._("No thanks"), Decline(t.language).pack()),
    ]
    return View(notice + "\n\n" + t._("Do you agree?"), Keyboard([buttons]))


def privacy_notice(t: Translator, config: Config, young: bool = False) -> str:
    """What is stored, why, for how long, who sees it, and how to get it or have it removed."""
    council, retention = config.council, config.retention
    if young:
        text = youth_privacy_notice(t, config)
    else:
        text = t._(
            "<b>Privacy notice</b>\n"
            "{council} uses Cydlais to hear from residents and to shape its Community Strategy."
            "\n\nIf you agree, we keep your name as Telegram shows it and your Telegram account "
            "number (not your phone number: we never see that), your language, your age band, "
            "the forums you join and what you send us (proposals, support and answers).\n"
            "Forum convenors and council officers see your contributions. Young people's names "
            "are never shown to other residents. Proposals may be published as open data, "
            "without names.\n"
            "How long we keep things: answers, {answers_kept}; your account, until you have not "
            "used Cydlais for {inactive_kept}.\n"
            "Any time, /mydata sends you everything we hold about you and /forget deletes it. "
            "Questions: {contact}",
            council=council.name(t.language),
            contact=council.contact or council.name(t.language),
            answers_kept=t.duration(retention.answers_days),
            inactive_kept=t.duration(retention.inactive_account_days),
        )
    return text + "\n\n" + kept_after_forget(t)


def youth_privacy_notice(t: Translator, config: Config) -> str:
    """The privacy notice for the youth forums, with who to talk to (the council's
    safeguarding contact if configured, and Meic, Wales's helpline for young people)."""
    contact = config.youth.safeguarding_contact
    talk = (
        t._("Talk to {contact}.", contact=contact)
        if contact
        else t._("Talk to a youth worker or a teacher you trust.")
    )
    return t._(
        "<b>Your privacy</b>\n"
        "{council} wants to hear young people's ideas for the area. Here is what happens to what "
        "you tell us:\n\n"
        "• We keep your Telegram name, your age group, your language, the forums you join and "
        "the ideas and answers you send.\n"
        "• A youth worker (the youth forum's convenor) looks at your ideas before they go up. "
        "Other people using Cydlais never see your name, and nor does the public.\n"
        "• Council staff read your ideas so that they can act on them.\n"
        "• Any time, /mydata shows you everything we keep and /forget deletes it.\n\n"
        "Worried about something, or want to talk to someone? {talk} You can also talk to Meic, "
        "the free and confidential helpline for young people in Wales: call 080880 23456, text "
        "84001, or go to meic.cymru.",
        council=config.council.name(t.language),
        talk=Html(talk),
    )


def kept_after_forget(t: Translator) -> str:
    """What /forget does not delete at once, and why (store/privacy.py): said in the privacy
    notice and again before anyone forgets."""
    return t._(
        "If you use /forget, two things stay for a while, under a scrambled form of your "
        "Telegram number (never the number itself): a pause on posting, if a convenor made one, "
        "so that it applies again if you come back; and for two days, when you sent your latest "
        "proposals (for the daily limit)."
    )


def declined(t: Translator) -> View:
    """After "No thanks"."""
    return View(
        t._(
            "That's fine. We have not stored anything about you. If you change your mind, "
            "send /start."
        )
    )


def invite_problem(t: Translator, result: RedeemResult) -> str:
    """Why an invite code did not work."""
    if result is RedeemResult.USED:
        return t._("That invite code has been used already. Please ask for a new one.")
    if result is RedeemResult.EXPIRED:
        return t._("That invite code has expired. Please ask for a new one.")
    return t._("I don't recognise that invite code. Please check it, or ask for a new one.")


def joined_already(t: Translator) -> str:
    """A young person's invite code from someone who has joined."""
    return t._("You have joined already, so you don't need that code.")


def role_granted(t: Translator, officer: bool, forum: str) -> View:
    """An invite code from someone who has joined: the role it gave."""
    text = (
        t._("You are now a council officer in Cydlais.")
        if officer
        else t._("You are now a convenor of {forum}.", forum=forum)
    )
    return View(text + "\n" + t._("Send /help to see what you can do."))


def thanks(t: Translator) -> str:
    """The notice after "I agree"."""
    return t._("Thank you!")
