"""A plain `pip install .` (not editable) works from any folder: catalogs and the example ship."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_plain_install_runs_the_demo_from_another_folder(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # Borrow the test environment's dependencies (a .pth line) so only Cydlais itself installs.
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    (Path(site) / "borrowed.pth").write_text(sysconfig.get_path("purelib") + "\n")
    build = tmp_path / "source"  # a copy, so the build leaves nothing in the checkout
    shutil.copytree(ROOT / "bot", build / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "locales", build / "locales")
    shutil.copytree(ROOT / "docs", build / "docs")  # the guides /help sends
    for name in ("pyproject.toml", "README.md", "config.example.toml"):
        shutil.copy(ROOT / name, build / name)
    install = subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", str(build)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    demo = subprocess.run(
        [venv / "bin" / "cydlais", "demo", "--out", str(elsewhere / "demo")],
        capture_output=True, text=True, cwd=elsewhere, timeout=300, check=False,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stderr[-3000:]
    assert "Croeso" in demo.stdout  # Welsh came from the shipped catalog
    assert (elsewhere / "demo" / "transcript.txt").is_file()
