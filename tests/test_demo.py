"""The demo: the README's first command, offline, in both languages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_demo_runs_without_a_token_and_shows_both_languages(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("CYDLAIS_BOT_TOKEN", "CYDLAIS_CONFIG")}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--out", str(tmp_path / "out")],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    transcript = (tmp_path / "out" / "transcript.txt").read_text(encoding="utf-8")
    assert transcript.strip() == result.stdout.split("\n(The transcript")[0].strip()
    assert "Croeso i Gydlais" in transcript and "Welcome to Cydlais" in transcript
    assert "Rydych chi yn y ddau fforwm hyn: Amgylchedd, Trafnidiaeth." in transcript
    assert "You are in these 2 forums: Environment, Transport." in transcript
    # Scene 2: a Welsh proposal, an English one, a support, and the Welsh author hears back.
    assert "P-0001 yw eich cynnig yn fforwm Amgylchedd" in transcript
    assert "Your proposal is P-0002 in Transport" in transcript
    assert "Thank you for supporting P-0001." in transcript
    assert "Ei statws nawr yw: wedi'i fabwysiadu yn y Strategaeth Gymunedol." in transcript
    # Scene 3: a bilingual prompt, answers in both languages, and a check-in firing.
    assert "Hoffai Amgylchedd glywed gennych chi" in transcript
    assert "Environment would like to hear from you" in transcript
    assert "Amgylchedd: 2 ateb i" in transcript
    assert "(This prompt was written in Welsh only.)" in transcript
    # Scene 4: the officer's weekly digest, with its chart and files written beside it.
    assert "📊 Community Strategy digest" in transcript and "23–29 Nov 2026" in transcript
    # Scene 6: no dead ends: a photo becomes a proposal, its link is shared, an 18-year-old
    # chooses the adult forums.
    assert "📷 gyda'ch llun (i'r cynullwyr a'r cyngor yn unig)" in transcript
    assert "To share it, send this link: https://t.me/cydlais_bot?start=P-0004" in transcript
    assert "The photo sent with P-0004" in transcript
    assert "take part in the youth forums, or in the adult forums?" in transcript
    # Scene 10: the clerk adds a forum and moves the digest, in the chat.
    assert "Its id: arts_and_culture" in transcript
    assert "the digest goes on friday at 16:00." in transcript.lower()
    # Scene 9: /mydata then /forget.
    assert "What we hold about you" in transcript and "[cydlais-my-data.json]" in transcript
    assert "we have deleted your data" in transcript
    out = tmp_path / "out"
    assert (out / "digest-chart.png").read_bytes().startswith(b"\x89PNG")
    assert "<html" in (out / "cydlais-digest-2026-11-23.html").read_text(encoding="utf-8")
    assert "Traceback" not in result.stderr


def test_no_subcommand_and_no_token_means_demo(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CYDLAIS_BOT_TOKEN"}
    result = subprocess.run(
        [sys.executable, "-m", "bot"], capture_output=True, text=True, env=env, cwd=tmp_path,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "demo-output" / "transcript.txt").is_file()
