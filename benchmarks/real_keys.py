"""Score guidelint on real guides against the blind answer keys in tests/data/real_keys/.

Each key says, line by line, what a line is for (its role) and what a seasoned researcher
would ask the author to reword (labels, with "?" for a debatable call). A wording finding is

* **right** when it sits on a question or probe whose key carries its label firmly,
* **debatable** when the key carries the label with "?",
* **wrong** when the line is a question or probe without that label, or is not a question
  at all (a task, logistics, an observer note…: a *role* error), or was not keyed (the key
  leaves out lines that are not said to the participant).

A firm label with no finding of that kind on its line is a **miss**. Guide-level findings
(consent, data use, next steps, the length in the intro) are scored against the key's
study-level fields. Everything else (time, structure) has no key and is counted only.

The guides themselves live outside the repository (../shared/real-guides); nothing here
holds their text.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
KEYS = ROOT / "tests" / "data" / "real_keys"
GUIDES = ROOT.parent / "shared" / "real-guides"

#: wording rule name -> the key's label for it
WORDING_LABEL = {
    "leading-question": "leading",
    "closed-question": "closed",
    "double-barreled-question": "double",
    "stacked-questions": "stacked",
    "hypothetical-question": "hypothetical",
}
#: rules judged by role only (a finding on a line that is not a question is wrong)
ROLE_ONLY = {"long-question", "missing-question-mark"}
ASKED = {"question", "probe"}
#: guide-level rule -> the key field that says whether the guide does what the rule asks
GUIDE_LEVEL = {
    "missing-consent": "asks_recording_consent",
    "missing-data-use": "explains_data_use",
    "missing-wrap-up": "has_wrap_up",
    "missing-session-length": "intro_states_length",
}


@dataclass
class Key:
    guide: str
    split: str
    fields: dict
    lines: dict[int, tuple[str, dict[str, str]]]  # line -> (role, {label: "firm"|"debatable"})

    @property
    def path(self) -> Path:
        return GUIDES / self.guide


@dataclass
class Verdict:
    rule: str
    line: int
    verdict: str  # right | debatable | wrong | unjudged
    why: str = ""
    severity: str = ""


@dataclass
class GuideScore:
    key: Key
    verdicts: list[Verdict] = field(default_factory=list)
    misses: list[tuple[int, str]] = field(default_factory=list)

    def count(self, verdict: str, *, wording_only: bool = False) -> int:
        return sum(1 for v in self.verdicts if v.verdict == verdict
                   and (not wording_only or v.rule in WORDING_LABEL or v.rule in ROLE_ONLY))


def load_keys() -> list[Key]:
    holdout = set(yaml.safe_load((KEYS / "splits.yaml").read_text(encoding="utf-8"))["holdout"])
    keys = []
    for path in sorted(KEYS.glob("*.yaml")):
        if path.name == "splits.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lines: dict[int, tuple[str, dict[str, str]]] = {}
        for number, entry in (data.get("lines") or {}).items():
            role, *labels = str(entry).split()
            lines[int(number)] = (role, {lab.rstrip("?"): "debatable" if lab.endswith("?") else "firm"
                                         for lab in labels})
        fields_ = {k: v for k, v in data.items() if k not in ("lines", "guide")}
        keys.append(Key(data["guide"], "holdout" if data["guide"] in holdout else "tune", fields_, lines))
    return keys


def keyed_line(key: Key, source_lines: list[str], line: int) -> int | None:
    """The keyed line a finding belongs to: its own, or the first line of the paragraph or item
    it continues (a question that wraps is keyed on its first line)."""
    k = line
    while k >= 1:
        if k in key.lines:
            return k
        if k - 1 < 1 or not source_lines[k - 2].strip() or k < line - 6:
            return None
        k -= 1
    return None


def findings_for(paths: list[Path], extra_args: list[str] | None = None) -> dict[str, list[dict]]:
    """guidelint's JSON findings per path, from the installed command (as a user runs it)."""
    exe = Path(sys.executable).parent / "guidelint"
    cmd = [str(exe), "check", "--isolated", "--no-cache", "--exit-zero", "--format", "json",
           *(extra_args or []), *map(str, paths)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):
        raise RuntimeError(out.stderr)
    found: dict[str, list[dict]] = defaultdict(list)
    for d in json.loads(out.stdout)["diagnostics"]:
        found[str(Path(d["path"]).resolve())].append(d)
    return found


def score(key: Key, diagnostics: list[dict]) -> GuideScore:
    source_lines = key.path.read_text(encoding="utf-8").split("\n")
    result = GuideScore(key)
    flagged: set[tuple[int, str]] = set()
    for d in diagnostics:
        rule = d["name"]
        line = d["line"]
        verdict = Verdict(rule, line, "unjudged", severity=d["severity"])
        if rule in WORDING_LABEL or rule in ROLE_ONLY:
            at = keyed_line(key, source_lines, line)
            if at is None:
                verdict.verdict, verdict.why = "wrong", "not said to the participant (unkeyed)"
            else:
                role, labels = key.lines[at]
                verdict.line = at
                if role not in ASKED:
                    verdict.verdict, verdict.why = "wrong", f"role: {role}"
                elif rule in ROLE_ONLY:
                    verdict.verdict = "unjudged"
                else:
                    label = WORDING_LABEL[rule]
                    # one finding also stands for the rules it names and the other places it lists
                    named = {label, *(WORDING_LABEL[n] for n in d.get("also", ()) if n in WORDING_LABEL)}
                    places = [at, *(keyed_line(key, source_lines, r["line"]) for r in d.get("related", ()))]
                    flagged.update((place, name) for place in places if place is not None for name in named)
                    # judged by the best of the labels it stands for ("hypothetical (also closed)")
                    strengths = {labels.get(name) for name in named}
                    strength = "firm" if "firm" in strengths else ("debatable" if "debatable" in strengths else None)
                    verdict.verdict = {"firm": "right", "debatable": "debatable"}.get(strength, "wrong")
                    if strength is None:
                        verdict.why = f"{role} without {label}"
        elif rule in GUIDE_LEVEL:
            field_ = GUIDE_LEVEL[rule]
            if rule == "missing-wrap-up" and "what happens next" in d["message"] and "without a wrap-up" not in d["message"]:
                field_ = "states_next_steps"  # a wrap-up is there; the finding is about next steps
            value = key.fields.get(field_)
            if value is None:
                verdict.verdict = "debatable" if rule != "missing-session-length" else "wrong"
                verdict.why = f"{field_}: not applicable"
            else:
                verdict.verdict = "wrong" if value else "right"
                verdict.why = f"{field_}: {value}"
        result.verdicts.append(verdict)
    for line, (role, labels) in key.lines.items():
        if role not in ASKED:
            continue
        for label, strength in labels.items():
            if strength == "firm" and (line, label) not in flagged:
                result.misses.append((line, label))
    return result


def score_all(keys: list[Key], extra_args: list[str] | None = None) -> list[GuideScore]:
    present = [k for k in keys if k.path.is_file()]
    found = findings_for([k.path for k in present], extra_args)
    return [score(k, found.get(str(k.path.resolve()), [])) for k in present]


def summary(scores: list[GuideScore], *, details: bool) -> str:
    out = []
    head = f"{'guide':<46} {'all':>4} {'right':>5} {'deb':>4} {'wrong':>5} {'n/j':>4} | {'wording':>7} {'w-wrong':>7} {'misses':>6}"
    out.append(head)
    totals = Counter()
    for s in scores:
        n = len(s.verdicts)
        wording = sum(1 for v in s.verdicts if v.rule in WORDING_LABEL or v.rule in ROLE_ONLY)
        row = {
            "all": n, "right": s.count("right"), "deb": s.count("debatable"), "wrong": s.count("wrong"),
            "n/j": s.count("unjudged"), "wording": wording, "w-wrong": s.count("wrong", wording_only=True),
            "misses": len(s.misses),
        }
        totals.update(row)
        out.append(f"{s.key.guide[-46:]:<46} {row['all']:>4} {row['right']:>5} {row['deb']:>4} {row['wrong']:>5} "
                   f"{row['n/j']:>4} | {row['wording']:>7} {row['w-wrong']:>7} {row['misses']:>6}")
        if details:
            for v in sorted(s.verdicts, key=lambda v: v.line):
                if v.verdict in ("wrong", "debatable"):
                    out.append(f"    {v.line:>4} {v.rule:<26} {v.verdict:<9} {v.why}")
            for line, label in sorted(s.misses):
                out.append(f"    {line:>4} {'(missed)':<26} {label}")
    g = len(scores) or 1
    out.append(f"{'total (' + str(len(scores)) + ' guides)':<46} {totals['all']:>4} {totals['right']:>5} {totals['deb']:>4} "
               f"{totals['wrong']:>5} {totals['n/j']:>4} | {totals['wording']:>7} {totals['w-wrong']:>7} {totals['misses']:>6}")
    out.append(f"per guide: {totals['all'] / g:.1f} findings, {totals['wrong'] / g:.2f} wrong "
               f"({totals['w-wrong'] / g:.2f} wrong wording), {totals['misses'] / g:.2f} firm labels missed")
    by_rule: dict[str, Counter] = defaultdict(Counter)
    for s in scores:
        for v in s.verdicts:
            by_rule[v.rule][v.verdict] += 1
    out.append("by rule: " + "; ".join(
        f"{r} {c['right']}/{c['debatable']}/{c['wrong']}" + (f" (+{c['unjudged']} n/j)" if c["unjudged"] else "")
        for r, c in sorted(by_rule.items())) + "  (right/debatable/wrong)")
    wrong_roles = Counter(v.why for s in scores for v in s.verdicts if v.verdict == "wrong" and v.why.startswith(("role", "not said")))
    if wrong_roles:
        out.append("wrong by role of the line: " + "; ".join(f"{k}: {n}" for k, n in wrong_roles.most_common()))
    return "\n".join(out)


# ---- line roles --------------------------------------------------------------------------------

#: key roles the wording rules judge; every other key role is "not judged"
JUDGED = ASKED


def model_roles(key: Key) -> dict[int, str]:
    """The role guidelint's model gives each line that starts a node (the first node wins,
    except that a question outranks a note on the same line)."""
    sys.path.insert(0, str(ROOT / "src"))
    from guidelint.parser import parse_text
    from guidelint.parser.roles import explain

    guide = parse_text(key.path.read_text(encoding="utf-8"), str(key.path))
    roles: dict[int, str] = {}
    for line, role, _why, _text in explain(guide):
        if role.startswith("section:"):
            continue
        if line not in roles or (roles[line] not in JUDGED and role in JUDGED):
            roles[line] = role
    return roles


def role_confusion(keys: list[Key]) -> tuple[Counter, list[tuple[str, int, str, str]]]:
    """Counts of (key role, model role) over keyed lines, and the lines where one side judges
    the line as a question and the other does not."""
    counts: Counter = Counter()
    disagreements: list[tuple[str, int, str, str]] = []
    for key in keys:
        if not key.path.is_file():
            continue
        model = model_roles(key)
        for line, (role, _labels) in key.lines.items():
            got = model.get(line, "-")
            counts[(role, got)] += 1
            if (role in JUDGED) != (got in JUDGED):
                disagreements.append((key.guide, line, role, got))
    return counts, disagreements
