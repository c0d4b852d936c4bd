"""Generate a large, realistic newsroom for benchmarks: ``manage.py generate_bench_data --articles N``.

Seeded, so two runs with the same options make the same newsroom. Rows are written with
``bulk_create`` in batches (a progress bar shows them), so 100,000 articles take minutes: the
text is drawn from a pool of pre-generated paragraphs rather than composed word by word.
"""

import random
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from articles import pagecache, search
from articles.models import Article, Byline, Region, TaggedRegion, TaggedTopic, Topic
from authors.models import Author
from newsroom.slugs import slugify

WORDS = """
government minister talks water rights basin election parliament budget energy grid power gas oil prices
inflation market refugees border ceasefire negotiators agreement protest court ruling reform health hospital
school teachers farmers drought harvest port exports imports currency bank central interest debt investors
city council mayor residents district village province officials said tuesday monday week month year report
survey data analysts expect growth decline security forces army militia coalition opposition vote turnout
campaign candidates leader
""".split()
FIRST_NAMES = ["Amal", "Tomás", "Layla", "Olena", "Wei", "Sipho", "Noor", "Ingrid", "Kenji", "Farah", "Jonas",
               "Priya", "Mateus", "Aylin", "Dmitri", "Zainab", "Chloé", "Kwame", "Yuki", "Samir"]  # fmt: skip
LAST_NAMES = ["Haddad", "Ferreira", "Kovalenko", "Zhang", "Dlamini", "Saleh", "Berg", "Tanaka", "Nasser", "Müller",
              "Sharma", "Costa", "Yılmaz", "Ivanov", "Okafor", "Dubois", "Mensah", "Sato", "Khalil",
              "Novak"]  # fmt: skip
TITLES = ["Staff Writer", "Senior Correspondent", "Economics Editor", "Energy Reporter", "Data Journalist",
          "Foreign Correspondent", "Political Editor", "Climate Reporter"]  # fmt: skip
REGIONS = ["Middle East", "Iraq", "Syria", "Lebanon", "Jordan", "Egypt", "Türkiye", "Iran", "Gulf", "Yemen",
           "North Africa", "Sahel", "East Africa", "Southern Africa", "West Africa", "Europe", "Ukraine", "Balkans",
           "Caucasus", "Central Asia", "South Asia", "East Asia", "Southeast Asia", "Latin America", "Brazil",
           "Andes", "Caribbean", "North America", "Arctic", "Pacific"]  # fmt: skip
TOPICS = ["Energy", "Water", "Elections", "Economy", "Climate", "Migration", "Health", "Education", "Security",
          "Diplomacy", "Trade", "Agriculture", "Technology", "Courts", "Media", "Culture", "Labour", "Housing",
          "Transport", "Finance", "Corruption", "Human rights", "Conflict", "Aid", "Religion", "Sport", "Science",
          "Environment", "Infrastructure", "Tourism", "Oil", "Gas", "Mining", "Food", "Cities", "Women",
          "Youth", "Refugees", "Debt", "Inflation"]  # fmt: skip
BATCH = 1000


class Command(BaseCommand):
    help = "Generate seeded benchmark data: authors, regions, topics and N published articles with bylines and tags."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=5000)
        parser.add_argument("--authors", type=int, default=50)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, articles, authors, seed, verbosity, **options):
        if Article.objects.exists():
            raise CommandError("The database already holds articles; generate benchmark data into an empty one.")
        rng = random.Random(seed)
        paragraphs = [self.paragraph(rng) for _ in range(3000)]
        with transaction.atomic():
            author_ids = self.make_authors(rng, authors)
            region_ids = [Region.objects.create(name=name).pk for name in REGIONS]
            topic_ids = [Topic.objects.create(name=name).pk for name in TOPICS]
        now = timezone.now()
        progress = tqdm(total=articles, unit="article", disable=verbosity == 0, desc="Generating")
        for start in range(0, articles, BATCH):
            count = min(BATCH, articles - start)
            with transaction.atomic():
                self.make_articles(rng, start, count, now, paragraphs, author_ids, region_ids, topic_ids)
            progress.update(count)
        progress.close()
        self.after_bulk_insert(verbosity)
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"{articles:,} articles, {authors} authors, "
                                                 f"{len(REGIONS)} regions, {len(TOPICS)} topics."))  # fmt: skip

    @staticmethod
    def paragraph(rng, words=88):
        text = " ".join(rng.choice(WORDS) for _ in range(words))
        return text[0].upper() + text[1:] + "."

    def make_authors(self, rng, count):
        authors = []
        for i in range(count):
            name = f"{FIRST_NAMES[i % 20]} {LAST_NAMES[(i * 7 + i // 20) % 20]}"
            bio = " ".join(rng.choice(WORDS) for _ in range(60))
            authors.append(Author(name=name, slug=f"{slugify(name)}-{i}", title=TITLES[i % len(TITLES)],
                                  bio=f"<p>{name} reports on {bio}.</p>"))  # fmt: skip
        return [a.pk for a in Author.objects.bulk_create(authors)]

    def make_articles(self, rng, start, count, now, paragraphs, author_ids, region_ids, topic_ids):
        five_years = 5 * 365 * 24 * 3600
        rows = []
        for i in range(start, start + count):
            words = [rng.choice(WORDS) for _ in range(rng.randint(6, 11))]
            headline = " ".join(words).capitalize()
            published = now - timedelta(seconds=rng.randrange(3600, five_years))
            body = "".join(f"<p>{p}</p>" for p in rng.sample(paragraphs, 8))
            rows.append(Article(headline=headline, slug=f"{slugify(headline)[:180]}-{i}",
                                deck=paragraphs[i % len(paragraphs)][:200].rsplit(" ", 1)[0] + ".",
                                body=body, status=Article.Status.PUBLISHED, publish_at=published,
                                first_published_at=published, version=1))  # fmt: skip
        created = Article.objects.bulk_create(rows)
        bylines, regions, topics = [], [], []
        for article in created:
            for position, author_id in enumerate(rng.sample(author_ids, rng.randint(1, 2))):
                bylines.append(Byline(article=article, author_id=author_id, position=position))
            regions += [
                TaggedRegion(content_object=article, tag_id=t) for t in rng.sample(region_ids, rng.randint(1, 3))
            ]
            topics += [TaggedTopic(content_object=article, tag_id=t) for t in rng.sample(topic_ids, rng.randint(2, 4))]
        Byline.objects.bulk_create(bylines)
        TaggedRegion.objects.bulk_create(regions)
        TaggedTopic.objects.bulk_create(topics)

    def after_bulk_insert(self, verbosity):
        """bulk_create skips save() and signals; anything derived from saved rows is filled in here.
        Then what autovacuum would leave behind, so pages are measured on a database in its steady
        state: the planner's statistics (without them PostgreSQL plans every page for an empty
        table: a seq scan and a sort where an index walk is right) and, on PostgreSQL, the
        visibility map (without it every index-only scan reads the table's rows too). VACUUM cannot
        run inside a transaction (a test's): there, statistics only."""
        ids = list(Article.objects.values_list("pk", flat=True))
        if search.uses_postgres():
            progress = tqdm(total=len(ids), unit="article", disable=verbosity == 0, desc="Search index")
            for start in range(0, len(ids), BATCH * 10):
                batch = ids[start : start + BATCH * 10]
                search.refresh_search_vectors(batch)
                progress.update(len(batch))
            progress.close()
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        pagecache.content_changed()
