"""Settings: defaults, ``[tool.cleaner]`` in ``pyproject.toml`` or a ``--config`` file, then flags.

Every key is checked: an unknown or mistyped one is a :class:`ConfigError` that names it.
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .filters import FILTERS, ORDER, Filter

FORMATS = ("text", "jsonl")


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    format: str = "text"
    include: tuple[str, ...] = ("*.txt",)
    exclude: tuple[str, ...] = ()
    jobs: int = 1
    filters: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def pipeline_filters(self) -> list[tuple[Filter[Any], Any]]:
        """The selected filters, in pipeline order, each with its options."""
        if self.select:
            chosen = _matching(self.select)
        else:
            chosen = {name for name in ORDER if FILTERS[name].enabled}
        chosen -= _matching(self.ignore)
        out = []
        for name in ORDER:
            if name in chosen:
                flt = FILTERS[name]
                out.append((flt, flt.options(**self.filters.get(name, {}))))
        return out

    def fingerprint(self) -> str:
        """A stable text of everything that changes the output (for up-to-date checks)."""
        items = dataclasses.asdict(self)
        items.pop("jobs")
        return repr(sorted((k, repr(v)) for k, v in items.items()))


_KEYS = {f.name.replace("_", "-"): f.name for f in dataclasses.fields(Settings)}


def _matching(selectors: Iterable[str]) -> set[str]:
    """Filter names matched by name, name prefix (``dedup``) or code prefix (``D``, ``D01``)."""
    out: set[str] = set()
    for sel in selectors:
        hits = {
            name
            for name, flt in FILTERS.items()
            if name == sel or name.startswith(sel + ".") or flt.code.startswith(sel.upper())
        }
        if not sel or not hits:
            raise ConfigError(f"unknown filter '{sel}' (see `clean filters`)")
        out |= hits
    return out


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.cleaner]`` table, from ``start`` upwards."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            data = _load_toml(candidate)
            if "cleaner" in data.get("tool", {}):
                return candidate
        if (folder / ".git").exists():
            break
    return None


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except OSError as e:
        raise ConfigError(f"{path}: {e.strerror or 'cannot be read'}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None


def load_file(path: Path) -> Mapping[str, Any]:
    """The cleaner table of a TOML file: ``[tool.cleaner]`` if present, else the whole file."""
    data = _load_toml(path)
    table = data.get("tool", {}).get("cleaner") if "tool" in data else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.cleaner] must be a table")
    return table


def settings_from(table: Mapping[str, Any], where: str, base: Settings | None = None) -> Settings:
    """Settings from a config table, checked key by key against the known keys and types."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = _KEYS.get(key) or _KEYS.get(key.replace("_", "-"))
        if name is None:
            raise ConfigError(f"{where}: unknown key '{key}'")
        if name == "filters":
            values[name] = _filter_options(value, where)
        else:
            values[name] = _coerce(name, value, where)
    return dataclasses.replace(base or Settings(), **values)


def _coerce(name: str, value: Any, where: str) -> Any:
    default = getattr(Settings(), name)
    if isinstance(default, tuple):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: '{name}' must be a list of strings")
        if name in ("select", "ignore"):
            try:
                _matching(value)
            except ConfigError as e:
                raise ConfigError(
                    f"--{name}: {e}" if where == "option" else f"{where}: {e}"
                ) from None
        return tuple(value)
    if isinstance(default, int) and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConfigError(f"{where}: '{name}' must be an integer")
    if isinstance(default, str):
        if not isinstance(value, str):
            raise ConfigError(f"{where}: '{name}' must be a string")
        if name == "format" and value not in FORMATS:
            raise ConfigError(f"{where}: 'format' must be one of {', '.join(FORMATS)}")
    return value


def _filter_options(table: Any, where: str) -> dict[str, dict[str, Any]]:
    """``{filter name: {option: value}}`` from a table that may nest on the dots of names."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: 'filters' must be a table")
    out: dict[str, dict[str, Any]] = {}

    def walk(prefix: str, sub: Mapping[str, Any]) -> None:
        for key, value in sub.items():
            name = f"{prefix}.{key}" if prefix else key
            if name in FILTERS:
                if not isinstance(value, dict):
                    raise ConfigError(f"{where}: filters.{name} must be a table")
                out[name] = check_options(FILTERS[name], value, f"{where}: filters.{name}")
            elif isinstance(value, dict) and any(f.startswith(name + ".") for f in FILTERS):
                walk(name, value)
            else:
                raise ConfigError(f"{where}: unknown filter '{name}'")

    walk("", table)
    return out


def check_options(flt: Filter[Any], values: Mapping[str, Any], where: str) -> dict[str, Any]:
    hints = typing.get_type_hints(flt.options)
    out: dict[str, Any] = {}
    for key, value in values.items():
        name = key.replace("-", "_")
        if name not in hints:
            raise ConfigError(f"{where}: unknown option '{key}'")
        if not _is_instance(value, hints[name]):
            raise ConfigError(f"{where}: option '{key}' must be {_type_name(hints[name])}")
        out[name] = tuple(value) if isinstance(value, list) else value
    return out


def _is_instance(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    if origin in (tuple, Sequence):
        return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def _type_name(hint: Any) -> str:
    if typing.get_origin(hint) is typing.Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(hint))
    if typing.get_origin(hint) in (tuple, Sequence):
        return "a list of strings"
    return {int: "an integer", float: "a number", bool: "true or false", str: "a string"}.get(
        hint, str(hint)
    )
