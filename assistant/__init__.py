"""medassist assistant: the turn loop, roles, tools, triage, LLM backends and the CLI.

Importing this package loads nothing heavy; backends and models load on first use.
"""
