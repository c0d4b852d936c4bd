"""Serving renditions when no bucket or CDN does it: the single-server setup (and ``make run``).

Only names under ``renditions/`` that look like a SHA-256 can be asked for, so originals are never
reachable. The name is the content's fingerprint, so it doubles as the ETag and the file can be
cached for a year. With ``IMAGES_X_ACCEL_REDIRECT_PREFIX`` set, nginx sends the bytes instead.
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.utils.http import parse_etags
from django.views.decorators.http import require_safe

from .renditions import MIME_TYPES, PREFIX

CACHE_FOREVER = "public, max-age=31536000, immutable"


@require_safe
def rendition(request, name):
    digest, _, extension = name.partition(".")
    if extension not in MIME_TYPES or len(digest) != 64:
        raise Http404
    etag = f'"{digest}"'
    headers = {"Cache-Control": CACHE_FOREVER, "ETag": etag, "X-Content-Type-Options": "nosniff"}
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        return HttpResponseNotModified(headers=headers)
    path = PREFIX + name
    if not default_storage.exists(path):
        raise Http404
    if prefix := settings.IMAGES_X_ACCEL_REDIRECT_PREFIX:
        return HttpResponse(
            headers={**headers, "Content-Type": MIME_TYPES[extension], "X-Accel-Redirect": prefix + path}
        )
    return FileResponse(default_storage.open(path, "rb"), content_type=MIME_TYPES[extension], headers=headers)
