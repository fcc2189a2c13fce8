"""Gazette-level structure: issue metadata, the 目录, and the split into documents."""
