"""Build the POST data a browser sends from the article change form, inline bylines included."""

from django.utils import timezone


def article_form_data(*, authors=(), article=None, **fields):
    """A fresh form (or, with ``article``, the form as opened on that article) plus ``fields``."""
    data = {
        "kind": "news",
        "headline": "A headline",
        "slug": "",
        "deck": "A deck.",
        "body": "<p>Body.</p>",
        "summary": "",
        "regions": "",
        "topics": "",
        "lead_image": "",
        "publish_at_0": "",
        "publish_at_1": "",
        "review_note": "",
        "version": "0",
        "bylines-TOTAL_FORMS": str(len(authors)),
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
    }
    for position, author in enumerate(authors):
        data[f"bylines-{position}-author"] = str(author.pk)
        data[f"bylines-{position}-position"] = str(position)
    if article is not None:
        article.refresh_from_db()
        data.update(
            kind=article.kind,
            headline=article.headline,
            slug=article.slug,
            deck=article.deck,
            body=article.body,
            summary=article.summary,
            regions=", ".join(t.name for t in article.regions.all()),
            topics=", ".join(t.name for t in article.topics.all()),
            version=str(article.version),
            review_note=article.review_note,
        )
        if article.publish_at:
            local = timezone.localtime(article.publish_at)
            data.update(publish_at_0=local.strftime("%Y-%m-%d"), publish_at_1=local.strftime("%H:%M:%S"))
        existing = list(article.bylines.all())
        data["bylines-INITIAL_FORMS"] = data["bylines-TOTAL_FORMS"] = str(len(existing))
        for i, byline in enumerate(existing):
            data[f"bylines-{i}-id"] = str(byline.pk)
            data[f"bylines-{i}-article"] = str(article.pk)
            data[f"bylines-{i}-author"] = str(byline.author_id)
            data[f"bylines-{i}-position"] = str(byline.position)
    for prefix in ["corrections", "preview_links"]:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(fields)
    return data
