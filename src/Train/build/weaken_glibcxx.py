#!/usr/bin/env python3
"""Mark GLIBCXX version needs newer than a ceiling as weak in an ELF64 shared object.

Usage: weaken_glibcxx.py LIBRARY [CEILING]   (CEILING defaults to 3.4.30)

libLibTorchSharp.so from TorchSharp asks for GLIBCXX_3.4.32 for one symbol it never
calls; Debian 12 ships libstdc++ up to GLIBCXX_3.4.30, so the loader refuses the
library. A weak version need (VER_FLG_WEAK in vna_flags) lets it load. The file is
edited in place; running it twice is harmless.
"""
import os
import struct
import sys

VER_FLG_WEAK = 0x2
SHT_GNU_VERNEED = 0x6FFFFFFE


def version_tuple(text):
    return tuple(int(part) for part in text.split("."))


def read_cstring(data, offset):
    end = data.index(b"\0", offset)
    return data[offset:end].decode("ascii", "replace")


def weaken(path, ceiling):
    with open(path, "rb") as handle:
        data = bytearray(handle.read())
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SystemExit(f"{path}: not a little-endian ELF64 file")
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = []
    for index in range(shnum):
        base = shoff + index * shentsize
        _, sh_type, _, _, sh_offset, sh_size, sh_link, sh_info = struct.unpack_from("<IIQQQQII", data, base)
        sections.append((sh_type, sh_offset, sh_size, sh_link, sh_info))
    changed = []
    for sh_type, sh_offset, _, sh_link, sh_info in sections:
        if sh_type != SHT_GNU_VERNEED:
            continue
        strtab = sections[sh_link][1]
        need = sh_offset
        for _ in range(sh_info):
            _, vn_cnt, _, vn_aux, vn_next = struct.unpack_from("<HHIII", data, need)
            aux = need + vn_aux
            for _ in range(vn_cnt):
                _, vna_flags, _, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                name = read_cstring(data, strtab + vna_name)
                if name.startswith("GLIBCXX_") and version_tuple(name[8:]) > ceiling:
                    if not vna_flags & VER_FLG_WEAK:
                        struct.pack_into("<H", data, aux + 4, vna_flags | VER_FLG_WEAK)
                        changed.append(name)
                if vna_next == 0:
                    break
                aux += vna_next
            if vn_next == 0:
                break
            need += vn_next
    if changed:
        # Replace rather than edit in place: the output copy may be a hard link into the package cache.
        temporary = path + ".weaken.tmp"
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, os.stat(path).st_mode)
        os.replace(temporary, path)
    return changed


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    ceiling = version_tuple(argv[2]) if len(argv) > 2 else (3, 4, 30)
    changed = weaken(argv[1], ceiling)
    label = ", ".join(changed) if changed else "nothing to change"
    print(f"weaken_glibcxx: {argv[1]}: {label}")


if __name__ == "__main__":
    main(sys.argv)
