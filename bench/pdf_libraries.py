"""Which PDF text library gives cablekit the cables that poppler's pdftotext gives it?

Reads the 14 PDFs of the corpus (``pdf/``) with each candidate library that is installed,
parses the text with cablekit and compares, field by field, with the cable parsed from the
PDF's ``pdf-text/`` copy (``pdftotext -layout``).  Prints, per library and extraction mode,
how many of the 14 agree on each field and the time the extraction took (best of three),
then the PDFs that disagree.  docs/damaged-input.md ("PDF files") records a run.

    pip install pypdf pypdfium2 pdfminer.six pdfplumber
    python bench/pdf_libraries.py [--corpus PATH]
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable
from typing import Any

from _common import corpus_path, machine

import cablekit


def _pypdf(layout: bool) -> Callable[[bytes], str]:
    def extract(data: bytes) -> str:
        import pypdf

        mode = "layout" if layout else "plain"
        pages = pypdf.PdfReader(io.BytesIO(data)).pages
        return "".join(page.extract_text(extraction_mode=mode) + "\n\f" for page in pages)

    return extract


def _pdfium(data: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    return "".join(page.get_textpage().get_text_range() + "\n\f" for page in document)


def _pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    return extract_text(io.BytesIO(data), laparams=LAParams())


def _pdfplumber(layout: bool) -> Callable[[bytes], str]:
    def extract(data: bytes) -> str:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "".join(page.extract_text(layout=layout) + "\n\f" for page in pdf.pages)

    return extract


CANDIDATES: dict[str, tuple[str, Callable[[bytes], str]]] = {
    "pypdf": ("pypdf", _pypdf(layout=False)),
    "pypdf layout": ("pypdf", _pypdf(layout=True)),
    "pypdfium2": ("pypdfium2", _pdfium),
    "pdfminer.six": ("pdfminer", _pdfminer),
    "pdfplumber": ("pdfplumber", _pdfplumber(layout=False)),
    "pdfplumber layout": ("pdfplumber", _pdfplumber(layout=True)),
}

FIELDS = (
    "paragraph numbers", "id", "header", "subject", "signers", "tags", "references", "summary",
    "paragraph texts",
)  # fmt: skip


def facts(cable: cablekit.Cable) -> dict[str, Any]:
    """The fields compared, from a parsed cable."""
    data = cable.model_dump(mode="json")
    return {
        "paragraph numbers": [paragraph["number"] for paragraph in data["paragraphs"]],
        "id": data["id"],
        "header": data["transmission"],
        "subject": data["subject"],
        "signers": data["signers"],
        "tags": data["tags"],
        "references": data["references"],
        "summary": data["summary"],
        "paragraph texts": [" ".join(p["text"].split()) for p in data["paragraphs"]],
    }


def main() -> None:
    """Compare the installed candidates on the corpus PDFs."""
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("--corpus", help="the shared corpus (default: ../shared/corpus)")
    corpus = corpus_path(arguments.parse_args().corpus)
    pdfs = sorted((corpus / "pdf").glob("*.pdf"))
    # Both parsed from their contents alone: a file name could give an id the text does not.
    expected = {
        path.stem: facts(cablekit.parse((corpus / "pdf-text" / f"{path.stem}.txt").read_bytes()))
        for path in pdfs
    }
    contents = {path.stem: path.read_bytes() for path in pdfs}
    print(machine())
    print(f"{'library':18} {'ms/PDF':>7}  " + " ".join(f"{field[:10]:>10}" for field in FIELDS))
    disagreements: dict[tuple[str, str], list[str]] = {}
    for name, (module, extract) in CANDIDATES.items():
        try:
            __import__(module)
        except ImportError:
            print(f"{name:18} not installed")
            continue
        best = float("inf")
        texts: dict[str, str] = {}
        for _ in range(3):
            start = time.perf_counter()
            texts = {stem: extract(data) for stem, data in contents.items()}
            best = min(best, time.perf_counter() - start)
        agree = dict.fromkeys(FIELDS, 0)
        for stem, text in texts.items():
            try:
                found = facts(cablekit.parse(text))
            except cablekit.CableError as error:
                disagreements.setdefault((name, str(error)), []).append(stem)
                continue
            for field in FIELDS:
                if found[field] == expected[stem][field]:
                    agree[field] += 1
                else:
                    disagreements.setdefault((name, field), []).append(stem)
        per_pdf = best * 1000 / len(pdfs)
        counts = " ".join(f"{agree[field]:>10}" for field in FIELDS)
        print(f"{name:18} {per_pdf:7.1f}  {counts}")
    print(f"\nout of {len(pdfs)} PDFs; where they disagree:")
    for (name, field), stems in disagreements.items():
        print(f"  {name}, {field}: {', '.join(stems)}")


if __name__ == "__main__":
    main()
