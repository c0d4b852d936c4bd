"""How long the revision compare page's diff takes for 1k, 10k and 100k-word articles.

Two revisions differ the way edits do: a few words changed in a handful of paragraphs, one
paragraph inserted, one deleted; plus the worst case of a body that is one giant paragraph.
Run with ``make bench-compare``; it prints a table and needs no database.
"""

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from articles.revisions import marked_diff  # noqa: E402

WORDS = ["the", "minister", "said", "on", "tuesday", "that", "talks", "over", "water", "rights", "in", "the",
         "basin", "would", "resume", "next", "month"]  # fmt: skip


def article(words: int, rng: random.Random) -> list[str]:
    paragraphs, left = [], words
    while left > 0:
        n = min(left, rng.randint(40, 120))
        paragraphs.append(" ".join(rng.choice(WORDS) for _ in range(n)))
        left -= n
    return paragraphs


def edited(paragraphs: list[str], rng: random.Random) -> list[str]:
    new = list(paragraphs)
    for i in rng.sample(range(len(new)), k=min(8, len(new))):
        words = new[i].split()
        words[rng.randrange(len(words))] = "EDITED"
        new[i] = " ".join(words)
    new.insert(len(new) // 2, "A new paragraph written during the edit.")
    del new[len(new) // 3]
    return new


def timed(old: str, new: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        marked_diff(old, new)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main():
    rng = random.Random(7)
    print(f"{'words':>8}  {'typical edit (ms)':>18}  {'one giant paragraph (ms)':>25}")
    for words in (1_000, 10_000, 100_000):
        old = article(words, rng)
        new = edited(old, rng)
        typical = timed("\n".join(old), "\n".join(new))
        giant = timed(" ".join(old), " ".join(new))
        print(f"{words:>8,}  {typical:>18.1f}  {giant:>25.1f}")


if __name__ == "__main__":
    main()
