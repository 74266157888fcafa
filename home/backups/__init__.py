"""Back up the database and media into one archive, and restore it (README "Backups")."""

from .archive import ArchiveError, BackupError
from .create import BackupResult, create_backup, default_archive_path
from .restore import RestoreResult, TargetNotEmpty, restore_backup
from .sqlite import DatabaseInUse

__all__ = [
    "ArchiveError",
    "BackupError",
    "BackupResult",
    "DatabaseInUse",
    "RestoreResult",
    "TargetNotEmpty",
    "create_backup",
    "default_archive_path",
    "restore_backup",
]
