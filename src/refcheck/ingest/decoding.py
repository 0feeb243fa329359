"""Bytes to text, refusing binary files and telling the user what encoding was wrong."""

from __future__ import annotations

from refcheck.errors import InputError

_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters in the first block, mean binary."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > 0.05


def decode_text(data: bytes, path: str, fallback: str | None = None, *, line_limit: bool = True) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM); else `fallback` if given; else an InputError.

    Returns (text, encoding). Line endings are normalised to "\\n" so that
    line numbers agree with what an editor shows.
    """
    if looks_binary(data):
        raise InputError("binary file, not a text document", path)
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        if fallback is None:
            # exc.start counts from after a BOM: look in the bytes the decoder saw
            seen = exc.object
            line = seen[: exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
            raise InputError(f"not UTF-8 text (byte 0x{seen[exc.start]:02x}); save it as UTF-8", path, line) from None
        text, encoding = data.decode(fallback), fallback
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if line_limit:  # a line of a megabyte is generated text, not prose (HTML is exempt: minified pages are one line)
        from refcheck.ingest.bounds import check_lines

        check_lines(text, path)
    return text, encoding
