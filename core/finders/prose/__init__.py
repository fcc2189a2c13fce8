"""Finders over running text: the numbered outline, responsibility annotations and labelled
lines, division lists, unit headings and lead/support paragraphs."""
