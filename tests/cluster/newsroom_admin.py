"""What an editor does in the admin, over HTTP, for the cluster tests: upload an image, write and
publish an article, add a correction. Each returns what later checks need."""

import io
import re
import secrets
from datetime import datetime

from PIL import Image as PILImage

from tests.cluster.browser import assert_saved

ARTICLE_FORM = "article_form"


def upload_image(editor, alt_text):
    """A fresh JPEG through the media library's add form; returns the image's id."""
    picture = io.BytesIO()
    PILImage.new("RGB", (800, 450), (secrets.randbelow(256), 90, 160)).save(picture, "JPEG")
    files = {"file": ("cluster.jpg", picture.getvalue(), "image/jpeg")}
    changes = {"alt_text": alt_text, "caption": "Shot for the cluster test", "credit": "Cluster"}
    saved = assert_saved(editor.submit("/admin/images/image/add/", "image_form", changes, "_continue", files=files))
    return int(re.search(r"/images/image/(\d+)/change/", saved.headers["Location"]).group(1))


def write_article(editor, headline, *, button="_publish", publish_at: datetime | None = None, **fields):
    """A new article by the editor (their byline comes with the form); published now by default,
    scheduled with ``publish_at`` (UTC, the cluster's TIME_ZONE). Returns (id, slug)."""
    slug = "cluster-" + secrets.token_hex(5)
    changes = {"headline": headline, "slug": slug, "deck": "Written on one instance.", "body": "<p>Cluster.</p>"}
    if publish_at:
        changes |= {"publish_at_0": publish_at.strftime("%Y-%m-%d"), "publish_at_1": publish_at.strftime("%H:%M:%S")}
    changes |= fields
    saved = assert_saved(editor.submit("/admin/articles/article/add/", ARTICLE_FORM, changes, button))
    return int(re.search(r"/articles/article/(\d+)/change/", saved.headers["Location"]).group(1)), slug


def edit_article(editor, article_id, **changes):
    path = f"/admin/articles/article/{article_id}/change/"
    return assert_saved(editor.submit(path, ARTICLE_FORM, changes, "_continue"))


def add_correction(editor, article_id, note):
    changes = {"corrections-TOTAL_FORMS": "1", "corrections-0-kind": "correction", "corrections-0-note": note}
    return edit_article(editor, article_id, **changes)
