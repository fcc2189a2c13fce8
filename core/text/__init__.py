"""Input text: decoding files and normalizing extraction artifacts, with a line map."""
