"""Helpers for checking Mosaic's search index (`search/<lang>/…`) against the client, assets/search.js.

Mosaic builds the whole search itself (index, search pages, header search box); these helpers only
read what it wrote:

- `fold`, `words` and `js_order` fold, split and sort words exactly as the builder and the client do;
- `read_data_file` parses a data file (`window.__mosaicSearch(kind, language, payload);`) back;
- `decode_numbers` reads the "base-64 varint" strings of chunks and facets (alphabet A–Z a–z 0–9 - _,
  five bits per character, low group first, 32 = "more follows");
- `postings` turns a chunk's postings string (document gap, score pairs) into `(document, score)` pairs;
- `document_set` reads one facet value's list (mode 0: document gaps; mode 1: (gap, length) runs), and
  `facet_rows` rebuilds from a facets payload (`lists` and `uniform`) the per-document rows the facets
  file used to hold: `[typeIndex or -1, [lipIndexes], [characteristicIndexes], languageIndex or -1,
  yearIndex or -1]`.
"""
from __future__ import annotations

import json
import pathlib
import unicodedata

FACET_NAMES = ["type", "lip", "characteristic", "language", "year"]
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
DIGIT_VALUES = {digit: value for value, digit in enumerate(DIGITS)}


# ------------------------------------------------------------------------------------------------
# Folding, exactly as the client and the builder fold


def fold(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.lower())
    folded = "".join(ch for ch in folded if not 0x300 <= ord(ch) <= 0x36F)
    return folded.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")


def words(text: str) -> list[str]:
    """Runs of letters and digits (Unicode L* and N* categories) of the folded text."""
    out, current = [], []
    for ch in fold(text):
        if unicodedata.category(ch)[0] in "LN":
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def js_order(word: str) -> bytes:
    """Sort key matching JavaScript string comparison (UTF-16 code units)."""
    return word.encode("utf-16-be")


# ------------------------------------------------------------------------------------------------
# Data files


def read_data_file(path: pathlib.Path):
    """(kind, language, payload) of one data file."""
    text = path.read_text(encoding="utf-8")
    call = "window.__mosaicSearch("
    start = text.index(call) + len(call)
    decoder = json.JSONDecoder()
    values = []
    position = start
    for _ in range(3):
        while text[position] in " \t\r\n,":
            position += 1
        value, position = decoder.raw_decode(text, position)
        values.append(value)
    rest = text[position:].strip()
    assert rest in (")", ");"), f"{path}: unexpected text after the payload: {rest[:40]!r}"
    return tuple(values)


def decode_numbers(text: str) -> list[int]:
    """The integers of a number string: five bits per character, low group first, 32 = "more follows"."""
    numbers, value, shift = [], 0, 0
    for character in text:
        digit = DIGIT_VALUES.get(character)
        if digit is None:
            raise ValueError(f"{character!r} is not a number digit in {text[:40]!r}")
        value |= (digit & 31) << shift
        if digit & 32:
            shift += 5
        else:
            numbers.append(value)
            value, shift = 0, 0
    if shift:
        raise ValueError(f"number string ends inside a number: {text[-40:]!r}")
    return numbers


def postings(string: str) -> list[tuple[int, int]]:
    """(document, score) pairs of a chunk's postings string of (document gap, score) pairs."""
    numbers = decode_numbers(string)
    if len(numbers) % 2:
        raise ValueError(f"odd count of numbers in a postings string: {string[:40]!r}")
    pairs, document = [], 0
    for gap, score in zip(numbers[0::2], numbers[1::2]):
        document += gap
        pairs.append((document, score))
    return pairs


def document_set(string: str) -> list[int]:
    """Documents of a facet list: mode 0 then document gaps, or mode 1 then (gap, length) runs."""
    numbers = decode_numbers(string)
    if not numbers or numbers[0] not in (0, 1):
        raise ValueError(f"facet list without mode 0 or 1: {string[:40]!r}")
    mode, rest = numbers[0], numbers[1:]
    documents, previous = [], 0
    if mode == 0:
        for gap in rest:
            previous += gap
            documents.append(previous)
        return documents
    if len(rest) % 2:
        raise ValueError(f"odd count of numbers in a run list: {string[:40]!r}")
    for gap, length in zip(rest[0::2], rest[1::2]):
        start = previous + gap
        documents.extend(range(start, start + length))
        previous = start + length
    return documents


def facet_rows(payload: dict) -> list[list]:
    """Per document, `[type or -1, [lips], [characteristics], language or -1, year or -1]` (value indexes):
    the rows the facets file held before it was stored by value. Raises ValueError on a document out of
    range or in two lists of a single-valued facet (type, language, year)."""
    count = payload["documentCount"]
    single = {name: [-1] * count for name in ("type", "language", "year")}
    multiple = {name: [[] for _ in range(count)] for name in ("lip", "characteristic")}
    for name, value in (payload.get("uniform") or {}).items():
        if name in single:
            single[name] = [value] * count
        else:
            multiple[name] = [[value] for _ in range(count)]
    for name, lists in (payload.get("lists") or {}).items():
        for value, string in enumerate(lists):
            for document in document_set(string):
                if not 0 <= document < count:
                    raise ValueError(f"{name} value {value}: document {document} out of 0..<{count}")
                if name not in single:
                    multiple[name][document].append(value)
                elif single[name][document] == -1:
                    single[name][document] = value
                else:
                    raise ValueError(f"document {document} has two {name} values")
    return [[single["type"][doc], multiple["lip"][doc], multiple["characteristic"][doc],
             single["language"][doc], single["year"][doc]] for doc in range(count)]
