from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from imports import importer, wxr


class DryRun(Exception):
    """Raised inside the transaction to roll back a dry run."""


class Command(BaseCommand):
    help = "Import a WordPress export (WXR): posts, authors, categories and tags, images and old addresses."

    def add_arguments(self, parser):
        parser.add_argument("export", help="The WXR file made by WordPress (Tools > Export).")
        parser.add_argument("--media-dir", help="A copy of wp-content/uploads, where images are read from.")
        parser.add_argument(
            "--regions-from",
            choices=["category", "post_tag"],
            default="category",
            help="Which WordPress taxonomy becomes regions (the other becomes topics). Default: category.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; change nothing.")

    def handle(self, *args, export, media_dir, regions_from, dry_run, **options):
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a directory.")
        try:
            parsed = wxr.parse(export)
        except wxr.WXRError as error:
            raise CommandError(f"{export}: {error} Nothing was imported.") from None

        def progress(items):
            return tqdm(items, desc="WordPress posts", unit="post", disable=not options["verbosity"], file=self.stderr)

        run = None
        try:
            with transaction.atomic():
                run = importer.run(parsed, media_dir=media_dir, regions_from=regions_from, progress=progress)
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        except Exception:
            self._delete_files(run)
            raise
        if dry_run:
            self._delete_files(run)
        heading = f"WordPress import of {Path(export).name}" + (" (dry run: nothing was saved)" if dry_run else "")
        self.stdout.write("\n".join([heading, *run.report.lines()]))

    @staticmethod
    def _delete_files(run):
        for name in run.written_files if run else []:
            default_storage.delete(name)
