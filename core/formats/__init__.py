"""Input formats other than text (PDF, DOCX), rebuilt into the text the extractor reads."""
