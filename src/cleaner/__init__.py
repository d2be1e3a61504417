"""cleaner: clean OCR'd Chinese newspaper pages into whole articles, with a full audit."""

from __future__ import annotations

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # The library API is imported lazily so that `clean --help` stays fast.
    if name in ("clean_text", "Settings"):
        from . import config, runner

        return {"clean_text": runner.clean_text, "Settings": config.Settings}[name]
    raise AttributeError(name)


__all__ = ["Settings", "__version__", "clean_text"]
