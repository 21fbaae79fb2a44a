"""The members of an uploaded zip package, inflated with a hard cap on the bytes actually
produced — never trusting the sizes the archive declares.

Python's ``zipfile`` stops reading a member at its declared size (and a CRC of that prefix makes
the lie pass), while the readers behind it (calamine's zip reader) inflate the whole stream: an
entry declaring 60,000 bytes can inflate to gigabytes there. Here every member is inflated from
its raw deflate stream with ``zlib.decompressobj`` in bounded pieces, counting what comes out;
the member is refused as soon as it yields more than it declares or than the budget left for the
whole package, and at its end the true size, the CRC and the local header must match the
directory. A package that passes therefore holds exactly what its directory says.
"""

import struct
import zipfile
import zlib
from collections.abc import Iterator

_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_PIECE = 64 * 1024  # compressed bytes fed at a time
_OUT = 1024 * 1024  # at most this much inflated output per step
_ZIP64 = 0xFFFFFFFF


class TooLarge(Exception):
    """The member yields more than it declares or than the budget allows."""


class Damaged(Exception):
    """The member's stream does not match its directory entry (size, CRC, header, method)."""


def chunks(data: bytes | memoryview, info: zipfile.ZipInfo, budget: int) -> Iterator[bytes]:
    """The inflated bytes of ``info`` in pieces of at most 1 MB; ``TooLarge`` past
    ``min(budget, declared size)``, ``Damaged`` when the stream disagrees with the directory."""
    view = memoryview(data)
    start = _data_start(view, info)
    if info.file_size > budget:
        raise TooLarge(info.filename)
    raw = view[start:start + info.compress_size]
    if len(raw) < info.compress_size:
        raise Damaged(f"{info.filename}: truncated")
    limit = info.file_size
    produced = 0
    crc = 0
    if info.compress_type == zipfile.ZIP_STORED:
        for at in range(0, len(raw), _OUT):
            piece = bytes(raw[at:at + _OUT])
            produced += len(piece)
            if produced > limit:
                raise TooLarge(info.filename)
            crc = zlib.crc32(piece, crc)
            yield piece
    else:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        for at in range(0, len(raw), _PIECE):
            pending = bytes(raw[at:at + _PIECE])
            while pending:
                piece = inflater.decompress(pending, _OUT)
                pending = inflater.unconsumed_tail
                produced += len(piece)
                if produced > limit:
                    raise TooLarge(info.filename)
                if piece:
                    crc = zlib.crc32(piece, crc)
                    yield piece
                if inflater.eof:
                    break
            if inflater.eof:
                break
        tail = inflater.flush(_OUT)
        produced += len(tail)
        if produced > limit:
            raise TooLarge(info.filename)
        if tail:
            crc = zlib.crc32(tail, crc)
            yield tail
        if not inflater.eof:
            raise Damaged(f"{info.filename}: incomplete stream")
    if produced != limit or crc != info.CRC:
        raise Damaged(f"{info.filename}: size or CRC differs from the directory")


def read(data: bytes | memoryview, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The whole member, refused (``TooLarge``) past ``limit`` bytes."""
    return b"".join(chunks(data, info, limit))


def _data_start(view: memoryview, info: zipfile.ZipInfo) -> int:
    offset = info.header_offset
    header = view[offset:offset + _LOCAL.size]
    if len(header) < _LOCAL.size:
        raise Damaged(f"{info.filename}: no local header")
    (magic, _version, flags, method, _time, _date, _crc, compressed, size, name_length,
     extra_length) = _LOCAL.unpack(header)
    if magic != b"PK\x03\x04":
        raise Damaged(f"{info.filename}: no local header")
    if flags & 0x1 or info.flag_bits & 0x1:
        raise Damaged(f"{info.filename}: encrypted")
    if method != info.compress_type or method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise Damaged(f"{info.filename}: compression method {method}")
    if not flags & 0x8 and _ZIP64 not in (compressed, size) and (
            compressed, size, _crc) != (info.compress_size, info.file_size, info.CRC):
        raise Damaged(f"{info.filename}: local header differs from the directory")
    name = bytes(view[offset + _LOCAL.size:offset + _LOCAL.size + name_length]).split(b"\0")[0]
    if name.decode("utf-8", "replace") != info.filename and name.decode(
            "cp437", "replace") != info.filename:
        raise Damaged(f"{info.filename}: local header names another file")
    return offset + _LOCAL.size + name_length + extra_length
