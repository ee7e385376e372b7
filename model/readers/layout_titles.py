"""The title of a table in a plain-text dump and the caption lines between the title and the table."""

from __future__ import annotations

from model.readers.layout_lines import Line, LineKind, is_caption, is_isolated, is_strong_title, is_weak_title


_TITLE_REACH = 40
_CONTEXT_LINES = 6


def title_and_context(lines: list[Line], start: int, previous_title: str) -> tuple[str, tuple[str, ...]]:
    """The heading of a table whose first line is ``lines[start]``, and the lines between.

    A numbered heading or statement name within reach wins; otherwise the nearest short line
    of words. Reaching the table before with neither means this one continues it (a page
    break with the column headers printed again), so it keeps that table's title.
    """
    context: list[str] = []
    weak: tuple[str, int] | None = None
    seen = 0
    reached_previous_table = False
    for index in range(start - 1, -1, -1):
        line = lines[index]
        if seen >= _TITLE_REACH:
            break
        if line.kind in (LineKind.BLANK, LineKind.IGNORED):
            continue
        if line.kind is LineKind.DATA:
            reached_previous_table = True
            break
        seen += 1
        if is_strong_title(line.text):
            return line.text, _nearest(context)
        if is_caption(line.text):
            weak = None  # lines between a caption and its table are column banners, not the title
        elif weak is None and is_weak_title(line.text, is_isolated(lines, index)):
            weak = (line.text, len(context))
        context.append(line.text)
    if weak is not None:
        return weak[0], _nearest(context[: weak[1]])
    return (previous_title if reached_previous_table else ""), _nearest(context)


def _nearest(context_upward: list[str]) -> tuple[str, ...]:
    return tuple(reversed(context_upward[:_CONTEXT_LINES]))
