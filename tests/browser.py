"""Look at our HTML the way people will: headless Chromium screenshots and an axe-core check.

Chromium is Debian's package (`.ci/run` installs it, and axe-core from tests/web/package.json).
Nothing here needs a driver library: screenshots use Chromium's own `--screenshot`, and axe runs
inside a copy of the page whose final DOM Chromium prints with `--dump-dom` once axe has written
its results into it. If Chromium or axe-core is missing, the calling test is *skipped with the
reason* — never passed silently.
"""

from __future__ import annotations

import html as html_lib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

AXE_SCRIPT = Path(__file__).parent / "web" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}

# Flags that keep headless Chromium off the network (this machine's network is closed) and quiet.
_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--allow-file-access-from-files",  # the phone frame reads the page it shows (file://)
]
# Headless Chromium will not make a window narrower than 500 px; narrower screens (a phone is
# 390) are shown in a frame of that width inside a page of our own.
MIN_WINDOW = 500

_RUN_AXE = """
<script>{axe}</script>
<script>
axe.run(document, {{resultTypes: ["violations"]}}).then(function (results) {{
  var out = document.createElement("pre");
  out.id = "axe-results";
  out.textContent = JSON.stringify(results.violations.map(function (v) {{
    return {{id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
             targets: v.nodes.slice(0, 3).map(function (n) {{ return n.target.join(" "); }})}};
  }}));
  document.body.appendChild(out);
}});
</script>
"""


def chromium() -> str:
    """The Chromium binary, or skip the test saying why."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")


def _run(args: list[str], user_data: str) -> subprocess.CompletedProcess[str]:
    command = [chromium(), *_FLAGS, f"--user-data-dir={user_data}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def screenshot(page: Path, out: Path, width: int, height: int = 2400) -> Path:
    """Render `page` at `width` CSS pixels wide into the PNG `out` (for a person to look at)."""
    target = _framed(page, width, height) if width < MIN_WINDOW else page
    try:
        with tempfile.TemporaryDirectory() as profile:
            result = _run(
                [
                    f"--screenshot={out}",
                    f"--window-size={max(width, MIN_WINDOW)},{height}",
                    target.resolve().as_uri(),
                ],
                profile,
            )
    finally:
        if target != page:
            target.unlink(missing_ok=True)
    if not out.exists():
        raise AssertionError(f"Chromium made no screenshot of {page}: {result.stderr[-2000:]}")
    return out


def _framed(page: Path, width: int, height: int) -> Path:
    """A page of our own showing ``page`` in a frame ``width`` pixels wide (a phone)."""
    frame = page.with_name(f".frame-{page.name}")
    frame.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe id="phone" src="{page.name}" width="{width}" height="{height}" '
        'style="border:0"></iframe></body></html>',
        encoding="utf-8",
    )
    return frame


def page_width(page: Path, width: int) -> int:
    """How wide the page's content is when shown `width` pixels wide (wider = cut off)."""
    frame = _framed(page, width, 1000)
    probe = """<script>document.getElementById("phone").addEventListener("load", function () {
      var inner = this.contentDocument.documentElement;
      var p = document.createElement("pre"); p.id = "scroll-width";
      p.textContent = String(inner.scrollWidth); document.body.appendChild(p); });</script>"""
    try:
        dom = _dump_dom_with(frame, probe, MIN_WINDOW)
    finally:
        frame.unlink(missing_ok=True)
    return int(_element_text(dom, "scroll-width"))


def axe_violations(page: Path, impacts: set[str] = SERIOUS) -> list[dict[str, object]]:
    """axe-core's violations of the given impacts for `page`, run inside headless Chromium."""
    if not AXE_SCRIPT.exists():
        pytest.skip("axe-core is not installed: npm install --prefix tests/web (.ci/run does it)")
    dom = _dump_dom_with(page, _RUN_AXE.format(axe=AXE_SCRIPT.read_text(encoding="utf-8")))
    violations: list[dict[str, object]] = json.loads(_element_text(dom, "axe-results"))
    return [v for v in violations if v["impact"] in impacts]


def _dump_dom_with(page: Path, extra: str, width: int = 1200) -> str:
    """The page's DOM after `extra` (scripts) ran in it. The copy sits beside the page, so
    relative links to images and styles still resolve."""
    html = page.read_text(encoding="utf-8")
    marker = "</body>"
    spliced = html.replace(marker, extra + marker) if marker in html else html + extra
    copy = page.with_name(f".check-{page.name}")
    copy.write_text(spliced, encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory() as profile:
            result = _run(
                [
                    "--dump-dom",
                    "--virtual-time-budget=20000",
                    f"--window-size={width},1000",
                    copy.resolve().as_uri(),
                ],
                profile,
            )
    finally:
        copy.unlink(missing_ok=True)
    return result.stdout


def _element_text(dom: str, element_id: str) -> str:
    start_tag = f'<pre id="{element_id}">'
    start = dom.find(start_tag)
    if start < 0:
        raise AssertionError(f"the check in Chromium did not finish (no #{element_id})")
    end = dom.find("</pre>", start)
    return html_lib.unescape(dom[start + len(start_tag) : end])
