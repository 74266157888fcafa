"""`manage.py restore ARCHIVE`: check an archive, then restore database and media."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a `manage.py backup` archive after checking its checksums. Stop the "
        "site and its task workers first. Refuses a database that has tables, or a "
        "media folder that has files, unless --force is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database and media folder that already have content.",
        )

    def handle(self, *args, archive: Path, force: bool = False, **options) -> None:
        try:
            result = restore_backup(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            f"Restored the {manifest.engine} database backed up at "
            f"{manifest.created_at}."
        )
        self.stdout.write(f"Integrity: {result.integrity}")
        self.stdout.write("Rows per table (restored, archive):")
        for table, expected in sorted(manifest.tables.items()):
            restored = result.counts.get(table)
            mark = "" if restored == expected else "  MISMATCH"
            self.stdout.write(f"  {table}: {restored} ({expected}){mark}")
        if result.media_files is not None:
            self.stdout.write(f"Media files restored: {result.media_files}")
        for note in result.notes:
            self.stdout.write(self.style.WARNING(note))
        if result.mismatches or not result.integrity.startswith("ok"):
            raise CommandError(
                f"{len(result.mismatches)} tables differ from the archive's counts "
                "or the integrity check failed: do not start the site on this copy."
            )
        self.stdout.write(
            self.style.SUCCESS(
                "Row counts match the archive. Run `manage.py migrate` if this code "
                "is newer than the backup, then start the site."
            )
        )
