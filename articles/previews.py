"""Rendering an unpublished article for the people allowed to see it, with the public template.

Previews are never indexed or cached anywhere: the article may change or never be published.
"""

from django.template.response import TemplateResponse

from .regions import trails


def preview_response(request, article, *, note: str) -> TemplateResponse:
    response = TemplateResponse(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "object": article,
            "preview_note": note,
            "region_trails": trails(article.region_tags),
        },
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
