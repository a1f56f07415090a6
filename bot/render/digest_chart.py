"""The digest's charts, drawn to be read on a phone (Telegram shows a photo about 390 px wide,
so the text is large and the panels are stacked, not side by side):

- **by forum**: the four measures that matter (new proposals, people taking part, answers to
  prompts, decisions), one panel each, adults and youth side by side on the panel's one scale;
  forums where nothing happened are left out and named in one line underneath, rather than
  drawn as stacks of "0";
- **the last twelve weeks**: the same four measures week by week, adults and youth, and the
  council's own pace (proposals it answered for the first time), the digest's own week marked.

Every number here is also in the digest's text and tables, so a chart is never the only way
to read one. Blue and orange tell the sides apart for most colour vision; the hatching and
markers do for everyone.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from typing import Any

from babel.dates import format_date

from bot.config import Config
from bot.domain.figures import COUNCIL_ANSWERS, TREND_MEASURES, DigestFigures, TrendWeek
from bot.domain.people import Side
from bot.i18n import NC_, Translator
from bot.render import charts

MEASURE_LABELS = {
    "new_proposals": NC_("digest chart", "New proposals"),
    "participants": NC_("digest chart", "People taking part"),
    "answers": NC_("digest chart", "Answers to prompts"),
    "decisions": NC_("digest chart", "Decisions (adopted, not taken forward, delivered)"),
    COUNCIL_ANSWERS: NC_("digest chart", "Proposals the council answered for the first time"),
}
COLOURS = {Side.ADULT: "#1f5f8b", Side.YOUTH: "#e07b00"}
HATCHES = {Side.ADULT: "", Side.YOUTH: "//"}
MARKERS = {Side.ADULT: "o", Side.YOUTH: "s"}
WIDTH_INCHES, DPI = 6.4, 120  # 768 px: halved on a phone, 14 pt text still reads
FONT = 14
NAME_WIDTH = 16  # characters per line of a forum's name beside its bars


def _side_names(t: Translator) -> dict[Side, str]:
    return {
        Side.ADULT: html.unescape(t._("Adults")),
        Side.YOUTH: html.unescape(t._("Youth forum")),
    }


def _label(t: Translator, measure: str) -> str:
    return "\n".join(textwrap.wrap(html.unescape(t.p_(*MEASURE_LABELS[measure])), 34))


def _forum_name(t: Translator, config: Config, forum_id: str) -> str:
    forum = config.forum(forum_id)
    name = charts.drawable(forum.name(t.language) if forum else forum_id)
    return "\n".join(textwrap.wrap(name, NAME_WIDTH)[:3])


def by_forum_png(t: Translator, config: Config, figures: DigestFigures) -> bytes:
    """The period by forum: four stacked panels, quiet forums named underneath."""
    plt = charts.pyplot()
    active = [f.id for f in config.forums if _forum_active(figures, f.id)]
    quiet = [f.id for f in config.forums if f.id not in active]
    rows = max(len(active), 1)
    panel = 0.75 + 0.62 * rows
    height = 1.2 + panel * len(TREND_MEASURES) + (0.6 if quiet else 0)
    figure, axes = plt.subplots(
        len(TREND_MEASURES), 1, figsize=(WIDTH_INCHES, height), dpi=DPI, squeeze=False
    )
    names = _side_names(t)
    for axis, measure in zip(axes[:, 0], TREND_MEASURES, strict=True):
        _forum_panel(t, config, figures, axis, measure, active, names)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="upper center", ncol=2, frameon=False, fontsize=FONT)
    if quiet:
        note = t._(
            "Nothing this week in: {forums}",
            forums=", ".join(charts.drawable(_plain_name(t, config, f)) for f in quiet),
        )
        wrapped = "\n".join(textwrap.wrap(html.unescape(note), 60))
        figure.text(0.02, 0.01, wrapped, fontsize=FONT - 2, color="#333333", va="bottom")
    bottom = (0.75 + 0.2 * wrapped.count("\n")) / height if quiet else 0.02
    figure.tight_layout(rect=(0, bottom, 1, 1 - 0.75 / height))
    return charts.png(figure)


def _plain_name(t: Translator, config: Config, forum_id: str) -> str:
    forum = config.forum(forum_id)
    return forum.name(t.language) if forum else forum_id


def _forum_active(figures: DigestFigures, forum_id: str) -> bool:
    return any(figures.forum_measure(forum_id, m, side) for m in TREND_MEASURES for side in Side)


def _forum_panel(
    t: Translator,
    config: Config,
    figures: DigestFigures,
    axis: Any,
    measure: str,
    active: Sequence[str],
    names: dict[Side, str],
) -> None:
    """One measure: a pair of bars per active forum (adults, youth), labelled unless zero."""
    height = 0.38
    for offset, side in ((-height / 2, Side.ADULT), (height / 2, Side.YOUTH)):
        values = [figures.forum_measure(forum_id, measure, side) for forum_id in active]
        bars = axis.barh(
            [i + offset for i in range(len(active))], values, height=height,
            color=COLOURS[side], hatch=HATCHES[side], edgecolor="white", label=names[side],
        )  # fmt: skip
        labels = [t.number(v) if v else "" for v in values]
        axis.bar_label(bars, labels=labels, padding=4, fontsize=FONT - 1)
    axis.set_title(_label(t, measure), fontsize=FONT + 1, loc="left", fontweight="bold")
    axis.set_yticks(range(len(active)), labels=[_forum_name(t, config, f) for f in active])
    axis.tick_params(axis="y", labelsize=FONT - 1, length=0)
    axis.invert_yaxis()  # the first forum at the top
    axis.spines[["top", "right", "bottom"]].set_visible(False)
    axis.set_xticks([])
    top = max([1, *(figures.forum_measure(f, measure, s) for f in active for s in Side)])
    axis.set_xlim(0, top * 1.18)  # room for the largest label
    if not active:
        axis.set_yticks([])


def trend_png(t: Translator, figures: DigestFigures) -> bytes:
    """The last twelve weeks, week by week, adults and youth; the digest's week marked."""
    plt = charts.pyplot()
    weeks: list[TrendWeek] = figures.trend
    measures = (*TREND_MEASURES, COUNCIL_ANSWERS)
    height = 1.1 + 2.35 * len(measures)
    figure, axes = plt.subplots(
        len(measures), 1, figsize=(WIDTH_INCHES, height), dpi=DPI, sharex=True, squeeze=False
    )
    names = _side_names(t)
    positions = list(range(len(weeks)))
    for axis, measure in zip(axes[:, 0], measures, strict=True):
        for side in Side:
            values = [week.value(measure, side) for week in weeks]
            axis.plot(
                positions, values, color=COLOURS[side], marker=MARKERS[side], linewidth=2.4,
                markersize=6, label=names[side],
            )  # fmt: skip
        axis.set_title(_label(t, measure), fontsize=FONT + 1, loc="left", fontweight="bold")
        axis.spines[["top", "right"]].set_visible(False)
        axis.yaxis.get_major_locator().set_params(integer=True)
        axis.set_ylim(bottom=0)
        axis.tick_params(labelsize=FONT - 2)
        axis.grid(axis="y", color="#dddddd")
        if weeks:
            axis.axvspan(positions[-1] - 0.4, positions[-1] + 0.4, color="#eeeeee", zorder=0)
    labels = [format_date(w.first_day, "d MMM", locale=t.locale) for w in weeks]
    step = 3 if len(weeks) > 6 else 1
    axes[-1, 0].set_xticks(positions[::-step][::-1], labels=labels[::-step][::-1])
    handles, legend = axes[0, 0].get_legend_handles_labels()
    figure.legend(handles, legend, loc="upper center", ncol=2, frameon=False, fontsize=FONT)
    caption = html.unescape(t._("Weeks starting on the date shown; this digest's week is shaded."))
    figure.text(0.02, 0.01, "\n".join(textwrap.wrap(caption, 60)), fontsize=FONT - 3)
    figure.tight_layout(rect=(0, 0.5 / height, 1, 1 - 0.7 / height))
    return charts.png(figure)
