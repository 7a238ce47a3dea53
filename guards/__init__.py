"""Guards: PHI detection and redaction, safety rules, and the PHI-free audit log.

Importing this package loads nothing heavy; spaCy and Presidio load on the analyzer's first use.
"""
