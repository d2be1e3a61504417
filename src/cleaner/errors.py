"""The errors the tool reports: one line each, naming the file, exit status 2."""

from __future__ import annotations


class CleanerError(Exception):
    """Base of every error shown to the user as ``error: message`` (exit status 2)."""


class ConfigError(CleanerError):
    """A bad option or configuration key."""


class InputError(CleanerError):
    """A file that cannot be read or decoded."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
