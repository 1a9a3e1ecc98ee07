"""The wheel carries grammar/ and rules/: install it into a fresh virtualenv and run it elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import ceiling_env

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(os.environ.get("GUIDELINT_SKIP_WHEEL") == "1", reason="GUIDELINT_SKIP_WHEEL=1")
def test_wheel_installs_and_runs_from_another_folder(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    [wheel] = dist.glob("guidelint-*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "guidelint/grammar/guide.lark" in names
    assert "guidelint/rules/file.yaml" in names and "guidelint/rules/profiles/case-study.yaml" in names
    env_dir = tmp_path / "venv"
    # the fresh venv reuses this environment's installed dependencies, so no network is needed
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run([sys.executable, "-c", "import lark, yaml, os; print(os.path.dirname(os.path.dirname(lark.__file__)))"],
                          capture_output=True, text=True).stdout.strip()
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
                             capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "g.guide.md").write_text("# G\n\n## Intro (X minutes)\n")
    env = {"PATH": f"{env_dir / 'bin'}:/usr/bin:/bin", "PYTHONPATH": site, "NO_COLOR": "1", **ceiling_env()}
    result = subprocess.run([str(env_dir / "bin" / "guidelint"), "check", "g.guide.md", "--select", "GL004"],
                            cwd=elsewhere, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("g.guide.md:3:10: GL004 [bad-time-box]")
    loaded = subprocess.run([str(python), "-c", "import guidelint.resources as r; print(r.resource_dir('grammar'))"],
                            cwd=elsewhere, capture_output=True, text=True, env=env)
    assert str(env_dir) in loaded.stdout, loaded.stdout + loaded.stderr
