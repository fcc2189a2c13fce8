"""Input formats other than text (PDF, DOCX), rebuilt into the text the extractor reads.

`pdf.load_pdf` and `docx.load_docx` are imported by the pipeline on demand (they pull in
pypdfium2/pdfplumber/python-docx); `legacy_message` is cheap and explains .doc/.wps files.
"""

from core.formats.legacy import LEGACY_SUFFIXES, legacy_message

SUPPORTED_SUFFIXES = (".txt", ".pdf", ".docx")

__all__ = ["LEGACY_SUFFIXES", "SUPPORTED_SUFFIXES", "legacy_message"]
