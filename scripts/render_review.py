#!/usr/bin/env python3
"""Render a guide's review copy to a PNG with headless Chromium, to look at the design.

    python scripts/render_review.py examples/case-study.guide.md [-o shot.png] [--html review.html]
                                    [--width 1200] [--height 1600] [--offset 0] [--print-pdf review.pdf]

Writes the HTML review copy (to a temporary folder unless --html names a file), then asks
Chromium for a screenshot. Chromium runs with networking features off and a throwaway
profile: the review copy is self-contained, so nothing should need the network. Headless
Chromium shoots only the top of a page, so ``--offset PX`` shoots a copy of the page shifted up
by PX pixels, to look further down. Exit 2 when Chromium is not installed (on Debian:
apt-get install -y chromium).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def write_review_html(guide_path: Path, html_path: Path) -> Path:
    from guidelint.config import ConfigFinder
    from guidelint.engine import lint
    from guidelint.parser import parse_bytes
    from guidelint.review import write_review

    settings = ConfigFinder().for_path(guide_path)
    guide = parse_bytes(guide_path.read_bytes(), str(guide_path))
    return write_review(guide, lint(guide, settings), html_path, "html", settings)


def shifted_copy(html_path: Path, out: Path, offset: int) -> Path:
    """The page moved up by ``offset`` pixels, so a viewport-sized screenshot shows what lies below."""
    page = html_path.read_text(encoding="utf-8")
    out.write_text(page.replace("</head>", f"<style>html {{ margin-top: -{offset}px; }}</style></head>", 1),
                   encoding="utf-8")
    return out


def chromium_command(chromium: str, profile_dir: Path, target: Path, *, png: Path | None = None,
                     pdf: Path | None = None, width: int = 1200, height: int = 1600) -> list[str]:
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", f"--user-data-dir={profile_dir}"]
    if png is not None:
        command += [f"--screenshot={png}", f"--window-size={width},{height}"]
    if pdf is not None:
        command += ["--no-pdf-header-footer", f"--print-to-pdf={pdf}"]
    return command + [target.resolve().as_uri()]


def render(html_path: Path, *, png: Path | None = None, pdf: Path | None = None, width: int = 1200,
           height: int = 1600, chromium: str | None = None, timeout: float = 120) -> None:
    chromium = chromium or find_chromium()
    if chromium is None:
        raise FileNotFoundError("Chromium is not installed (on Debian: apt-get install -y chromium)")
    with tempfile.TemporaryDirectory(prefix="guidelint-chromium-") as profile_dir:
        command = chromium_command(chromium, Path(profile_dir), html_path, png=png, pdf=pdf,
                                   width=width, height=height)
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    made = [p for p in (png, pdf) if p is not None]
    if result.returncode != 0 or not all(p.is_file() and p.stat().st_size for p in made):
        raise RuntimeError(f"Chromium failed (exit {result.returncode}): {result.stderr.strip()[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("guide", type=Path)
    parser.add_argument("-o", "--output", type=Path, help="PNG to write (default: GUIDE with .review.png)")
    parser.add_argument("--html", type=Path, help="keep the HTML review copy here")
    parser.add_argument("--print-pdf", type=Path, metavar="PDF", help="also print the page to this PDF")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=1600)
    parser.add_argument("--offset", type=int, default=0, metavar="PX", help="shoot the page from PX pixels down")
    args = parser.parse_args(argv)
    if not args.guide.is_file():
        sys.stderr.write(f"render_review: {args.guide}: no such file\n")
        return 2
    png = args.output or args.guide.with_name(args.guide.name.removesuffix(".md") + ".review.png")
    with tempfile.TemporaryDirectory(prefix="guidelint-review-") as tmp:
        html_path = args.html or Path(tmp) / "review.html"
        write_review_html(args.guide, html_path)
        shot = shifted_copy(html_path, Path(tmp) / "shifted.html", args.offset) if args.offset else html_path
        try:
            render(shot, png=png, width=args.width, height=args.height)
            if args.print_pdf:
                render(html_path, pdf=args.print_pdf)
        except FileNotFoundError as exc:
            sys.stderr.write(f"render_review: {exc}\n")
            return 2
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            sys.stderr.write(f"render_review: {exc}\n")
            return 1
    print(png)
    if args.print_pdf:
        print(args.print_pdf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
