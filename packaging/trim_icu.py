"""Rebuilds Qt's ICU data library (libicudata, ~31 MB, the largest file in the bundle) with only what Qt
needs for this program.

Qt Core calls into ICU for exactly four things (see `nm -D --undefined-only libQt6Core.so.6 | grep _73`):
case mapping (built into libicuuc, no data), collation (ucol_*), time-zone display names (ucal_*) and
legacy text codecs (ucnv_*). It never uses break iteration, transliteration, number spell-out or the
display names of currencies, languages, regions and units: those trees go. Locale data is kept for the
program's two languages (en, de) and the root locale that every other locale falls back to, so sorting
and zone names stay correct in English and German and fall back to the root order elsewhere. Legacy
codec tables go (the program reads and writes UTF-8 only; Qt handles UTF-8/16/32 and Latin-1 itself).

The library is rebuilt byte-for-byte in ICU's "common data" format (a table of contents of named items,
each a complete ICU data item, 16-byte aligned) under the same exported symbol and soname, so libicuuc
links to it unchanged. Needs a C compiler driver (`cc`) to link the data into a shared object.

    python trim_icu.py SRC/libicudata.so.73 OUT/libicudata.so.73
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LANGUAGES = ("en", "de")
DROP_TREES = ("brkitr/", "translit/", "curr/", "lang/", "region/", "unit/", "rbnf/")
# Trees whose locale files are filtered by language; their non-locale files (pool, index, tables) stay.
_LOCALE_FILE = re.compile(r"^(?:[a-z]+/)?([a-z]{2,3})(?:_[A-Za-z0-9]*)*\.res$")


def _elf_symbol(lib: bytes, wanted: str) -> tuple[int, int]:
    """File offset and size of a dynamic symbol in a little-endian ELF64 shared object."""
    if lib[:4] != b"\x7fELF" or lib[4] != 2 or lib[5] != 1:
        raise ValueError("not a little-endian ELF64 file")
    shoff, = struct.unpack_from("<Q", lib, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", lib, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", lib, shoff + i * shentsize) for i in range(shnum)]
    for _, stype, _, _, off, size, link, _, _, entsize in sections:
        if stype != 11:  # SHT_DYNSYM
            continue
        stroff = sections[link][4]
        for pos in range(off, off + size, entsize):
            name, _, _, shndx, value, symsize = struct.unpack_from("<IBBHQQ", lib, pos)
            end = lib.index(b"\0", stroff + name)
            if lib[stroff + name:end].decode() == wanted:
                _, _, _, addr, sec_off, *_ = sections[shndx]
                return value - addr + sec_off, symsize
    raise ValueError(f"symbol {wanted} not found")


def read_items(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Splits ICU common data into its header and (name, item bytes incl. padding) in table order."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
        raise ValueError("not ICU common data (CmnD)")
    toc = blob[header_size:]
    count, = struct.unpack_from("<I", toc, 0)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_off, data_off) in enumerate(entries):
        name = toc[name_off:toc.index(b"\0", name_off)].decode("ascii")
        end = entries[i + 1][1] if i + 1 < count else len(toc)
        items.append((name, toc[data_off:end]))
    return blob[:header_size], items


def write_items(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The inverse of read_items: names after the table, each item 16-byte aligned, order kept (sorted).
    Padding is 0xAA like ICU's own packager, so a round trip reproduces the original byte for byte."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    table_size = 4 + 8 * len(items)
    data_start = -(-(table_size + len(names)) // 16) * 16
    entries, data, name_off = [], bytearray(), table_size
    for name, item in items:
        entries.append(struct.pack("<II", name_off, data_start + len(data)))
        name_off += len(name) + 1
        data += item + b"\0" * (-len(item) % 16)
    toc = struct.pack("<I", len(items)) + b"".join(entries) + names
    return header + toc + b"\xaa" * (data_start - len(toc)) + bytes(data)


def wanted(name: str) -> bool:
    """Whether an item (e.g. 'icudt73l/coll/de.res') is kept."""
    path = name.split("/", 1)[1] if "/" in name else name
    if path.startswith(DROP_TREES) or path.endswith(".cnv"):
        return False
    match = _LOCALE_FILE.match(path)
    return match is None or match.group(1) in KEEP_LANGUAGES


def trim(src: Path, out: Path) -> tuple[int, int]:
    """Writes the trimmed library to `out`; returns the data sizes before and after."""
    lib = src.read_bytes()
    soname = src.name
    symbol = "icudt" + re.sub(r"\D", "", soname.split(".so.")[1]) + "_dat"
    offset, size = _elf_symbol(lib, symbol)
    original = lib[offset:offset + size]
    header, items = read_items(original)
    if write_items(header, items) != original:  # the format is understood, or nothing is written
        raise ValueError(f"{src}: ICU data does not round-trip; not trimming it")
    blob = write_items(header, [(n, d) for n, d in items if wanted(n)])
    with tempfile.TemporaryDirectory() as tmp:
        dat, asm = Path(tmp) / "icu.dat", Path(tmp) / "icu.S"
        dat.write_bytes(blob)
        asm.write_text(
            '\t.section .note.GNU-stack,"",@progbits\n\t.section .rodata\n'
            f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n{symbol}:\n"
            f'\t.incbin "{dat}"\n\t.size {symbol}, . - {symbol}\n'
        )
        subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", str(out), str(asm)],
                       check=True)
    return size, len(blob)


# What the kept data is for, in the kept languages: collation order and time-zone names. Run by verify()
# against Qt with the original and with the trimmed library; both must print the same.
_PROBE = """
from PySide6.QtCore import QCollator, QLocale, QTimeZone
words = ["Zebra", "Äpfel", "apfel", "Öl", "ober", "Ähre", "éclair", "eagle"]
zone = QTimeZone(b"Europe/Berlin")
for lang in %r:
    print(sorted(words, key=QCollator(QLocale(lang)).sortKey))
    print(zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale(lang)))
print(QLocale("de").toUpper("straße"))
print(zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("fr")))
"""


def verify(trimmed_dir: Path) -> None:
    """Qt must sort and name time zones identically in the kept languages with the trimmed data — and
    differently in a dropped one (French), which proves the trimmed library was the one loaded."""
    code = _PROBE % (KEEP_LANGUAGES,)

    def run(extra: dict[str, str]) -> str:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}
        return subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                              text=True).stdout

    # LD_LIBRARY_PATH is searched before libicuuc's RUNPATH ($ORIGIN), so it swaps in the trimmed data.
    full, trimmed = run({}).splitlines(), run({"LD_LIBRARY_PATH": str(trimmed_dir)}).splitlines()
    if len(full) < 2 or full[:-1] != trimmed[:-1] or full[-1] == trimmed[-1]:
        raise SystemExit(f"trimmed ICU data changes Qt's results:\n{full}\n---\n{trimmed}")


if __name__ == "__main__":
    before, after = trim(Path(sys.argv[1]), Path(sys.argv[2]))
    verify(Path(sys.argv[2]).parent)
    print(f"ICU data: {before / 2**20:.1f} MB -> {after / 2**20:.1f} MB, verified for {KEEP_LANGUAGES}")
