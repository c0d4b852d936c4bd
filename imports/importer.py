"""Bringing a parsed WordPress export (``imports.wxr``) into Newsroom, idempotently.

This is the one import path, and like the demo loader it writes the publication state directly
(``status``, ``publish_at``) instead of going through ``articles.workflow``: the workflow's
transitions record an editor's decision, while an import restores decisions already taken on
WordPress (a post published in 2010 stays published in 2010). ``Article.save`` still fills the
publication dates and runs the sanitiser, and each saved article gets a revision saying it came
from the import.

Everything runs in one transaction (``run`` is called inside ``transaction.atomic``); library
files written by an import that is rolled back (dry run or error) are deleted afterwards.
"""

import hashlib
import html
import json
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC
from pathlib import Path
from urllib.parse import unquote, urlsplit

import reversion
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models import Article, Byline, Region, Topic
from authors.models import Author
from images.models import Image
from newsroom.slugs import slugify, unique_slug
from newsroom.text import normalize_line, normalize_text

from . import content as wp_content
from .models import LegacyPath, WordPressAttachment, WordPressAuthor, WordPressPost

STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # published with a future publish_at: scheduled
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.REVIEW,
}
SKIPPED_STATUSES = {"private": "private post", "trash": "in the trash", "auto-draft": "an unsaved auto-draft"}
KINDS = ("posts", "authors", "regions", "topics", "images")
OUTCOMES = ("imported", "updated", "unchanged", "skipped")
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")


@dataclass
class Report:
    counts: dict = field(default_factory=lambda: {kind: dict.fromkeys(OUTCOMES, 0) for kind in KINDS})
    warnings: list = field(default_factory=list)  # (post label, message)
    notes: list = field(default_factory=list)  # (post label, why skipped)
    ignored: dict = field(default_factory=lambda: defaultdict(int))  # other item types

    def count(self, kind, outcome):
        self.counts[kind][outcome] += 1

    def lines(self) -> list[str]:
        lines = [f"{'':10}" + "".join(f"{outcome:>11}" for outcome in OUTCOMES)]
        for kind in KINDS:
            lines.append(f"{kind:10}" + "".join(f"{self.counts[kind][o]:>11}" for o in OUTCOMES))
        if self.ignored:
            others = ", ".join(f"{n} {kind}" for kind, n in sorted(self.ignored.items()))
            lines.append(f"Not imported (not posts): {others}.")
        if self.notes:
            lines.append(f"Skipped posts ({len(self.notes)}):")
            lines += [f"  {label}: {note}" for label, note in self.notes]
        lines.append(f"Warnings ({len(self.warnings)}):")
        lines += [f"  {label}: {message}" for label, message in self.warnings]
        return lines


class Importer:
    def __init__(self, export, *, media_dir=None, regions_from="category"):
        self.export = export
        self.media_dir = Path(media_dir) if media_dir else None
        self.regions_from = regions_from
        self.report = Report()
        self.written_files = []  # storage names, deleted if the transaction rolls back
        self.attachments = {item.post_id: item for item in export.items if item.post_type == "attachment"}
        self.attachment_by_url = {}
        for item in self.attachments.values():
            for url in (item.attachment_url, item.guid):
                if url:
                    self.attachment_by_url[_url_key(url)] = item.post_id

    def posts(self):
        posts = [item for item in self.export.items if item.post_type == "post"]
        self.post_ids = {item.post_id for item in posts}
        self.guid_counts = Counter(item.guid for item in posts)
        for item in self.export.items:
            if item.post_type != "post":
                self.report.ignored[item.post_type or "untyped"] += 1
        return posts

    def prepare(self):
        self.authors = self.import_authors()
        region_domain = "category" if self.regions_from == "category" else "post_tag"
        topic_domain = "post_tag" if region_domain == "category" else "category"
        terms = {"category": self.export.categories, "post_tag": self.export.tags}
        self.vocabulary = {
            region_domain: self.import_terms(terms[region_domain], Region, "regions", tree=region_domain == "category"),
            topic_domain: self.import_terms(terms[topic_domain], Topic, "topics", tree=False),
        }

    # --- vocabularies and authors ----------------------------------------------------------------

    def import_terms(self, terms, model, kind, *, tree):
        """Terms by slug -> tag; with ``tree``, a category's parent becomes the region's parent."""
        by_slug = {term.slug: term for term in terms}
        made = {}

        def tag_for(term, seen=()):
            if term.slug in made:
                return made[term.slug]
            parent = None
            if tree and term.parent in by_slug and term.parent not in seen:
                parent = tag_for(by_slug[term.parent], (*seen, term.slug))
            name = normalize_line(html.unescape(term.name))[:100] or term.slug
            wanted = slugify(term.slug)[:100]
            # The term's own address first, so a re-run finds what the last one made.
            tag = model.objects.filter(slug=wanted).first() if wanted else None
            if tag is None:
                tag = model.objects.filter(name__iexact=name).first()
                if tag is not None and tree and tag.parent_id != (parent.pk if parent else None):
                    # Names are unique but WordPress allows "Foo A" twice in different places
                    # (Georgia the country, Georgia the state): keep both, told apart by the parent.
                    name = f"{name} ({parent.name})" if parent else f"{name} ({term.slug})"
                    self.report.warnings.append(
                        (f"category {term.slug}", f"Another region is called {tag.name!r}; named {name!r}.")
                    )
                    tag = model.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = model(name=name)
                if wanted and not model.objects.filter(slug=wanted).exists():
                    tag.slug = wanted
                if tree:
                    tag.parent = parent
                tag.save()
                self.report.count(kind, "imported")
            elif tree and parent is not None and tag.parent_id != parent.pk and not parent.path.startswith(tag.path):
                tag.parent = parent
                tag.save()
                self.report.count(kind, "updated")
            else:
                self.report.count(kind, "unchanged")
            made[term.slug] = tag
            return tag

        for term in terms:
            tag_for(term)
        return made

    def import_authors(self):
        authors = {}
        for login, wp_author in self.export.authors.items():
            authors[login] = self.author_for(login, wp_author.display_name)
        return authors

    def author_for(self, login, display_name):
        name = normalize_line(html.unescape(display_name))[:120] or login
        mapping = WordPressAuthor.objects.select_related("author").filter(login=login).first()
        if mapping is None:
            author = Author.objects.create(name=name)
            WordPressAuthor.objects.create(login=login, author=author)
            self.report.count("authors", "imported")
            return author
        if mapping.author.name != name:
            mapping.author.name = name
            mapping.author.save()
            self.report.count("authors", "updated")
        else:
            self.report.count("authors", "unchanged")
        return mapping.author

    def byline_for(self, item, warn):
        """Co-Authors Plus terms (``domain="author"``, in order) when present, else the post's creator."""
        logins = [(nicename, name) for domain, nicename, name in item.categories if domain == "author"]
        authors = []
        for nicename, name in logins:
            login = nicename.removeprefix("cap-")
            if login not in self.authors:
                self.authors[login] = self.author_for(login, name or login)
            authors.append(self.authors[login])
        if not authors and item.creator:
            if item.creator not in self.authors:
                warn(f"Author {item.creator!r} is not among the export's authors; added by login.")
                self.authors[item.creator] = self.author_for(item.creator, item.creator)
            authors.append(self.authors[item.creator])
        return list(dict.fromkeys(authors))

    # --- images ----------------------------------------------------------------------------------

    def image_for_attachment(self, post_id, warn):
        mapping = WordPressAttachment.objects.filter(post_id=post_id).first()
        if mapping is not None:
            return mapping.image_id
        attachment = self.attachments.get(post_id)
        if attachment is None:
            warn(f"Attachment {post_id} is not in the export.")
            return None
        relative = attachment.meta.get("_wp_attached_file") or _uploads_path(attachment.attachment_url)
        source = self.media_dir / relative if self.media_dir and relative else None
        if source is None or not source.is_file():
            where = f"in {self.media_dir}" if self.media_dir else "(no --media-dir given)"
            warn(f"Image file {relative or attachment.attachment_url} not found {where}; left out.")
            return None
        alt = attachment.meta.get("_wp_attachment_image_alt") or strip_tags(attachment.title) or "Image"
        image = Image(
            file=ContentFile(source.read_bytes(), name=source.name),
            alt_text=normalize_line(html.unescape(alt))[:250],
            caption=normalize_line(html.unescape(strip_tags(attachment.excerpt)))[:300],
        )
        try:
            image.save()
        except ValidationError as error:
            warn(f"Image file {relative} is not a usable image ({'; '.join(error.messages)}); left out.")
            return None
        self.written_files += image.stored_files()
        WordPressAttachment.objects.create(post_id=post_id, image=image)
        self.report.count("images", "imported")
        return image.pk

    def image_for_src(self, src, warn):
        post_id = self.attachment_by_url.get(_url_key(src))
        if post_id is None:
            warn(f"Image {src or '(no src)'} is not an attachment in the export; left out.")
            return None
        return self.image_for_attachment(post_id, warn)

    # --- posts -----------------------------------------------------------------------------------

    def import_post(self, item):
        label = f'post {item.post_id} "{normalize_line(strip_tags(html.unescape(item.title))) or "(no title)"}"'

        def warn(message):
            if (label, message) not in self.report.warnings:  # a gallery repeats its images
                self.report.warnings.append((label, message))

        if item.status not in STATUSES:
            why = SKIPPED_STATUSES.get(item.status, f"status {item.status!r}")
            self.report.notes.append((label, f"not imported: {why}"))
            self.report.count("posts", "skipped")
            return
        mapping = self.mapping_for(item)
        source_hash = self.source_hash(item)
        if mapping is not None and mapping.source_hash == source_hash:
            self.report.count("posts", "unchanged")
            return
        article = mapping.article if mapping else Article()
        self.fill_article(article, item, warn)
        byline = self.byline_for(item, warn)
        tags = {domain: [] for domain in self.vocabulary}
        for domain, nicename, _name in item.categories:
            if domain in self.vocabulary and nicename in self.vocabulary[domain]:
                tags[domain].append(self.vocabulary[domain][nicename])
        region_domain = "category" if self.regions_from == "category" else "post_tag"
        topic_domain = "post_tag" if region_domain == "category" else "category"
        with reversion.create_revision():
            reversion.set_comment(f"Imported from WordPress (post {item.post_id}).")
            article.save()
            article.bylines.all().delete()
            Byline.objects.bulk_create(
                [Byline(article=article, author=author, position=n) for n, author in enumerate(byline)]
            )
            article.regions.set(list(dict.fromkeys(tags[region_domain])))
            article.topics.set(list(dict.fromkeys(tags[topic_domain])))
        WordPressPost.objects.update_or_create(
            post_id=item.post_id, defaults={"guid": item.guid, "article": article, "source_hash": source_hash}
        )
        for path in self.legacy_paths(item):
            LegacyPath.objects.update_or_create(path=path, defaults={"article": article})
        self.report.count("posts", "updated" if mapping else "imported")

    def mapping_for(self, item):
        """By post id; failing that by GUID, when the GUID is unique in the export and its earlier
        post id is not (the same post, renumbered by a site move). Exports do repeat GUIDs."""
        mappings = WordPressPost.objects.select_related("article")
        mapping = mappings.filter(post_id=item.post_id).first()
        if mapping is None and item.guid and self.guid_counts[item.guid] == 1:
            mapping = mappings.filter(guid=item.guid).exclude(post_id__in=self.post_ids).first()
        return mapping

    def fill_article(self, article, item, warn):
        headline = normalize_line(strip_tags(html.unescape(item.title)))[:200]
        if not headline:
            headline = f"Untitled (WordPress post {item.post_id})"
            warn(f"No title; imported as {headline!r}.")
        article.headline = headline
        wanted = slugify(item.slug or headline)[:200].strip("-") or unique_slug(article, headline)
        if Article.objects.filter(slug=wanted).exclude(pk=article.pk).exists():
            wanted = unique_slug(article, wanted)
            warn(f"Slug {item.slug!r} is taken by another article; imported as {wanted!r}.")
        article.slug = wanted
        article.body = wp_content.convert(
            item.content,
            resolve_image=lambda src, alt: self.image_for_src(src, warn),
            warn=warn,
        )
        article.summary = normalize_text(html.unescape(strip_tags(item.excerpt)))
        thumbnail = item.meta.get("_thumbnail_id", "")
        article.lead_image_id = self.image_for_attachment(int(thumbnail), warn) if thumbnail.isdigit() else None
        article.status = STATUSES[item.status]
        when = _aware(item)
        if article.status == Article.Status.PUBLISHED:
            article.publish_at = when or timezone.now()
            article.first_published_at = article.publish_at
        else:
            article.publish_at = None
            article.first_published_at = None

    def source_hash(self, item):
        source = asdict(item) | {"regions_from": self.regions_from, "media": str(self.media_dir or "")}
        return hashlib.sha256(json.dumps(source, sort_keys=True, default=str).encode()).hexdigest()

    @staticmethod
    def legacy_paths(item):
        """The post's ``link`` path and its date permalink (``/2015/01/27/slug/``), decoded."""
        paths = set()
        link = urlsplit(item.link)
        if link.path not in ("", "/") and not link.query:
            paths.add(_with_slash(unquote(link.path)))
        if item.slug and item.date_local:
            paths.add(f"/{item.date_local:%Y/%m/%d}/{item.slug}/")
        return sorted(paths)


def _aware(item):
    if item.date_gmt:
        return item.date_gmt.replace(tzinfo=UTC)
    if item.date_local:
        return timezone.make_aware(item.date_local)
    return None


def _with_slash(path):
    return path if path.endswith("/") else f"{path}/"


def _uploads_path(url):
    path = unquote(urlsplit(url).path)
    return path.split("/uploads/", 1)[-1].lstrip("/") if path else ""


def _url_key(url):
    """Host-free path without query or WordPress's size suffix: ``2013/03/a-300x200.jpg`` -> ``2013/03/a.jpg``."""
    path = unquote(urlsplit(html.unescape(url)).path).split("/uploads/", 1)[-1]
    return SIZE_SUFFIX.sub("", path.lstrip("/"))


def run(export, *, media_dir=None, regions_from="category", progress=lambda items: items) -> Importer:
    importer = Importer(export, media_dir=media_dir, regions_from=regions_from)
    importer.prepare()
    for item in progress(importer.posts()):
        importer.import_post(item)
    return importer
