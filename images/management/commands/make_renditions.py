from django.core.management.base import BaseCommand

from images import renditions
from images.models import Image


class Command(BaseCommand):
    """Make any missing renditions: after restoring storage from a backup, or after changing
    ``images.renditions`` (bump its VERSION to re-make every file under new names)."""

    help = "Make every missing rendition of every library image. Existing files are left alone."

    def handle(self, *args, verbosity, **options):
        made = 0
        for image in Image.objects.iterator():
            made += len(renditions.generate(image))
        if verbosity:
            self.stdout.write(f"{made} renditions made.")
