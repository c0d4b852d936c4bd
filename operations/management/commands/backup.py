from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations import backups


class Command(BaseCommand):
    help = (
        "Back up the database and the media files into a new folder (default BACKUP_DIR/<UTC time>/) "
        "with a manifest of row counts, migrations and file checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="The folder to create (default: BACKUP_DIR/YYYY-MM-DDTHHMMSSZ)."
        )
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, output, database, verbosity, **options):
        folder = output or backups.default_folder()
        try:
            manifest = backups.create(folder, using=database, progress=verbosity > 0 and self.stderr.isatty())
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity:
            db = manifest["database"]
            files = manifest["media"]["files"]
            self.stdout.write(
                f"Backed up {db['engine']} ({len(db['row_counts'])} tables, {sum(db['row_counts'].values())} rows) "
                f"and {len(files)} media files ({sum(f['size'] for f in files)} bytes) into {folder}"
            )
