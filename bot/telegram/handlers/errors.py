"""The error handler: an unexpected error is logged, the person gets an apology, and the people
who run the bot hear of it.

With ``[telegram] error_chat_id`` set, a short report goes to that chat: which update (and what
kind) or which job, the error's type and message, where in our code it was raised, and the last
frames of the traceback. The same kind of error (its type and that place) is reported at most
once an hour, so a storm of one failure is one message, not hundreds. The report's own words
are in the council's default language; the error and traceback stay as Python wrote them.
"""

from __future__ import annotations

import logging
import traceback
from datetime import datetime, timedelta
from pathlib import Path

from telegram import Update
from telegram.constants import ChatType

import bot
from bot.i18n import Translator, escape
from bot.render import limits
from bot.store import current_update
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import send_text
from bot.telegram.sender import resolve_sender

logger = logging.getLogger(__name__)

REPORT_EVERY = timedelta(hours=1)
TRACEBACK_FRAMES = 4  # the innermost ones: where it went wrong
MESSAGE_ROOM = 600  # units of the error's own message shown (a Bot API error can be long)
_PACKAGE = Path(bot.__file__).resolve().parent

# An error kind: its type, and where in our code it was raised.
ErrorKind = tuple[str, str]


class ErrorHandler:
    """The application's error handler (``Application.add_error_handler``): log, apologise to
    the person in their language, and report to the error chat (see the module docstring)."""

    def __init__(self) -> None:
        self._reported: dict[ErrorKind, datetime] = {}

    async def __call__(self, update: object, context: CydlaisContext) -> None:
        error = context.error
        current_update.set(None)
        if isinstance(update, Update):
            logger.error("Error while handling update %s", update.update_id, exc_info=error)
            await _apologise(update, context)
        else:
            job = context.job.name if context.job is not None else None
            logger.error("Error in job %s", job, exc_info=error)
        if error is not None:
            await self._report(update, context, error)

    async def _report(self, update: object, context: CydlaisContext, error: Exception) -> None:
        config, clock = context.bot_data.config, context.bot_data.clock
        services = context.bot_data.services
        chat_id = config.telegram.error_chat_id if config is not None else None
        if chat_id is None or clock is None or services is None or config is None:
            return
        now = clock.now()
        kind = (_type_name(error), raised_at(error))
        last = self._reported.get(kind)
        if last is not None and now - last < REPORT_EVERY:
            return
        self._forget_before(now - REPORT_EVERY)
        self._reported[kind] = now  # counted even if sending fails: no retry storm either
        job = context.job.name if context.job is not None else None
        try:
            t = services.i18n(config.council.default_language)
            await context.bot.send_message(chat_id, report_text(t, update, job, error))
        except Exception:  # Telegram down, or the bot left that chat: the log has it all
            logger.warning("Could not report the error to chat %s", chat_id, exc_info=True)

    def _forget_before(self, moment: datetime) -> None:
        for kind in [k for k, at in self._reported.items() if at < moment]:
            del self._reported[kind]


async def _apologise(update: Update, context: CydlaisContext) -> None:
    """Tell the person something went wrong, in their language (in a private chat only)."""
    if context.bot_data.services is None:
        return
    try:
        await resolve_sender(update, context)  # error handlers get a fresh context
    except Exception:
        logger.warning("Could not look up the sender of update %s", update.update_id)
    text = context.t._("Sorry, something went wrong on our side. Please try again in a moment.")
    try:
        if update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE:
            await send_text(update, text)
    except Exception:  # the apology itself failed (Telegram down?): the log above is enough
        logger.warning("Could not tell update %s's sender about the error", update.update_id)


def report_text(t: Translator, update: object, job: str | None, error: BaseException) -> str:
    """The report for the error chat: HTML, every part escaped, within one message."""
    if isinstance(update, Update):
        kinds = ", ".join(key for key in update.to_dict() if key != "update_id") or "-"
        subject = t._(
            "⚠️ <b>Error</b> in update {number} ({kinds})",
            number=str(update.update_id),
            kinds=kinds,
        )
    else:
        subject = t._("⚠️ <b>Error</b> in job {job}", job=job or "-")
    message = limits.trim(" ".join(str(error).split()), MESSAGE_ROOM)
    head = (
        f"{subject}\n"
        f"<b>{escape(_type_name(error))}</b>{': ' if message else ''}{escape(message)}\n"
        + t._("at {place}", place=raised_at(error))
    )
    frames = traceback.extract_tb(error.__traceback__)[-TRACEBACK_FRAMES:]
    for frame in frames:
        frame.filename = _short_path(frame.filename)
    last = "".join(traceback.format_list(frames) + traceback.format_exception_only(error))
    room = limits.MESSAGE_LIMIT - limits.html_units(head) - limits.units("\n\n")
    return f"{head}\n\n<pre>{escape(limits.tail(last.rstrip(), room))}</pre>"


def raised_at(error: BaseException) -> str:
    """Where an error was raised: the innermost frame in our own code (a Telegram error is
    raised deep in the library, but what matters is which of our calls met it)."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "?"
    ours = [f for f in frames if _in_package(f.filename)]
    frame = (ours or frames)[-1]
    return f"{_short_path(frame.filename)}:{frame.lineno} in {frame.name}"


def _in_package(filename: str) -> bool:
    return Path(filename).resolve().is_relative_to(_PACKAGE)


def _short_path(filename: str) -> str:
    """``bot/…`` for our code, ``telegram/…`` for an installed library, else as it is."""
    path = Path(filename).resolve()
    if path.is_relative_to(_PACKAGE):
        return path.relative_to(_PACKAGE.parent).as_posix()
    if "site-packages" in path.parts:
        return Path(*path.parts[path.parts.index("site-packages") + 1 :]).as_posix()
    return filename


def _type_name(error: BaseException) -> str:
    kind = type(error)
    return (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )
