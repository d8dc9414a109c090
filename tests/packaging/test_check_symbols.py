"""packaging/check-symbols: an ELF file that needs a glibc symbol version newer than 2.28 fails the check, named
with its symbol; one within it passes. The shared libraries are compiled here with the host's C compiler,
whose glibc (2.36 on Debian 12) gives exp() the version GLIBC_2.29 and puts() GLIBC_2.2.5 (libraries, not
programs: a program built on glibc >= 2.34 needs its __libc_start_main@GLIBC_2.34)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "packaging" / "check-symbols"

pytestmark = pytest.mark.skipif(
    shutil.which("cc") is None or shutil.which("objdump") is None, reason="needs a C compiler and binutils"
)


def compile_library(folder: Path, name: str, source: str, *libs: str) -> Path:
    (folder / f"{name}.c").write_text(source)
    library = folder / f"lib{name}.so"
    subprocess.run(
        ["cc", "-O0", "-shared", "-fPIC", "-o", str(library), str(folder / f"{name}.c"), *libs], check=True, timeout=60
    )
    (folder / f"{name}.c").unlink()
    return library


def check(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CHECK), *map(str, paths)], capture_output=True, text=True, timeout=60)


def glibc_gives_exp_a_new_version() -> bool:
    libm = subprocess.run(["objdump", "-T", "/lib/x86_64-linux-gnu/libm.so.6"], capture_output=True, text=True)
    return any("GLIBC_2.29" in line and line.split()[-1] == "exp" for line in libm.stdout.splitlines())


def test_a_file_within_glibc_2_28_passes(tmp_path: Path) -> None:
    old = compile_library(tmp_path, "old", '#include <stdio.h>\nvoid hello(void) { puts("hi"); }\n')
    done = check(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 ELF files" in done.stdout and "every ELF file runs on glibc 2.28" in done.stdout
    assert old.exists()


@pytest.mark.skipif(not glibc_gives_exp_a_new_version(), reason="this glibc has no exp@GLIBC_2.29")
def test_a_file_needing_a_newer_glibc_fails_naming_file_and_symbol(tmp_path: Path) -> None:
    compile_library(tmp_path, "old", '#include <stdio.h>\nvoid hello(void) { puts("hi"); }\n')
    new = compile_library(tmp_path, "new", "#include <math.h>\ndouble grow(double x) { return exp(x); }\n", "-lm")
    done = check(tmp_path)
    assert done.returncode == 1
    assert f"TOO NEW: {new}" in done.stdout
    assert "GLIBC_2.29 exp" in done.stdout
    assert "libold.so" not in done.stdout


def test_a_folder_without_elf_files_is_an_error_not_a_pass(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("no ELF here")
    done = check(tmp_path)
    assert done.returncode == 2
    assert "no ELF file" in done.stderr
