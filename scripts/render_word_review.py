#!/usr/bin/env python3
"""Render a guide's Word review copy to PNG pages with headless LibreOffice, to look at it.

    python scripts/render_word_review.py examples/weak.guide.md [-o shots/] [--docx review.docx]
                                         [--pages 2] [--dpi 80]

Writes the Word review copy (guidelint review … -o review.docx), has LibreOffice print it to a
PDF with the comments in the margin, and turns the first pages into PNGs with pdftoppm.
LibreOffice runs with a throwaway profile. Exit 2 when LibreOffice or pdftoppm is missing (on
Debian: apt-get install -y libreoffice-writer-nogui poppler-utils).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: LibreOffice's PDF export: comments shown in the page margin, as Word prints them
PDF_FILTER = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'


def find_tools() -> tuple[str, str]:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if office is None or pdftoppm is None:
        raise FileNotFoundError("LibreOffice and pdftoppm are needed "
                                "(on Debian: apt-get install -y libreoffice-writer-nogui poppler-utils)")
    return office, pdftoppm


def write_review_docx(guide_path: Path, out: Path) -> Path:
    from guidelint.cli import main

    if main(["review", str(guide_path), "-o", str(out)]) != 0:
        raise RuntimeError(f"guidelint review failed for {guide_path}")
    return out


def render(docx_path: Path, out_dir: Path, *, pages: int = 2, dpi: int = 80, timeout: float = 180) -> list[Path]:
    office, pdftoppm = find_tools()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="guidelint-office-") as profile:
        subprocess.run([office, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", PDF_FILTER, "--outdir", str(out_dir), str(docx_path)],
                       check=True, capture_output=True, timeout=timeout)
    pdf = out_dir / (docx_path.stem + ".pdf")
    if not pdf.is_file():
        raise RuntimeError(f"LibreOffice wrote no PDF for {docx_path}")
    prefix = out_dir / docx_path.stem
    subprocess.run([pdftoppm, "-png", "-r", str(dpi), "-f", "1", "-l", str(pages), str(pdf), str(prefix)],
                   check=True, capture_output=True, timeout=timeout)
    return sorted(out_dir.glob(f"{docx_path.stem}-*.png"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("guide", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=Path("."), help="folder for the PNG pages")
    parser.add_argument("--docx", type=Path, help="keep the Word review copy here")
    parser.add_argument("--pages", type=int, default=2)
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args(argv)
    if not args.guide.is_file():
        sys.stderr.write(f"render_word_review: {args.guide}: no such file\n")
        return 2
    with tempfile.TemporaryDirectory(prefix="guidelint-review-") as tmp:
        docx_path = args.docx or Path(tmp) / (args.guide.name.split(".")[0] + ".review.docx")
        try:
            write_review_docx(args.guide, docx_path)
            shots = render(docx_path, args.output, pages=args.pages, dpi=args.dpi)
        except FileNotFoundError as exc:
            sys.stderr.write(f"render_word_review: {exc}\n")
            return 2
        except (RuntimeError, subprocess.SubprocessError) as exc:
            sys.stderr.write(f"render_word_review: {exc}\n")
            return 1
    for shot in shots:
        print(shot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
