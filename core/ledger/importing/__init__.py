"""Turning an extraction result into ledger rows.

New issues, corrected re-issues, and documents the ledger already knows from another file.
"""
