"""Deterministic safety rules: red flags, disclaimers, injection-safe sources, cross-patient output checks."""
