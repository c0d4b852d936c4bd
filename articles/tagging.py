"""How region and topic inputs are read and written back (taggit's TAGGIT_TAGS_FROM_STRING hooks).

Only commas separate tags, so "Middle East" typed alone stays one region; names come back joined
by ", " without quotes. Every name goes through the one text normaliser, and a name typed twice
in different case is kept once.
"""

from newsroom.text import normalize_line


def parse_tags(text: str) -> list[str]:
    names = {}
    for part in (text or "").split(","):
        name = normalize_line(part).strip('"').strip()
        if name:
            names.setdefault(name.casefold(), name)
    return sorted(names.values(), key=str.casefold)


def edit_string_for_tags(tags) -> str:
    return ", ".join(sorted((tag.name for tag in tags), key=str.casefold))
