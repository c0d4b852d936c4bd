from django.utils.text import slugify


def unique_slug(instance, source: str, *, field: str = "slug", max_length: int = 200) -> str:
    """A slug from ``source`` that no other row of the model holds yet ("name", "name-2", ...).

    Only used to fill a blank slug; a slug typed by an editor is kept as typed and a clash is
    reported by the form's uniqueness check instead of being silently renamed.
    """
    base = slugify(source)[: max_length - 4].strip("-") or "item"
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    candidate, n = base, 2
    while others.filter(**{field: candidate}).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate
