"""Readable comparisons between two saved revisions of an article, bylines and tags included."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from authors.models import Author
from images.models import Image

from .models import Byline, Region, TaggedRegion, TaggedTopic, Topic

TEXT_FIELDS = [
    ("headline", "Headline"),
    ("slug", "Slug"),
    ("deck", "Deck"),
    ("summary", "Summary"),
    ("body", "Body"),
    ("lead_image_id", "Lead image"),
]


@dataclass
class FieldChange:
    label: str
    diff: SafeString


def snapshot(version) -> dict[str, str]:
    """What an editor would read in one revision, field by field, as plain text."""
    fields = version.field_dict
    data = {label: str(fields.get(name) or "") for name, label in TEXT_FIELDS}
    if image_id := fields.get("lead_image_id"):
        image = Image.objects.filter(pk=image_id).first()
        data["Lead image"] = f"{image.alt_text} (#{image_id})" if image else f"(deleted image #{image_id})"
    data["Body"] = "\n".join(
        strip_tags(block).strip() for block in re.split(r"</(?:p|h[2-4]|li|blockquote)>", data["Body"])
    ).strip()

    rows = related_rows(version)
    authors = Author.objects.in_bulk([b["author_id"] for b in rows[Byline]])
    data["Bylines"] = ", ".join(
        authors[b["author_id"]].name if b["author_id"] in authors else "(deleted author)" for b in rows[Byline]
    )
    for label, through, tag_model in [("Regions", TaggedRegion, Region), ("Topics", TaggedTopic, Topic)]:
        tags = tag_model.objects.in_bulk([link["tag_id"] for link in rows[through]])
        data[label] = ", ".join(sorted(tag.name for tag in tags.values()))
    return data


def related_rows(version) -> dict:
    """The bylines (in order) and tag links saved in the same revision as ``version``, as field dicts."""
    rows = {Byline: [], TaggedRegion: [], TaggedTopic: []}
    for other in version.revision.version_set.select_related("content_type"):
        model = other.content_type.model_class()
        if model in rows:
            rows[model].append(other.field_dict)
    rows[Byline].sort(key=lambda b: (b["position"], b["id"]))
    return rows


LIST_FIELDS = {"Bylines", "Regions", "Topics"}


# Bounds on the compare page's cost. Paragraphs are matched first (cheap: one hash per
# paragraph); only paragraphs that changed are compared word by word, and only while both sides are
# small. Beyond the caps the page shows whole paragraphs removed and added, which stays readable
# and costs linear time whatever the size of the article.
WORD_DIFF_MAX_WORDS = 1_500
TOTAL_WORD_DIFF_MAX_WORDS = 60_000


def _marked(removed: str, added: str) -> str:
    return (f"<del>{escape(removed)}</del>" if removed else "") + (f"<ins>{escape(added)}</ins>" if added else "")


def _word_diff(old: str, new: str, separator: str) -> str:
    old_parts, new_parts = re.split(separator, old), re.split(separator, new)
    html = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_parts, new_parts, autojunk=False).get_opcodes():
        removed, added = "".join(old_parts[i1:i2]), "".join(new_parts[j1:j2])
        html.append(escape(removed) if op == "equal" else _marked(removed, added))
    return "".join(html)


def marked_diff(old: str, new: str, separator: str = r"(\s+)") -> SafeString:
    """Removed pieces in <del>, added ones in <ins>. Pieces are words, or whole items for bylines
    and tags; paragraphs (lines) are matched first and stay apart."""
    old_paras, new_paras = old.split("\n"), new.split("\n")
    word_budget = TOTAL_WORD_DIFF_MAX_WORDS
    html = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_paras, new_paras, autojunk=False).get_opcodes():
        removed, added = "\n".join(old_paras[i1:i2]), "\n".join(new_paras[j1:j2])
        if op == "equal":
            html.append(escape(removed))
            continue
        words = len(removed.split()) + len(added.split())
        if op == "replace" and words <= WORD_DIFF_MAX_WORDS and words <= word_budget:
            word_budget -= words
            html.append(_word_diff(removed, added, separator))
        else:
            html.append(_marked(removed, added))
    return mark_safe("\n".join(html).replace("\n", "<br>"))


def compare(older, newer) -> list[FieldChange]:
    before, after = snapshot(older), snapshot(newer)
    return [
        FieldChange(label, marked_diff(before[label], after[label], r"(, )" if label in LIST_FIELDS else r"(\s+)"))
        for label in after
        if before[label] != after[label]
    ]
