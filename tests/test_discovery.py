"""Which files are guides when walking folders."""

from __future__ import annotations

import os
from pathlib import Path

from guidelint.config import ConfigFinder
from guidelint.discovery import discover


def names(result):
    return sorted(p.name for p in result.files)


def test_guides_are_named_or_declared(tmp_path):
    (tmp_path / "README.md").write_text("# Project\n")
    (tmp_path / "onboarding.guide.md").write_text("# Guide\n")
    (tmp_path / "declared.md").write_text("---\nprofile: case-study\n---\n# G\n")
    (tmp_path / "timed.md").write_text("\ufeff---\nduration: 30\n---\n# G\n")
    (tmp_path / "notes.md").write_text("---\ntags: [x]\n---\n# G\n")
    result = discover([tmp_path], ConfigFinder(isolated=True))
    assert names(result) == ["declared.md", "onboarding.guide.md", "timed.md"]
    reasons = {p.name: why for p, why in result.skipped}
    assert reasons["README.md"].startswith("not a guide")


def test_include_pattern(tmp_path):
    (tmp_path / ".guidelint.yaml").write_text("include: ['guides/*.md']\n")
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "a.md").write_text("# A\n")
    (tmp_path / "b.md").write_text("# B\n")
    assert names(discover([tmp_path], ConfigFinder())) == ["a.md"]


def test_gitignore_hidden_and_excluded_folders(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/\n*.tmp.guide.md\n!keep.tmp.guide.md\n")
    for folder in ("drafts", ".hidden", "node_modules", "ok"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.guide.md").write_text("# G\n")
    (tmp_path / "a.tmp.guide.md").write_text("# G\n")
    (tmp_path / "keep.tmp.guide.md").write_text("# G\n")
    result = discover([tmp_path], ConfigFinder(isolated=True))
    assert sorted(str(p.relative_to(tmp_path)) for p in result.files) == ["keep.tmp.guide.md", "ok/x.guide.md"]
    reasons = {str(p.relative_to(tmp_path)): why for p, why in result.skipped}
    assert reasons["drafts"] == "ignored by .gitignore" and reasons[".hidden"] == "hidden folder"
    assert reasons["node_modules"] == "excluded by configuration"


def test_explicit_paths_are_checked_unless_force_exclude(tmp_path):
    (tmp_path / ".guidelint.yaml").write_text("extend-exclude: ['legacy/*']\n")
    (tmp_path / "legacy").mkdir()
    guide = tmp_path / "legacy" / "README.md"
    guide.write_text("# Old\n")
    assert names(discover([guide], ConfigFinder())) == ["README.md"]
    assert names(discover([guide], ConfigFinder(), force_exclude=True)) == []


def test_symlink_loop_does_not_hang(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "g.guide.md").write_text("# G\n")
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    result = discover([tmp_path], ConfigFinder(isolated=True))
    assert names(result) == ["g.guide.md"]


def test_missing_paths_are_reported(tmp_path):
    result = discover([tmp_path / "nope"], ConfigFinder(isolated=True))
    assert result.missing == [tmp_path / "nope"]


def test_force_exclude_applies_the_folder_rules_to_named_files(tmp_path):
    (tmp_path / ".guidelint.yaml").write_text("include: ['research/*.md']\n")
    (tmp_path / "research").mkdir()
    (tmp_path / ".github").mkdir()
    files = {
        "README.md": "# Project\n",
        "interview.md": "---\nprofile: case-study\n---\n# G\n",
        "research/pricing.md": "# Pricing\n",
        "study.guide.md": "# G\n",
        ".github/template.guide.md": "# G\n",
        "notes.txt": "not markdown",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    named = [tmp_path / name for name in files]
    result = discover(named, ConfigFinder(), force_exclude=True)
    assert sorted(p.name for p in result.files) == ["interview.md", "pricing.md", "study.guide.md"]
    reasons = {p.name: why for p, why in result.skipped}
    assert reasons["README.md"].startswith("not a guide") and reasons["notes.txt"] == "not a Markdown or Word file"
    assert reasons["template.guide.md"] == "in a hidden folder"
    # the same files as walking the folder finds
    walked = discover([tmp_path], ConfigFinder())
    assert sorted(p.name for p in walked.files) == sorted(p.name for p in result.files)
    # without --force-exclude, a named file is checked whatever it is
    assert len(discover(named, ConfigFinder()).files) == len(files)


def test_a_file_named_twice_or_through_a_symlink_is_checked_once(tmp_path):
    guides = tmp_path / "guides"
    guides.mkdir()
    (guides / "a.guide.md").write_text("# A\n")
    os.symlink(guides / "a.guide.md", guides / "b.guide.md")
    (tmp_path / "c.guide.md").write_text("# C\n")
    result = discover([guides, tmp_path, guides / "a.guide.md"], ConfigFinder(isolated=True))
    assert sorted(p.name for p in result.files) == ["a.guide.md", "c.guide.md"]


def test_files_of_a_folder_share_its_settings(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".guidelint.yaml").write_text("exclude: ['skip*']\n")
    for name in ("one.guide.md", "skip.guide.md"):
        (tmp_path / "sub" / name).write_text("# G\n")
    (tmp_path / "skip-top.guide.md").write_text("# G\n")
    finder = ConfigFinder()
    result = discover([tmp_path], finder)
    assert names(result) == ["one.guide.md", "skip-top.guide.md"]
    assert finder.for_path(tmp_path / "sub" / "one.guide.md") is finder.for_folder(tmp_path / "sub")
    assert finder.for_folder(tmp_path / "sub").exclude[-1] == "skip*"


def test_the_folder_exclusion_test_agrees_with_matching_each_file(tmp_path):
    """What the walk uses (a folder's parts matched once) against the per-file rule it replaces."""
    from guidelint.config import Settings
    from guidelint.discovery import _excluded, _files_excluded

    patterns = [["node_modules", "*.draft.md"], ["drafts/", "/top/*.md", "a?c"], ["**/old/*", "x[0-9].md"], []]
    folders = [tmp_path, tmp_path / "node_modules" / "pkg", tmp_path / "top", tmp_path / "abc" / "old",
               tmp_path / "drafts", tmp_path.parent, tmp_path / "." / "docs"]
    names_ = ["a.md", "b.draft.md", "x1.md", "abc", "guide.guide.md"]
    for exclude in patterns:
        settings = Settings(root=tmp_path)
        settings.exclude = exclude
        for folder in folders:
            test = _files_excluded(folder, settings)
            for name in names_:
                assert test(folder / name) == _excluded(folder / name, settings), (exclude, folder, name)


def test_a_gitignore_line_that_is_no_pattern_is_skipped_and_said(tmp_path):
    import subprocess
    import sys

    # git accepts both lines; neither may stop a check (it was an "internal error")
    (tmp_path / ".gitignore").write_text("[z-a].md\nx[\\]\nold.guide.md\n")
    (tmp_path / "g.guide.md").write_text("# G\n\n## Intro (5 min)\n\nWhat brought you here today?\n")
    (tmp_path / "old.guide.md").write_text("# G\n")
    result = discover([tmp_path], ConfigFinder(isolated=True))
    assert names(result) == ["g.guide.md"]
    assert [note.split(": skipped")[0] for note in result.notes] == [f"{tmp_path / '.gitignore'}:{n}" for n in (1, 2)]
    done = subprocess.run([sys.executable, "-m", "guidelint", "check", "--isolated", "--verbose", "."], cwd=tmp_path,
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode in (0, 1) and "internal error" not in done.stderr
    assert "guidelint: .gitignore:1: skipped '[z-a].md': not a pattern guidelint can read" in done.stderr


def test_dot_and_the_absolute_folder_apply_the_same_gitignore_files(tmp_path, monkeypatch):
    # Path(".").parent is Path("."): `check .` did not reach the .gitignore above, `check "$PWD"` did
    (tmp_path / ".gitignore").write_text("draft*.md\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    for name in ("a.guide.md", "draft.guide.md"):
        (sub / name).write_text("# G\n")
    monkeypatch.chdir(sub)
    finder = ConfigFinder(isolated=True)
    assert names(discover([Path(".")], finder)) == names(discover([sub], finder)) == ["a.guide.md"]
