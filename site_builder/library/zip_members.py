"""Reading an export ZIP's members into memory, within limits, trusting none of it.

Member names are never used as paths on disk (the importer names every file it writes),
but a name that climbs out (`../`, an absolute path, a drive) marks an export that was
not made by the service, and the whole export is refused. Sizes are checked as the
bytes are read, not as the header claims, so a zip bomb stops at the limit.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path, PurePosixPath

from site_builder.library.export_files import ExportError

# One member: the largest page HTML or metadata batch seen in real exports is a few MB.
MAX_MEMBER_BYTES = 64 * 1024 * 1024
# All members together, unpacked.
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_MEMBERS = 100_000
ZIP_MAGIC = b"PK\x03\x04"


def member_names(path: Path) -> list[str]:
    """The member names of a ZIP export, checked; raises ExportError."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [info.filename for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        raise ExportError(path, f"damaged ZIP: {err}") from None
    if len(names) > MAX_MEMBERS:
        raise ExportError(path, f"over {MAX_MEMBERS} files in the ZIP")
    for name in names:
        _check_name(path, name)
    return names


def read_members(path: Path) -> dict[str, bytes]:
    """Every member's bytes by name; raises ExportError for a damaged or hostile ZIP."""
    member_names(path)
    members: dict[str, bytes] = {}
    total = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                with archive.open(info) as member:
                    data = member.read(MAX_MEMBER_BYTES + 1)
                if len(data) > MAX_MEMBER_BYTES:
                    raise ExportError(path, f"{info.filename} unpacks to over the member limit")
                total += len(data)
                if total > MAX_TOTAL_BYTES:
                    raise ExportError(path, "unpacks to over the export limit (a zip bomb?)")
                members[info.filename] = data
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError) as err:
        raise ExportError(path, f"damaged ZIP: {err}") from None
    return members


def _check_name(path: Path, name: str) -> None:
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or ":" in name or "\x00" in name:
        raise ExportError(path, f"unsafe file name in the ZIP: {name!r}")
