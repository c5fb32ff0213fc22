"""Chinese tokenisation for classifying indicator names, with jieba.

jieba's full dictionary takes about a second to load in every process; the
words that decide a classification are few and known (vocab.toml's inference
words), so the tokenizer gets a small dictionary of exactly those, and still
segments the rest of a name with its own algorithm.
"""

from __future__ import annotations

import hashlib
import tempfile
from functools import cache, lru_cache
from pathlib import Path

import jieba

from extract.vocab import vocabulary

jieba.setLogLevel(60)


@cache
def _tokenizer() -> jieba.Tokenizer:
    words = sorted({word for table in vocabulary().levels.inference.values()
                    for votes in table.values() for word in votes})
    folder = Path(tempfile.gettempdir()) / "perfforms-jieba"
    folder.mkdir(exist_ok=True)
    digest = hashlib.sha1("\n".join(words).encode()).hexdigest()[:10]
    dictionary = folder / f"words-{digest}.txt"
    if not dictionary.exists():
        dictionary.write_text("".join(f"{word} 1000 n\n" for word in words), encoding="utf-8")
    tokenizer = jieba.Tokenizer(dictionary=str(dictionary))
    tokenizer.tmp_dir = str(folder)
    return tokenizer


@lru_cache(maxsize=1 << 12)
def _tokenize_cached(text: str) -> tuple[str, ...]:
    return tuple(_tokenizer().cut(text, HMM=False))


def tokenize(text: str) -> tuple[str, ...]:
    """jieba's words of a short text (an indicator name); long texts are not cached."""
    if len(text) > 80:
        return tuple(_tokenizer().cut(text, HMM=False))
    return _tokenize_cached(text)
