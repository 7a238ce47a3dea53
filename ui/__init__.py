"""Gradio chat UI: a thin consumer of the turn's events."""
