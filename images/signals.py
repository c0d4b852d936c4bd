"""Files follow their rows: once a deleted image's transaction commits, its original and renditions go."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Image, delete_files


@receiver(post_delete, sender=Image)
def delete_image_files(sender, instance, **kwargs):
    names = instance.stored_files()
    transaction.on_commit(lambda: delete_files(names))
