"""Small WXR documents for the cases the theme unit test export does not have."""
# ruff: noqa: E501  (WXR lines are kept whole, as WordPress writes them)

from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "wordpress"
THEME_UNIT_TEST = FIXTURE / "themeunittestdata.wordpress.xml"

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Sample</title><link>https://old.example.com</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>lina</wp:author_login><wp:author_display_name><![CDATA[Lina Haddad]]></wp:author_display_name></wp:author>
<wp:author><wp:author_login>omar</wp:author_login><wp:author_display_name><![CDATA[Omar Said]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>middle-east</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Middle East]]></wp:cat_name></wp:category>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>iraq</wp:category_nicename><wp:category_parent>middle-east</wp:category_parent><wp:cat_name><![CDATA[Iraq]]></wp:cat_name></wp:category>
<wp:tag><wp:term_id>3</wp:term_id><wp:tag_slug>energy</wp:tag_slug><wp:tag_name><![CDATA[Energy]]></wp:tag_name></wp:tag>
"""

FOOT = "</channel></rss>\n"


def post(post_id, *, status="publish", title="A post", slug=None, content="Text.", creator="lina", extra=""):
    slug = f"post-{post_id}" if slug is None else slug
    return f"""<item>
<title><![CDATA[{title}]]></title>
<link>https://old.example.com/2015/01/27/{slug}/</link>
<guid isPermaLink="false">https://old.example.com/?p={post_id}</guid>
<dc:creator><![CDATA[{creator}]]></dc:creator>
<content:encoded><![CDATA[{content}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id>
<wp:post_date>2015-01-27 10:00:00</wp:post_date>
<wp:post_date_gmt>2015-01-27 09:00:00</wp:post_date_gmt>
<wp:post_name>{slug}</wp:post_name>
<wp:status>{status}</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="iraq"><![CDATA[Iraq]]></category>
<category domain="post_tag" nicename="energy"><![CDATA[Energy]]></category>
{extra}
</item>
"""


def export(*items) -> str:
    return HEAD + "".join(items) + FOOT


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss><channel><title>&lol3;</title></channel></rss>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><title>&secret;</title></channel></rss>
"""

NOT_WXR = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>A plain feed</title><item><title>Hi</title></item></channel></rss>
"""
