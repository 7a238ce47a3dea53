"""Errors that say who must act: the user (bad input) or the operator (setup)."""


class MedassistError(Exception):
    """A problem the user or operator can fix; shown as one line, never a traceback."""


class UserInputError(MedassistError):
    """The input is wrong (empty message, bad image, impossible vital sign)."""


class SetupError(MedassistError):
    """Something is missing or misconfigured (no index, missing model, optional dependency)."""
