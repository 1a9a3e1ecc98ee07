"""The pre-commit hook: the manifest, and real ``pre-commit run`` invocations.

``test_hook_installs_and_runs_from_the_repo`` is the real thing: pre-commit clones a snapshot
of this repository (with its ``.pre-commit-hooks.yaml``), builds the hook's virtualenv with
pip (PyPI is needed for guidelint's dependencies) and runs it. The snapshot is a fresh git
repository made from the working tree, not ``try-repo`` on this checkout: ``try-repo`` adds
uncommitted changes only for files git already tracks, so a new manifest would be invisible.
``test_local_hook_runs`` checks the same behaviour with ``repo: local`` and this venv's
guidelint, which needs no network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# pre-commit is in the test extra and guidelint's own console script comes with the install:
# either missing is a broken install, which must fail. git is the machine's.
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
GUIDELINT = shutil.which("guidelint", path=str(Path(sys.executable).parent)) or shutil.which("guidelint")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed on this machine")

GOOD = "# Onboarding study\n\n## Intro (5 min)\n\n- What brought you here today?\n"
BAD = "# Onboarding study\n\n## Intro (X minutes)\n\n- What brought you here today? {owner=sam}\n"
# Not a guide: pre-commit passes it, and guidelint skips it as `guidelint check .` would.
README = "# Project\n\nSee the guides folder. Is this a question?\n\n## Setup (X minutes)\n"
# A guide by its front matter, and one by `include`: the hook must lint them as check . does.
DECLARED = "---\nduration: 30 min\n---\n# Onboarding study\n\n## Intro (X minutes)\n\n- What brought you here?\n"
INCLUDED = "# Pricing study\n\n## Intro (X minutes)\n\n- What did you pay?\n"
# Only the file-level rules, so the test does not depend on the wording rules of the day;
# drafts/ is excluded, and --force-exclude must honour that for files pre-commit names.
CONFIG = "select: [GL0]\nextend-exclude: [drafts]\ninclude: ['research/*.md', 'research/*.docx']\n"
# pip's ways of saying it could not reach or use a package index (DNS, refused, reset, timeouts,
# proxies, TLS, HTTP errors); any of them means "no index here". "No matching distribution" alone
# is not among them: with the index reachable it is a bad pin, which must fail, not skip (offline,
# pip prints a connection error beside it)
_OFFLINE = re.compile(
    r"(?i)network is unreachable|temporary failure in name resolution|name or service not known"
    r"|nodename nor servname|getaddrinfo failed|max retries exceeded|connection (?:refused|reset|aborted|error)"
    r"|timed out|proxyerror|ssl(?:error|: ?certificate)|certificate verify failed|http error \d{3}"
    r"|\b40[13] (?:client error|forbidden|unauthorized)|could not fetch url|networkerror|newconnectionerror")


def offline(output: str) -> bool:
    """Whether a failed pip/pre-commit install failed for want of a package index."""
    return _OFFLINE.search(output) is not None


def manifest() -> list[dict]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_manifest_declares_the_guidelint_hook():
    (hook,) = manifest()
    assert hook["id"] == "guidelint"
    assert hook["name"]
    assert hook["entry"] == "guidelint check --force-exclude"
    assert hook["language"] == "python"
    assert hook["types"] == ["file"]
    assert hook["require_serial"] is False
    files = re.compile(hook["files"])
    # every Markdown and Word file reaches guidelint, which decides which of them are guides
    for path in ("interview.guide.md", "research/q3/Onboarding.Guide.md", "README.md", "notes.markdown",
                 "study.guide.docx", "Study.DOCX"):
        assert files.search(path), path
    for path in ("my.guide.md.bak", "report.pdf", "guide.doc"):
        assert not files.search(path), path


def test_pre_commit_and_the_console_script_are_installed():
    assert PRE_COMMIT is not None, "pre-commit is missing: install the test extra (pip install -e '.[test]')"
    assert GUIDELINT is not None, "the guidelint console script is missing: the install is broken"


def test_manifest_passes_pre_commits_own_validation():
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["pass_filenames"] is True


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=guidelint tests", "-c", "user.email=tests@example.invalid",
                           "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                          cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def _project(tmp_path: Path, config: dict) -> Path:
    project = tmp_path / "project"
    (project / "drafts").mkdir(parents=True)
    (project / "good.guide.md").write_text(GOOD, encoding="utf-8")
    (project / "bad.guide.md").write_text(BAD, encoding="utf-8")
    (project / "drafts" / "wip.guide.md").write_text(BAD, encoding="utf-8")
    (project / "README.md").write_text(README, encoding="utf-8")
    (project / "interview.md").write_text(DECLARED, encoding="utf-8")
    (project / "research").mkdir()
    (project / "research" / "pricing.md").write_text(INCLUDED, encoding="utf-8")
    (project / ".guidelint.yaml").write_text(CONFIG, encoding="utf-8")
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    return project


def _env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_", "VIRTUAL_ENV"))}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), NO_COLOR="1", PRE_COMMIT_COLOR="never",
               GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    return env


def _guidelint_command() -> list[str]:
    return [GUIDELINT] if GUIDELINT else [sys.executable, "-m", "guidelint"]


def _run(project: Path, env: dict, *files: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([PRE_COMMIT, "run", "--color", "never", "--files", *files], cwd=project, env=env,
                          capture_output=True, text=True, timeout=timeout)


def _check_hook_behaviour(project: Path, env: dict, first_timeout: float = 300) -> None:
    good = _run(project, env, "good.guide.md", "README.md", timeout=first_timeout)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout

    bad = _run(project, env, "good.guide.md", "bad.guide.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert re.search(r"^bad\.guide\.md:3:\d+: GL004 \[bad-time-box\]", bad.stdout, re.MULTILINE)
    assert re.search(r"^bad\.guide\.md:5:\d+: GL005 \[unknown-attribute\]", bad.stdout, re.MULTILINE)
    assert "good.guide.md:" not in bad.stdout

    excluded = _run(project, env, "drafts/wip.guide.md")
    assert excluded.returncode == 0, excluded.stdout + excluded.stderr

    only_readme = _run(project, env, "README.md")
    assert only_readme.returncode == 0, only_readme.stdout + only_readme.stderr

    # guides by front matter and by include: linted by the hook exactly as by `guidelint check .`
    by_rules = _run(project, env, "interview.md", "research/pricing.md", "README.md")
    assert by_rules.returncode == 1, by_rules.stdout + by_rules.stderr
    hook_paths = set(re.findall(r"^([\w/.-]+):\d+:\d+: GL", by_rules.stdout, re.MULTILINE))
    assert hook_paths == {"interview.md", "research/pricing.md"}
    whole = subprocess.run([*_guidelint_command(), "check", ".", "--no-cache"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=120)
    checked = set(re.findall(r"^([\w/.-]+):\d+:\d+: GL", whole.stdout, re.MULTILINE))
    assert checked == hook_paths | {"bad.guide.md"}, whole.stdout


@needs_git
def test_local_hook_runs(tmp_path):
    (hook,) = manifest()
    local = {key: hook[key] for key in ("id", "name", "types", "files", "require_serial")}
    assert local["types"] == ["file"]
    local.update(entry=f"{GUIDELINT} check --force-exclude", language="system")
    project = _project(tmp_path, {"repos": [{"repo": "local", "hooks": [local]}]})
    _check_hook_behaviour(project, _env(tmp_path))


def _snapshot_of_this_repo(tmp_path: Path) -> tuple[Path, str]:
    """A git repository holding what pip needs to build guidelint, and the manifest."""
    repo = tmp_path / "guidelint-repo"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for folder in ("src", "grammar", "rules"):
        shutil.copytree(ROOT / folder, repo / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "snapshot")
    return repo, _git(repo, "rev-parse", "HEAD")


@needs_git
def test_hook_installs_and_runs_from_the_repo(tmp_path):
    repo, rev = _snapshot_of_this_repo(tmp_path)
    project = _project(tmp_path, {"repos": [{"repo": str(repo), "rev": rev, "hooks": [{"id": "guidelint"}]}]})
    env = _env(tmp_path)
    install = subprocess.run([PRE_COMMIT, "install-hooks"], cwd=project, env=env, capture_output=True,
                             text=True, timeout=600)
    if install.returncode != 0 and offline(install.stdout + install.stderr):
        pytest.skip("cannot install the hook's dependencies from PyPI:\n" + install.stdout[-2000:])
    assert install.returncode == 0, install.stdout + install.stderr
    _check_hook_behaviour(project, env)


@pytest.mark.parametrize("output,is_offline", [
    ("Could not fetch URL https://pypi.org/simple/lark/: There was a problem confirming the ssl certificate: "
     "HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded", True),
    ("WARNING: Retrying ... after connection broken by 'ProxyError('Cannot connect to proxy.')'", True),
    ("ERROR: HTTP error 403 while getting https://files.pythonhosted.org/packages/lark.whl", True),
    ("ReadTimeoutError: HTTPSConnectionPool(host='pypi.org', port=443): Read timed out.", True),
    ("ERROR: Could not find a version that satisfies the requirement pygls<3,>=2.0\n"
     "ERROR: No matching distribution found for pygls<3,>=2.0", False),
    ("socket.gaierror: [Errno -2] Name or service not known", True),
    ("ERROR: Package 'guidelint' requires a different Python: 3.8.10 not in '>=3.11'", False),
    ("error: subprocess-exited-with-error ... SyntaxError: invalid syntax", False),
])
def test_a_hook_install_that_fails_for_want_of_an_index_is_told_apart(output, is_offline):
    assert offline(output) is is_offline
