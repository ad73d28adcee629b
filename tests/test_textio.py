"""Bytes at the edges: encoding detection, binary files, atomic writes, leftover temporary files."""

from __future__ import annotations

import codecs
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.textio import (
    TEMP_PREFIX,
    AtomicWriter,
    DecodeError,
    atomic_write,
    cleanup_temp_files,
    decode_auto,
    detect,
    iter_text,
    looks_binary,
)

ARABIC = "أعلن المركز عن جوائز الدورة الجديدة للمبدعين العرب في القاهرة."


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (ARABIC.encode(), ARABIC, "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode(), ARABIC, "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), ARABIC, "utf-16"),
        (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), ARABIC, "utf-16"),
        (ARABIC.encode("cp1256"), ARABIC, "cp1256"),
        ((ARABIC + "\r\n").encode("cp1256") + b"\x00", ARABIC + "\r\n\x00", "cp1256"),  # trailing NUL
        (b"plain ASCII", "plain ASCII", "utf-8"),
        (b"", "", "utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "cp1256", "cp1256-crlf-nul", "ascii", "empty"],
)
def test_auto_detection(data: bytes, text: str, encoding: str) -> None:
    assert decode_auto(data) == (text, encoding)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("Café crème, déjà vu.".encode("latin-1"), "not valid UTF-8 at byte offset 3"),  # Latin, not Arabic
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary file"),
        (ARABIC.encode("utf-16-le"), "binary file"),  # UTF-16 without a BOM: NUL-heavy
        (bytes(range(256)) * 4, "binary file"),
    ],
    ids=["latin1", "png", "utf16-no-bom", "all-bytes"],
)
def test_what_auto_refuses(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError, match=message) as err:
        decode_auto(data, source="x.txt")
    assert str(err.value).startswith("x.txt: ")


def test_one_trailing_nul_is_text_many_nuls_are_binary() -> None:
    assert not looks_binary(ARABIC.encode() * 10 + b"\x00")
    assert looks_binary(b"a\x00" * 100)


def test_forced_encoding_and_errors() -> None:
    latin = "Café".encode("latin-1")
    assert decode_auto(latin, "latin-1") == ("Café", "iso8859-1")
    assert decode_auto(ARABIC.encode("cp1256"), "windows-1256") == (ARABIC, "cp1256")
    with pytest.raises(DecodeError, match=r"not valid utf-8 at byte offset 3 \(byte 0xe9\).*--errors replace"):
        decode_auto(latin, "utf-8")
    assert decode_auto(latin, "utf-8", "replace") == ("Caf\ufffd", "utf-8")
    assert decode_auto(b"caf\xe9", "auto", "replace") == ("caf\ufffd", "utf-8")  # not Arabic either
    with pytest.raises(DecodeError, match="unknown encoding 'klingon'"):
        decode_auto(b"x", "klingon")


def test_detect_on_a_prefix_tolerates_a_cut_character() -> None:
    data = ARABIC.encode()
    assert detect(data[:5], final=False) == "utf-8"  # cut inside a two-byte letter
    assert detect(data[:5], final=True) != "utf-8"


def test_iter_text_decodes_in_blocks_and_names_the_absolute_offset() -> None:
    data = ARABIC.encode() * 50
    encoding, blocks = iter_text(io.BytesIO(data), block_size=7)
    assert encoding == "utf-8" and "".join(blocks) == ARABIC * 50
    bad = data + b"\xff" + data
    encoding, blocks = iter_text(io.BytesIO(bad), "utf-8", block_size=7)
    with pytest.raises(DecodeError, match=f"byte offset {len(data)} "):
        "".join(blocks)
    encoding, blocks = iter_text(io.BytesIO(codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le")), block_size=3)
    assert encoding == "utf-16" and "".join(blocks) == ARABIC


def test_atomic_write_keeps_permission_bits_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root may give a file to another user")
def test_atomic_write_keeps_the_owner_and_group(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    os.chown(target, 4321, 8765)
    target.chmod(0o2640)  # setgid: chown after chmod would clear it
    atomic_write(target, b"new")
    after = target.stat()
    assert (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) == (4321, 8765, 0o2640)


def test_atomic_write_by_the_owner_changes_no_owner(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    before = target.stat()
    atomic_write(target, b"new")
    assert (target.stat().st_uid, target.stat().st_gid) == (before.st_uid, before.st_gid)


def test_an_aborted_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), AtomicWriter(target) as writer:
        writer.write(b"half")
        raise RuntimeError
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_leftovers_of_dead_processes_are_removed_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f"{TEMP_PREFIX}{dead_pid}-abc"
    live = tmp_path / f"{TEMP_PREFIX}{os.getpid()}-def"
    other = tmp_path / "keep.txt"
    for p in (stale, live, other):
        p.write_bytes(b"x")
    assert cleanup_temp_files(tmp_path) == [stale.name]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name])
