"""Evaluation: benchmark runners, metrics with confidence intervals, and reports with plots."""
