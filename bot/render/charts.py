"""What every chart shares: matplotlib without a display, text its font can draw, PNG bytes."""

from __future__ import annotations

import io
import unicodedata
from typing import Any


def pyplot() -> Any:
    """matplotlib's pyplot on the Agg backend (no display), imported only when a chart is
    drawn: it costs ~0.3 s and 30 MB, which a bot that never draws should not pay."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def drawable(text: str) -> str:
    """``text`` without emoji and other pictographs, which the chart's font cannot draw (they
    came out as empty boxes, with a warning each): "🌊 Coast" is charted as "Coast"."""
    kept = "".join(ch for ch in text if ord(ch) <= 0xFFFF and unicodedata.category(ch) != "So")
    return " ".join(kept.split()) or text


def png(figure: Any) -> bytes:
    """The figure as PNG bytes; the figure is closed (matplotlib keeps open ones in memory)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    pyplot().close(figure)
    return buffer.getvalue()
