"""The archive file: a tar.gz of the database copy, media/ and manifest.json."""

import hashlib
import io
import os
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .manifest import Manifest
from .media import media_digest

MANIFEST = "manifest.json"
MEDIA = "media"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore cannot go ahead; the message says why, naming no person."""


class ArchiveError(BackupError):
    """The archive is unreadable, incomplete or does not match its manifest."""


class _Hashing(io.RawIOBase):
    """Reads through to a file while hashing what passes."""

    def __init__(self, source: BinaryIO) -> None:
        self.source = source
        self.sha256 = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.sha256.update(data)
        return data


@contextmanager
def writing(path: Path) -> Iterator[tarfile.TarFile]:
    """A new archive readable by its owner only, in place only once complete."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, partial = tempfile.mkstemp(dir=path.parent, suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                yield tar
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def add_file(tar: tarfile.TarFile, source: Path, name: str) -> str:
    """Add one file under `name`; its sha256 as stored."""
    with source.open("rb") as handle:
        info = tar.gettarinfo(fileobj=handle, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mode = 0o600
        hashing = _Hashing(handle)
        tar.addfile(info, hashing)
    return hashing.sha256.hexdigest()


def add_bytes(tar: tarfile.TarFile, data: bytes, name: str) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def opened(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, mode="r:gz")
    except (OSError, tarfile.TarError) as error:
        raise ArchiveError(f"{path} is not a readable backup archive.") from error


def read_manifest(tar: tarfile.TarFile) -> Manifest:
    try:
        member = tar.getmember(MANIFEST)
        raw = tar.extractfile(member).read()
        return Manifest.from_json(raw)
    except (KeyError, AttributeError, tarfile.TarError, OSError) as error:
        raise ArchiveError("The archive has no readable manifest.json.") from error
    except ValueError as error:
        raise ArchiveError(f"The archive's manifest is not valid: {error}.") from error


def _media_path(name: str) -> PurePosixPath | None:
    """The path below media/ of a member, or None if it is not safely there."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or len(path.parts) < 2:
        return None
    if path.parts[0] != MEDIA:
        return None
    return PurePosixPath(*path.parts[1:])


def _copy(source: BinaryIO, target: Path) -> str:
    digest = hashlib.sha256()
    with target.open("xb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest()


def extract_verified(
    tar: tarfile.TarFile,
    manifest: Manifest,
    database_target: Path,
    media_target: Path | None,
) -> int:
    """Extract the database (and media, if a folder is given), checking every
    checksum against the manifest; the number of media files extracted."""
    database_sha = None
    media_entries: list[tuple[str, str]] = []
    for member in tar:
        if member.name == MANIFEST:
            continue
        if member.name == manifest.database_file and member.isfile():
            if database_sha is not None:
                raise ArchiveError("The archive holds the database twice.")
            database_sha = _copy(tar.extractfile(member), database_target)
            continue
        relative = _media_path(member.name)
        # Names are not echoed: an uploaded file's name may be a person's name.
        if relative is None or not member.isfile():
            raise ArchiveError(
                "The archive holds an unexpected entry (only the manifest, the "
                "database and regular files under media/ belong there)."
            )
        if not manifest.media.included:
            raise ArchiveError("The archive holds media files its manifest omits.")
        if media_target is None:
            continue
        target = media_target / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        media_entries.append((str(relative), _copy(tar.extractfile(member), target)))
    if database_sha is None:
        raise ArchiveError("The archive holds no database file.")
    if database_sha != manifest.database_sha256:
        raise ArchiveError(
            "The database file does not match the manifest's sha256 checksum: "
            "the archive is damaged or was altered."
        )
    if (
        media_target is not None
        and manifest.media.included
        and (
            len(media_entries) != manifest.media.files
            or media_digest(media_entries) != manifest.media.sha256
        )
    ):
        raise ArchiveError(
            "The media files do not match the manifest's sha256 checksum: "
            "the archive is damaged or was altered."
        )
    return len(media_entries)
