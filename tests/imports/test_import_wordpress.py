import io
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from PIL import Image as PILImage

from articles.models import Article, Region, Topic
from authors.models import Author
from images.models import Image
from imports import wxr
from imports.models import LegacyPath, WordPressPost

from .wxr_samples import BILLION_LAUGHS, EXTERNAL_ENTITY, NOT_WXR, THEME_UNIT_TEST, export, post

needs_fixture = pytest.mark.skipif(
    not THEME_UNIT_TEST.exists(), reason="WordPress's theme unit test export is not available beside the project"
)


def run_import(path, *args):
    out = io.StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def media_dir(tmp_path):
    """Two of the export's uploads: the featured image of post 1011 and the captioned photo of 1163."""
    for name in ["2013/03/featured-image-horizontal.jpg", "2008/06/100_5478.jpg"]:
        target = tmp_path / "uploads" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        PILImage.new("RGB", (80, 60), "teal").save(target, "JPEG")
    return tmp_path / "uploads"


@pytest.fixture
def imported(db, media_dir):
    return run_import(THEME_UNIT_TEST, "--media-dir", str(media_dir))


def article(post_id):
    return Article.objects.get(wordpress_post__post_id=post_id)


@needs_fixture
def test_every_post_is_accounted_for_in_the_report(imported):
    posts = [item for item in wxr.parse(THEME_UNIT_TEST).items if item.post_type == "post"]
    assert len(posts) == 58
    assert "posts              58          0          0          0" in imported
    assert Article.objects.count() == WordPressPost.objects.count() == 58
    assert "regions            68          0          0          0" in imported
    assert "Not imported (not posts): 37 attachment, 70 nav_menu_item, 21 page." in imported
    assert 'post 555 "Post Format: Gallery": Shortcode [gallery] removed.' in imported


@needs_fixture
def test_statuses_and_dates(imported):
    assert Article.objects.published().count() == 56
    scheduled = article(1153)
    assert scheduled.is_scheduled and scheduled.publish_at == datetime(2030, 1, 1, 19, 0, 18, tzinfo=UTC)
    assert article(1164).status == Article.Status.DRAFT and article(1164).publish_at is None
    live = article(1163)
    assert live.publish_at == datetime(2010, 8, 7, 13, 0, 19, tzinfo=UTC) == live.first_published_at
    assert live.slug == "post-format-image-caption"


@needs_fixture
def test_categories_become_the_region_tree_and_tags_topics(imported):
    grandchild = Region.objects.get(name="Child 2")
    assert [grandchild.parent.name, grandchild.parent.parent.name] == ["Child 1", "Parent"]
    assert grandchild.depth == 2
    # WordPress has two "Foo A" categories; region names are unique, so the second is told apart.
    assert Region.objects.get(name="Foo A").parent is None
    assert Region.objects.get(name="Foo A (Foo Parent)").parent.name == "Foo Parent"
    assert Topic.objects.filter(name="Post Formats").exists() and Region.objects.filter(name="Post Formats").exists()
    parent = Region.objects.get(name="Parent")
    tagged_below = Article.objects.filter(regions__name="Child 2")
    assert tagged_below.exists()
    assert set(tagged_below) <= set(Article.objects.in_region(parent))


@needs_fixture
def test_bylines_are_the_export_authors_by_display_name(imported):
    assert set(Author.objects.values_list("name", flat=True)) == {"Theme Buster", "Theme Reviewer"}
    assert article(1749).byline_text == "Theme Reviewer"
    assert article(358).byline_text == "Theme Buster"


@needs_fixture
def test_caption_becomes_a_library_figure_and_featured_image_the_lead(imported):
    body = article(1163).body
    assert '<figure class="figure">' in body and "<figcaption>Bell on wharf in San Francisco</figcaption>" in body
    assert "[caption" not in body
    assert article(1011).lead_image is not None
    assert Image.objects.count() == 2
    assert "not found in" in imported  # the uploads that were not copied are warnings, not failures


@needs_fixture
def test_old_addresses_redirect_to_public_articles_only(imported, client):
    new = "/articles/post-format-image-caption/"
    for old in ["/2010/08/07/post-format-image-caption/", "/?p=1163"]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
    # The post's own link, which differs from its date permalink here.
    assert client.get("/wp-6-1-theme-block-category/")["Location"] == "/articles/theme-block-category/"
    assert client.get(new).status_code == 200
    for hidden in ["/2030/01/01/scheduled/", "/2020/01/01/scheduled/", "/?p=1153", "/?p=1164", "/?p=999999"]:
        assert client.get(hidden).status_code == 404, hidden
    assert client.get("/no/such/old/page/").status_code == 404
    assert client.get("/2010/08/07/post-format-image-caption")["Location"] == new  # without its slash too


@needs_fixture
def test_a_second_run_changes_nothing(imported, media_dir):
    def state():
        return {
            "articles": list(Article.objects.order_by("pk").values_list("pk", "version", "slug", "status")),
            "regions": list(Region.objects.order_by("pk").values_list("pk", "parent_id", "path")),
            "topics": Topic.objects.count(),
            "authors": list(Author.objects.order_by("pk").values_list("pk", "version")),
            "images": Image.objects.count(),
            "paths": LegacyPath.objects.count(),
        }

    before = state()
    report = run_import(THEME_UNIT_TEST, "--media-dir", str(media_dir))
    assert "posts               0          0         58          0" in report
    assert state() == before


def test_a_changed_post_is_updated_not_duplicated(db, tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(export(post(10, title="First title"), post(11)))
    run_import(path)
    path.write_text(export(post(10, title="Better title"), post(11)))
    report = run_import(path)
    assert "posts               0          1          1          0" in report
    assert list(Article.objects.order_by("pk").values_list("headline", flat=True)) == ["Better title", "A post"]


def test_statuses_map_and_private_and_trash_are_skipped_with_a_note(db, tmp_path):
    path = tmp_path / "export.xml"
    statuses = ["publish", "future", "draft", "pending", "private", "trash"]
    path.write_text(export(*(post(n, status=status) for n, status in enumerate(statuses, start=1))))
    report = run_import(path)
    assert "posts               4          0          0          2" in report
    assert 'post 5 "A post": not imported: private post' in report
    assert 'post 6 "A post": not imported: in the trash' in report
    assert dict(Article.objects.values_list("wordpress_post__post_id", "status")) == {
        1: "published",
        2: "published",
        3: "draft",
        4: "review",
    }


def test_regions_can_come_from_tags(db, tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(export(post(1)))
    run_import(path, "--regions-from", "post_tag")
    article = Article.objects.get()
    assert [r.name for r in article.regions.all()] == ["Energy"]
    assert [t.name for t in article.topics.all()] == ["Iraq"]
    assert not Region.objects.filter(parent__isnull=False).exists()  # tags have no tree


def test_co_authors_plus_bylines_keep_their_order(db, tmp_path):
    path = tmp_path / "export.xml"
    guests = (
        '<category domain="author" nicename="cap-omar"><![CDATA[omar]]></category>'
        '<category domain="author" nicename="cap-guest-writer"><![CDATA[Guest Writer]]></category>'
        '<category domain="author" nicename="cap-lina"><![CDATA[lina]]></category>'
    )
    path.write_text(export(post(1, extra=guests)))
    run_import(path)
    assert Article.objects.get().byline_text == "Omar Said, Guest Writer and Lina Haddad"


def test_slugs_are_percent_decoded_through_the_slug_policy(db, tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(export(post(1, slug="%d0%bc%d0%be%d1%81%d0%ba%d0%b2%d0%b0"), post(2, slug="")))
    run_import(path)
    assert set(Article.objects.values_list("slug", flat=True)) == {"москва", "a-post"}
    assert LegacyPath.objects.filter(path="/2015/01/27/москва/").exists()


def test_classic_text_gets_paragraphs(db, tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(export(post(1, content="First line\nsecond line\n\n<script>x()</script>Second")))
    run_import(path)
    assert Article.objects.get().body == "<p>First line<br>\nsecond line</p>\n<p>Second</p>"


def test_dry_run_saves_nothing(db, tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(export(post(1)))
    report = run_import(path, "--dry-run")
    assert "dry run" in report and "posts               1" in report
    assert not Article.objects.exists() and not Author.objects.exists() and not Region.objects.exists()


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (BILLION_LAUGHS, "declares XML entities"),
        (EXTERNAL_ENTITY, "declares XML entities"),
        (export(post(1))[:900], "truncated"),
        (NOT_WXR, "Not a WordPress export"),
        ("this is not xml at all", "Not well-formed"),
    ],
    ids=["billion-laughs", "external-entity", "truncated", "not-wxr", "not-xml"],
)
def test_hostile_or_broken_files_are_refused_cleanly(db, tmp_path, document, message):
    path = tmp_path / "export.xml"
    path.write_text(document)
    with pytest.raises(CommandError, match=message):
        run_import(path)
    assert not Article.objects.exists() and not Author.objects.exists()


def test_an_error_midway_leaves_nothing_half_imported(db, tmp_path, monkeypatch, media_dir):
    from imports.importer import Importer

    original = Importer.import_post

    def fail_on_the_second(self, item):
        if item.post_id == 2:
            raise RuntimeError("disk full")
        return original(self, item)

    monkeypatch.setattr(Importer, "import_post", fail_on_the_second)
    path = tmp_path / "export.xml"
    path.write_text(export(post(1), post(2)))
    with pytest.raises(RuntimeError):
        run_import(path)
    assert not Article.objects.exists() and not Author.objects.exists() and not Region.objects.exists()


@needs_fixture
def test_a_dry_run_leaves_no_image_files_behind(db, media_dir, settings):
    from pathlib import Path

    before = {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}
    report = run_import(THEME_UNIT_TEST, "--media-dir", str(media_dir), "--dry-run")
    assert "images              2" in report
    assert {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()} == before
    assert not Image.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/no%00where/", "/2015/01/27/x%00y/", "/articles/%00/", "/?p=%00", "/?p=" + "9" * 40])
def test_hostile_old_addresses_are_a_plain_404(client, path):
    """Unknown paths are looked up among old WordPress addresses; a NUL must not reach PostgreSQL."""
    assert client.get(path).status_code == 404
