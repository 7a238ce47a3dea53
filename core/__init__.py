"""The shared base every package may import: errors, settings, LLM request types and metrics. Imports none of them."""
