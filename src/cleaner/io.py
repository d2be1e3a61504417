"""Reading pages in the encodings OCR tools produce, and writing results atomically.

Detection, in order: a UTF-8 BOM; a UTF-16 BOM; NUL bytes mean a binary file; strict UTF-8;
then GB18030 (a superset of GBK and GB2312) and Big5, each decoded strictly, and of those that
decode the one whose Han characters are most often common news characters.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path

import regex

from .errors import InputError
from .resources import COMMON_HAN

_HAN = regex.compile(r"\p{Han}")
# C0 controls other than tab, LF, CR, FF and ESC: more than a few means the file is not text.
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decoded text and the name of the encoding it was read in.

    >>> decode("中文".encode("gb18030"), "p")
    ('中文', 'gb18030')
    """
    if not data:
        return "", "empty"
    if data.startswith(codecs.BOM_UTF8):
        try:  # the BOM stays, to be audited
            return data.decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise InputError(path, f"invalid UTF-8 at byte {e.start}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise InputError(path, f"invalid UTF-16 at byte {e.start}") from None
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes)")
    try:
        return _text_or_binary(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        han = _HAN.findall(text)
        score = sum(ch in COMMON_HAN for ch in han) / len(han) if han else 0.0
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best is None or best[0] < 0.2:
        raise InputError(path, "unknown encoding (not UTF-8, UTF-16, GB18030/GBK or Big5)")
    return _text_or_binary(best[1], path), best[2]


def _text_or_binary(text: str, path: str) -> str:
    if len(_CONTROL.findall(text[:65536])) > max(8, len(text[:65536]) // 100):
        raise InputError(path, "binary file (control characters)")
    return text


def read_text(path: Path, display: str) -> tuple[str, str]:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(display, "is a directory") from None
    except FileNotFoundError:
        raise InputError(display, "no such file or directory") from None
    except PermissionError:
        raise InputError(display, "permission denied") from None
    except OSError as e:
        raise InputError(display, e.strerror or "cannot be read") from None
    return decode(data, display)


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 with LF line ends through a temporary file renamed over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
