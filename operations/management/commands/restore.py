from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations import backups


class Command(BaseCommand):
    help = (
        "Restore a backup folder into an empty database and media storage, then verify every row count "
        "and file checksum. Refuses a target that holds data unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="A folder written by `manage.py backup`.")
        parser.add_argument(
            "--force", action="store_true", help="Overwrite a database with rows and files already in the storage."
        )
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, folder, force, database, verbosity, **options):
        try:
            report = backups.restore(
                folder, force=force, using=database, progress=verbosity > 0 and self.stderr.isatty()
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        if report.unknown_migrations:
            self.stderr.write(
                "The backup comes from newer code (migrations unknown here: "
                + ", ".join(report.unknown_migrations)
                + "); deploy that code before serving."
            )
        if not report.ok:
            raise CommandError("Restored, but verification failed:\n  " + "\n  ".join(report.problems))
        if verbosity:
            self.stdout.write(
                f"Restored and verified {report.tables} tables ({report.rows} rows) and {report.files} media files "
                f"from {folder}."
            )
            if report.migrations_to_apply:
                self.stdout.write(
                    f"{len(report.migrations_to_apply)} migration(s) are newer than the backup: run manage.py migrate."
                )
