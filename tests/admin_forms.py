"""Build the POST data a browser sends from the article change form, inline bylines included."""

from articles.models import Article


def article_form_data(*, authors=(), **fields):
    data = {
        "headline": "A headline",
        "slug": "",
        "deck": "A deck.",
        "body": "<p>Body.</p>",
        "summary": "",
        "regions": "",
        "topics": "",
        "lead_image_alt": "",
        "lead_image_caption": "",
        "lead_image_credit": "",
        "status": Article.Status.DRAFT,
        "publish_at_0": "",
        "publish_at_1": "",
        "bylines-TOTAL_FORMS": str(len(authors)),
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
    }
    for position, author in enumerate(authors):
        data[f"bylines-{position}-author"] = str(author.pk)
        data[f"bylines-{position}-position"] = str(position)
    data.update(fields)
    return data
