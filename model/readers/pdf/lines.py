"""Words -> printed lines: words grouped by their tops, split signs glued back onto their
figures, figures in value columns told from numbers inside labels, lines cut into phrases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from model.readers.japanese_text import is_range_mark
from model.readers.pdf.geometry import SETTINGS, LayoutSettings, Line, Phrase, Word
from model.readers.pdf.tokens import CLOSING_FRAGMENT_RE, CURRENCY_TOKENS, OPENING_FRAGMENTS, SPACED_OPENING_FRAGMENTS, is_value_token, is_year_token


def group_lines(words: Iterable[Word], settings: LayoutSettings = SETTINGS) -> list[Line]:
    """Words into printed lines by their tops, each line read left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(word.top - lines[-1][0].top) <= settings.line_tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [make_line(group, settings) for group in _signs_joined(lines)]


def _signs_joined(groups: list[list[Word]]) -> list[list[Word]]:
    """Lone currency signs set a little lower than their figures (Chromium prints "$" cells on
    their own baseline) join the line they overlap; a line of nothing but "$" has no content."""
    kept: list[list[Word]] = []
    for position, group in enumerate(groups):
        if not all(w.text in CURRENCY_TOKENS for w in group):
            kept.append(group)
            continue
        neighbours = [g for g in (kept[-1] if kept else None, groups[position + 1] if position + 1 < len(groups) else None) if g]
        target = max(neighbours, key=lambda g: _vertical_overlap(g, group), default=None)
        if target is not None and _vertical_overlap(target, group) > 0:
            target.extend(group)
    return kept


def _vertical_overlap(a: Sequence[Word], b: Sequence[Word]) -> float:
    return min(max(w.bottom for w in a), max(w.bottom for w in b)) - max(min(w.top for w in a), min(w.top for w in b))


def make_line(words: Iterable[Word], settings: LayoutSettings = SETTINGS) -> Line:
    ordered = sorted(words, key=lambda w: w.x0)
    tokens = glue_fragments(ordered, settings)
    signs = tuple(w for w in ordered if w.text in CURRENCY_TOKENS)
    return Line(tuple(tokens), flag_values(tokens, settings), signs)


def glue_fragments(words: list[Word], settings: LayoutSettings = SETTINGS) -> list[Word]:
    """Put split signs back on their numbers ("(7,348" + ")", "(0.3" + "%)", "△" + "22,850") and
    drop lone currency signs, which only mark the first and total rows."""
    tokens: list[Word] = []
    pending_opening: Word | None = None
    for word in words:
        if word.text in CURRENCY_TOKENS:
            continue
        if pending_opening is not None:
            if is_value_token(word.text) and word.x0 - pending_opening.x1 <= settings.fragment_gap:
                separator = " " if pending_opening.text in SPACED_OPENING_FRAGMENTS else ""
                word = pending_opening.joined(word, separator)
            else:
                tokens.append(pending_opening)
            pending_opening = None
        if word.text in OPENING_FRAGMENTS:
            pending_opening = word
            continue
        if len(word.text) > 1 and word.text.endswith("$") and is_value_token(word.text):
            # "(4,000)$": the next column's dollar sign printed against this figure
            word = Word(word.text[:-1], word.x0, word.x1, word.top, word.bottom, word.size)
        previous = tokens[-1] if tokens else None
        if (
            previous is not None
            and CLOSING_FRAGMENT_RE.match(word.text)
            and is_value_token(previous.text)
            and word.x0 - previous.x1 <= settings.fragment_gap
        ):
            tokens[-1] = previous.joined(word)
            continue
        tokens.append(word)
    if pending_opening is not None:
        tokens.append(pending_opening)
    return tokens


def flag_values(tokens: Sequence[Word], settings: LayoutSettings = SETTINGS) -> tuple[bool, ...]:
    """Which tokens are figures in value columns. A number counts when it stands apart from the
    words around it; "December 31, 2023" or "443,222,000 shares" inside a label do not."""
    flags: list[bool] = []
    for index, token in enumerate(tokens):
        if not is_value_token(token.text) or token.text.count(")") > token.text.count("("):
            flags.append(False)  # words, and "2022)" closing a bracket a wrapped label opened on the line above
            continue
        before = tokens[index - 1] if index > 0 else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if before is None and after is not None and not is_value_token(after.text):
            flags.append(False)  # "(1) Amounts include ...": a note or list number opening a line
            continue
        apart_before = before is None or flags[-1] or token.x0 - before.x1 >= settings.label_gap
        apart_after = after is None or is_value_token(after.text) or after.x0 - token.x1 >= settings.label_gap
        flags.append(apart_before and apart_after)
    return tuple(flags)


def figures_in_the_label_area(lines: Sequence[Line], reach: int = 10) -> list[Line]:
    """Figures printed where the row labels are printed are label text: a footnote mark opening
    a wrapped label's last line ("(1)  21.8  3.6"), the year that ends a wrapped label ("2022
    2,200  2,099"), a year naming a row ("2024  3,074,497"). Value columns are printed clear of
    the labels: at the labels' left margin, or under the labels of most rows nearby (``reach``
    lines up and down, so that another table on the page has no say), is no column."""
    starts = Counter(round(line.x0) for line in lines if line.has_values and not line.values[0])
    margin = starts.most_common(1)[0][0] if starts else None

    def in_label_area(position: int) -> bool:
        word = lines[position].words[0]
        if margin is not None and abs(word.x0 - margin) <= 2:
            return True
        nearby = lines[max(0, position - reach) : position + reach + 1]
        labelled = [line for line in nearby if line.has_values and not all(line.values)]  # table rows, not prose
        covering = sum(1 for line in labelled if any(not v and w.x0 < word.x1 and w.x1 > word.x0 for w, v in zip(line.words, line.values)))
        return covering >= 0.5 * len(labelled) >= 2

    return [
        replace(line, values=(False, *line.values[1:])) if line.values[0] and sum(line.values) > 1 and in_label_area(position) else line
        for position, line in enumerate(lines)
    ]


def split_phrases(line: Line, settings: LayoutSettings = SETTINGS) -> list[Phrase]:
    """A line cut where the space between words is wider than a word space. Runs of bare years
    ("2023 2022") are cut into single years: they always head separate columns."""
    phrases: list[list[Word]] = []
    gap = settings.phrase_gap_factor * line.size
    for word in sorted(line.words + line.currency_signs, key=lambda w: w.x0):
        # "(As of December 31, 2023) (As of December 31, 2024)": bracketed headers set close together
        bracket_pair = bool(phrases) and phrases[-1][-1].text.endswith(")") and word.text.startswith("(")
        # "(自　2022年４月１日": the ideographic space after 自 or 至 is wider than a word space
        range_mark = bool(phrases) and len(phrases[-1]) == 1 and is_range_mark(phrases[-1][0].text)
        if phrases and word.x0 - phrases[-1][-1].x1 <= (2 * gap if range_mark else gap) and not bracket_pair:
            phrases[-1].append(word)
        else:
            phrases.append([word])
    result: list[Phrase] = []
    for words in phrases:
        if len(words) > 1 and all(is_year_token(w.text) for w in words):
            result.extend(Phrase((w,)) for w in words)
        else:
            result.append(Phrase(tuple(words)))
    return result
