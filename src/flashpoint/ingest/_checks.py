"""What every article read must be before it is coded: text the parser takes whole, and fields
UTF-8 can encode.

An article over spaCy's `max_length` makes `nlp.pipe` raise for its whole batch, and a lone
surrogate ("\\udcff" in a JSON string, a file name with byte 0xFF) fails in the store, in
spaCy or in pyarrow (issue 13); both are refused here, as that article's input error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from flashpoint.errors import IngestError
from flashpoint.model import Article

__all__ = ["check_article", "checked", "coded_length", "unencodable_at"]

_FIELDS = ("id", "title", "text", "source", "url")


def unencodable_at(text: str) -> int | None:
    """The position of the first character UTF-8 cannot encode (a lone surrogate), else None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def coded_length(article: Article) -> int:
    """The characters the coder parses for `article`: its title, a blank line and its text."""
    return len(article.text) + (len(article.title) + 2 if article.title else 0)


def check_article(article: Article, where: str, max_chars: int) -> Article:
    """`article` itself when it can be coded and stored.

    Raises:
        IngestError: (source `where`) a field holds a lone surrogate, or the title and text
            together are longer than `max_chars`.
    """
    for name in _FIELDS:
        value = getattr(article, name)
        position = unencodable_at(value) if value is not None else None
        if position is not None:
            raise IngestError(
                where,
                f"article {article.id}: its {name} is not valid Unicode text (lone surrogate "
                f"U+{ord(value[position]):04X} at character {position})",
            )
    length = coded_length(article)
    if length > max_chars:
        raise IngestError(
            where,
            f"article {article.id}: {length} characters (title and text), over the limit of {max_chars} "
            "(FLASHPOINT_MAX_TEXT_CHARS); split the article or raise the limit",
        )
    return article


def checked(
    articles: Iterable[Article], where: str, max_chars: int, on_error: Callable[[IngestError], None] | None
) -> Iterator[Article]:
    """The articles that pass `check_article`; the others go to `on_error` (raised without one)."""
    for article in articles:
        try:
            yield check_article(article, where, max_chars)
        except IngestError as error:
            if on_error is None:
                raise
            on_error(error)
