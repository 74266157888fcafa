"""`manage.py backup`: the database and media, as they are now, in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write the database (a consistent copy, taken while the site runs) and the "
        "media files to one tar.gz archive with a manifest. See README, Backups."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="Archive path (default: var/backups/cpd-<UTC time>.tar.gz).",
        )

    def handle(self, *args, output: Path | None = None, **options) -> None:
        try:
            result = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        if manifest.media.included:
            media = f"{manifest.media.files} media files"
        else:
            media = "no media files"
            self.stdout.write(self.style.WARNING(manifest.media.note))
        self.stdout.write(
            f"Backed up the {manifest.engine} database ({len(manifest.tables)} "
            f"tables, {manifest.rows} rows) and {media} to {result.path}"
        )
