"""Placeholder until this finder lands: finds nothing yet."""

from core.finders.base import DocumentContext, FinderResult


def find(ctx: DocumentContext) -> FinderResult:
    return FinderResult()
