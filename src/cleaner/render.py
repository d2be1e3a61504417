"""Turning a cleaned document into output: articles, text, JSONL, audit records, findings, diffs."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .model import Change, Document


@dataclass(frozen=True)
class Article:
    index: int
    kind: str
    headline: list[str] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return self.headline + self.byline + self.body


def articles(doc: Document) -> list[Article]:
    """The articles of a page, in order of their first paragraph on the page."""
    groups: dict[int, Article] = {}
    for para in doc.paragraphs:
        art = groups.get(para.article)
        if art is None:
            kind = doc.kinds.get(para.article, "article")
            art = groups[para.article] = Article(len(groups), kind)
        role = para.role if para.role in ("headline", "byline") else "body"
        getattr(art, role).append(para.text)
        if para.flags:  # most paragraphs have none
            art.flags.extend(f for f in para.flags if f not in art.flags)
    return list(groups.values())


def to_text(doc: Document) -> str:
    """One line per headline line, byline line and body paragraph; a blank line between articles."""
    blocks = ["\n".join(a.lines()) for a in articles(doc)]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def to_jsonl(doc: Document, source: str) -> str:
    stem = source.rsplit(".", 1)[0] if "." in source.rsplit("/", 1)[-1] else source
    rows = []
    for a in articles(doc):
        row = {
            "id": f"{stem}#{a.index}",
            "source": source,
            "index": a.index,
            "kind": a.kind,
            "headline": a.headline,
            "byline": a.byline,
            "body": a.body,
            "flags": a.flags,
        }
        rows.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(rows) + "\n" if rows else ""


def record(doc: Document, change: Change, file: str) -> dict[str, Any]:
    """The audit record of one change (one line of ``--report``)."""
    line, col = doc.position(change.span[0])
    rec: dict[str, Any] = {
        "file": file,
        "filter": change.filter,
        "code": change.code,
        "action": change.action,
        "line": line,
        "col": col,
        "span": list(change.span),
        "before": change.before,
        "after": change.after,
        "reason": change.reason,
        "safety": change.safety,
    }
    for key, value in change.data.items():
        if key == "kept" and isinstance(value, int):
            kline, kcol = doc.position(value)
            rec["kept"] = {"line": kline, "col": kcol, "offset": value}
        else:
            rec[key] = value
    return rec


def message(rec: dict[str, Any]) -> str:
    """A one-line, human message for a change, as ``--check`` prints it."""
    reason = rec["reason"]
    if rec["action"] == "remove":
        kept = rec.get("kept")
        where = f" (kept at line {kept['line']})" if kept else ""
        return f"{reason}{where}: “{_short(rec['before'])}”"
    if rec["action"] == "join":
        return f"{reason}: “{_short(rec['before'], tail=True)}” + “{_short(rec['after'])}”"
    return f"{reason}: {_visible(rec['before'])} → {_visible(rec['after'])}"


def finding(path: str, rec: dict[str, Any]) -> str:
    return f"{path}:{rec['line']}:{rec['col']}: {rec['code']} {message(rec)}"


def github(path: str, rec: dict[str, Any]) -> str:
    text = message(rec).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    loc = f"file={path},line={rec['line']},col={rec['col']}"
    return f"::warning {loc},title={rec['code']} {rec['filter']}::{text}"


def _short(text: str, n: int = 24, tail: bool = False) -> str:
    if len(text) <= n:
        return text
    return "…" + text[-n:] if tail else text[:n] + "…"


def _visible(text: str) -> str:
    """A quoted string in which spaces and invisible characters can be seen."""
    shown = "".join(
        c if c.isprintable() and (c == " " or not c.isspace()) else f"\\u{ord(c):04x}" for c in text
    )
    return f"'{shown}'"


def unified_diff(before: str, after: str, path: str) -> Iterator[str]:
    return difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"{path}\t(original)",
        tofile=f"{path}\t(cleaned)",
    )
