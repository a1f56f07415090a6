"""The command list: names in English and Welsh, who may use each, and Telegram's command menu."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from bot.config import CouncilConfig
from bot.domain.roles import Grants, Role, may_invite
from bot.i18n import N_, I18n, Translator

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Command:
    """A slash command: its English name, Welsh alias, description and the role it is for.

    ``only_for``, when set, decides who sees it instead of the role (some convenors can use a
    command and others cannot); /help still lists it under ``role`` when the person has it.
    """

    name: str
    alias: str | None
    description: str
    role: Role
    only_for: Callable[[Grants], bool] | None = None

    def shown_to(self, grants: Grants) -> bool:
        """Whether this command is in the menu and /help of someone with ``grants``."""
        return self.only_for(grants) if self.only_for else self.role in grants.roles

    @property
    def names(self) -> list[str]:
        """Every name the command answers to."""
        return [self.name, self.alias] if self.alias else [self.name]

    def shown_name(self, language: str) -> str:
        """Welsh readers see the Welsh alias in menus and help."""
        return self.alias if language == "cy" and self.alias else self.name


def _nobody(grants: Grants) -> bool:
    """For commands used once and never shown in a menu (/setup)."""
    return False


COMMANDS: tuple[Command, ...] = (
    Command("start", None, N_("Start, or pick up where you left off"), Role.RESIDENT),
    Command("help", "cymorth", N_("What you can do here"), Role.RESIDENT),
    Command("language", "iaith", N_("Choose Welsh or English"), Role.RESIDENT),
    Command("forums", "fforymau", N_("Join or leave forums"), Role.RESIDENT),
    Command("propose", "cynnig", N_("Send a proposal to a forum"), Role.RESIDENT),
    Command("proposals", "cynigion", N_("Browse and support proposals"), Role.RESIDENT),
    Command("mine", "fy_nghynigion", N_("Your proposals and what became of them"), Role.RESIDENT),
    Command(
        "decisions",
        "penderfyniadau",
        N_("You said, we did: the council's decisions and replies"),
        Role.RESIDENT,
    ),
    Command(
        "conversations",
        "sgyrsiau",
        N_("Conversations open in your forums: vote, add statements"),
        Role.RESIDENT,
    ),
    Command(
        "indicators",
        "dangosyddion",
        N_("Measures your forum chooses: suggest, back, see them"),
        Role.RESIDENT,
    ),
    Command("cancel", "canslo", N_("Stop what you are doing"), Role.RESIDENT),
    Command("privacy", "preifatrwydd", N_("What we keep about you, and why"), Role.RESIDENT),
    Command("mydata", "fy_nata", N_("Everything we hold about you, as a file"), Role.RESIDENT),
    Command("forget", "anghofio", N_("Delete your data"), Role.RESIDENT),
    Command(
        "prompt", "ysgogiad", N_("Ask your forum “tell us about…”, read answers"), Role.CONVENOR
    ),
    Command("schedule", "amserlen", N_("Regular check-ins for your forum"), Role.CONVENOR),
    Command("review", "adolygu", N_("Approve, keep or hide items; pause posting"), Role.CONVENOR),
    Command(
        "invite",
        "gwahodd",
        N_("Invite codes for convenors, officers, young people"),
        Role.ADMIN,
        only_for=may_invite,
    ),
    Command(
        "conversation",
        "sgwrs",
        N_("Find common ground: statements your forum votes on; results"),
        Role.CONVENOR,
    ),
    Command(
        "forum_meeting",
        "cyfarfod_fforwm",
        N_("Invite your forum to a meeting: who is coming, reminders"),
        Role.CONVENOR,
    ),
    Command(
        "meeting", "cyfarfod", N_("Record a proposal raised at a forum meeting"), Role.CONVENOR
    ),
    Command("export", "allforio", N_("Open data: CSV and JSON, no personal data"), Role.OFFICER),
    Command(
        "digest", "crynodeb", N_("The community-strategy digest, this week so far"), Role.OFFICER
    ),
    Command(
        "status",
        "statws",
        N_("Set a proposal's status, with a note for the resident"),
        Role.OFFICER,
    ),
    Command(
        "respond",
        "ymateb",
        N_("Reply to a proposal's author without deciding it yet"),
        Role.OFFICER,
    ),
    Command("overdue", "hwyr", N_("Proposals past the council's promise to answer"), Role.OFFICER),
    Command(
        "link",
        "cysylltu",
        N_("Link a forum's Telegram group: send it in the group"),
        Role.ADMIN,
    ),
    Command("unlink", "datgysylltu", N_("Stop posting a forum to this group"), Role.ADMIN),
    Command("roles", "rolau", N_("Who holds which role; revoke one"), Role.ADMIN),
    Command(
        "settings",
        "gosodiadau",
        N_("Forums, communities, digest day, promise, quiet hours"),
        Role.ADMIN,
    ),
    Command(
        "setup",
        "gosod",
        N_("Become the first administrator, with the code printed at start"),
        Role.ADMIN,
        only_for=_nobody,
    ),
)


def command(name: str) -> Command:
    """The command called ``name`` (English name)."""
    return next(c for c in COMMANDS if c.name == name)


def names(name: str) -> list[str]:
    """English name and Welsh alias of a command, for CommandHandler."""
    return command(name).names


def commands_for(grants: Grants) -> list[Command]:
    """The commands open to someone with ``grants``, in menu order."""
    return [c for c in COMMANDS if c.shown_to(grants)]


def heading(command: Command, grants: Grants) -> Role:
    """The role /help lists a command under: its own, or the person's highest."""
    return command.role if command.role in grants.roles else grants.roles[-1]


def bot_commands(t: Translator, grants: Grants) -> list[BotCommand]:
    """Telegram's command menu in one language."""
    return [BotCommand(c.shown_name(t.language), t._(c.description)) for c in commands_for(grants)]


async def publish_default_menus(bot: Bot, i18n: I18n, default_language: str) -> None:
    """Resident menus for Welsh and English Telegram apps, and for everyone else."""
    residents = Grants()
    for language, translator in i18n.translators.items():
        await bot.set_my_commands(
            bot_commands(translator, residents),
            scope=BotCommandScopeDefault(),
            language_code=language,
        )
    await bot.set_my_commands(
        bot_commands(i18n(default_language), residents), scope=BotCommandScopeDefault()
    )


# What Telegram shows before someone presses Start (plain text: 512 and 120 characters at most).
DESCRIPTION = N_(
    "Cydlais is the co-production forum of {council}, in Welsh and English. Send an idea for "
    "your community, support other people's ideas, answer the forums' questions and hear what "
    "the council decided. Press Start to choose your language and forums; /forget deletes your "
    "data at any time."
)
SHORT_DESCRIPTION = N_("{council}: share ideas, answer questions, hear what was decided.")


async def publish_introduction(bot: Bot, i18n: I18n, council: CouncilConfig) -> None:
    """The bot's description and short description in Welsh and English (by the reader's app
    language) and, for every other app language, in the council's default language — so a
    newcomer opening the bot reads their own language before pressing Start."""
    languages: list[tuple[str, str | None]] = [(code, code) for code in i18n.translators]
    languages.append((council.default_language, None))
    for language, code in languages:
        t = i18n(language)
        name = council.name(language)
        # The profile is plain text: undo the HTML escaping _() gives the values.
        description = html.unescape(t._(DESCRIPTION, council=name))
        short = html.unescape(t._(SHORT_DESCRIPTION, council=name))
        try:
            await bot.set_my_description(description[:512], language_code=code)
            await bot.set_my_short_description(short[:120], language_code=code)
        except TelegramError:
            logger.warning("Could not set the bot's description (%s)", code, exc_info=True)


async def publish_personal_menu(bot: Bot, chat_id: int, t: Translator, grants: Grants) -> None:
    """A person's own menu: in the language they chose, with the commands of their roles."""
    try:
        await bot.set_my_commands(
            bot_commands(t, grants), scope=BotCommandScopeChat(chat_id=chat_id)
        )
    except TelegramError:
        # A menu is a convenience; failing to set it must not break what the person was doing.
        logger.warning("Could not set the command menu for chat %s", chat_id, exc_info=True)
