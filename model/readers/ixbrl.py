"""Inline XBRL (iXBRL) in an HTML filing: the contexts, units and the ``ix:nonFraction`` facts
that printed numbers carry.

SEC 10-K/10-Q filings since 2019, ESEF annual reports and TDnet/EDINET attachments wrap each
printed figure in an ``ix:nonFraction`` tag that names its concept, context (entity, period,
dimensions) and unit, the power of ten it is printed in (``scale``), whether the fact is the
negative of the printed number (``sign``) and how to read its text (``format``). The contexts and
units sit in the hidden ``ix:header``. lxml's HTML parser, which reads the rest of the document,
keeps these elements under their prefixed names (``ix:nonfraction``, ``xbrli:context``), so the
prefixes are taken from the document's namespace declarations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from model.raw import XbrlContext, XbrlTag

_IX_NAMESPACES = frozenset({"http://www.xbrl.org/2013/inlineXBRL", "http://www.xbrl.org/2008/inlineXBRL"})
_XBRLI_NAMESPACE = "http://www.xbrl.org/2003/instance"
_XBRLDI_NAMESPACE = "http://xbrl.org/2006/xbrldi"
_XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"

# transformation formats (ixt 1-5, ixt-sec) by what they read; the registry prefix does not matter
_ZERO_FORMATS = frozenset({"zerodash", "fixed-zero", "fixedzero", "nocontent", "numdash", "fixed-empty"})
_DOT_DECIMAL_FORMATS = frozenset({"numdotdecimal", "num-dot-decimal", "numcommadot", "numspacedot", "numdotdecimalin", "num-dot-decimal-apos"})
_COMMA_DECIMAL_FORMATS = frozenset({"numcommadecimal", "num-comma-decimal", "numdotcomma", "numspacecomma", "num-comma-decimal-apos"})
_WORD_FORMATS = frozenset({"numwordsen", "num-word-en", "numwordsen-nodash"})
_DIGITS_RE = re.compile(r"\d")

_SMALL_NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {word: 10 * value for value, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
_NO_WORDS = frozenset({"no", "none", "nil", "zero"})


@dataclass(frozen=True, slots=True)
class _Names:
    """The element names an HTML parse gives the iXBRL and XBRL instance elements."""

    ix: str
    xbrli: str
    xbrldi: str
    xsi: str

    @property
    def fact(self) -> str:
        return f"{self.ix}:nonfraction"


@dataclass(frozen=True)
class InlineXbrl:
    """What a document's iXBRL says: its contexts and units, and the facts printed in each table cell."""

    names: _Names
    contexts: dict[str, XbrlContext]
    units: dict[str, str]
    cell_facts: dict[etree._Element, etree._Element]  # table cell -> the first numeric fact printed in it

    def tag_in(self, cell: etree._Element) -> XbrlTag | None:
        """The first (outermost) numeric fact printed in a table cell."""
        fact = self.cell_facts.get(cell)
        return None if fact is None else self._tag(fact)

    def _tag(self, fact: etree._Element) -> XbrlTag:
        text = " ".join("".join(fact.itertext()).split())
        context_id = fact.get("contextref", "")
        unit_id = fact.get("unitref", "")
        scale = _integer(fact.get("scale")) or 0
        format_name = fact.get("format", "")
        sign = "-" if fact.get("sign") == "-" else ""
        nil = fact.get(f"{self.names.xsi}:nil", "").lower() == "true"
        displayed = None if nil else formatted_number(text, format_name)
        value = None if displayed is None else (-displayed if sign else displayed).scaleb(scale)
        return XbrlTag(
            concept=fact.get("name", ""),
            context_id=context_id,
            context=self.contexts.get(context_id),
            unit=self.units.get(unit_id, unit_id),
            scale=scale,
            decimals=fact.get("decimals", ""),
            sign=sign,
            format=format_name,
            text=text,
            value=value,
        )


def read_inline_xbrl(root: etree._Element) -> InlineXbrl | None:
    """The document's iXBRL, or None when it carries no numeric facts (plain HTML)."""
    names = _names(root)
    context_name, unit_name = f"{names.xbrli}:context", f"{names.xbrli}:unit"
    contexts: dict[str, XbrlContext] = {}
    units: dict[str, str] = {}
    cell_facts: dict[etree._Element, etree._Element] = {}
    facts = 0
    for element in root.iter(names.fact, context_name, unit_name):
        if element.tag == context_name:
            if (context := _context(element, names)) is not None:
                contexts[context.id] = context
        elif element.tag == unit_name:
            units[element.get("id", "")] = _unit(element, names)
        else:
            facts += 1
            cell = next(element.iterancestors("td", "th"), None)
            if cell is not None:
                cell_facts.setdefault(cell, element)  # document order: the outermost, first fact of the cell
    return InlineXbrl(names, contexts, units, cell_facts) if facts else None


def _names(root: etree._Element) -> _Names:
    """Prefixes from the ``xmlns:`` declarations the HTML parser keeps as attributes; the usual ones when absent."""
    prefixes: dict[str, str] = {}
    for element in (root, root.find("body")):
        if element is None:
            continue
        for key, value in element.attrib.items():
            if key.lower().startswith("xmlns:"):
                prefixes.setdefault(value.strip(), key.split(":", 1)[1].lower())
    ix = next((prefixes[uri] for uri in _IX_NAMESPACES if uri in prefixes), "ix")
    return _Names(
        ix=ix,
        xbrli=prefixes.get(_XBRLI_NAMESPACE, "xbrli"),
        xbrldi=prefixes.get(_XBRLDI_NAMESPACE, "xbrldi"),
        xsi=prefixes.get(_XSI_NAMESPACE, "xsi"),
    )


def _context(element: etree._Element, names: _Names) -> XbrlContext | None:
    def text_of(name: str) -> str:
        found = _first(element, f"{names.xbrli}:{name}")
        return "" if found is None else (found.text or "").strip()

    end = _date(text_of("instant")) or _date(text_of("enddate"))
    if end is None:
        return None  # "forever" or an unreadable period: nothing a column can be dated by
    start = None if text_of("instant") else _date(text_of("startdate"))
    dimensions = [
        (member.get("dimension", ""), " ".join("".join(member.itertext()).split()))
        for member in element.iter(f"{names.xbrldi}:explicitmember", f"{names.xbrldi}:typedmember")
    ]
    return XbrlContext(
        id=element.get("id", ""),
        end=end,
        start=start,
        entity=text_of("identifier"),
        dimensions=tuple(sorted(dimensions)),
    )


def _unit(element: etree._Element, names: _Names) -> str:
    """"USD", "shares", "pure"; a divide as "USD/shares"."""

    def measures(scope: etree._Element) -> str:
        return "*".join(_local_name(m.text or "") for m in scope.iter(f"{names.xbrli}:measure"))

    numerator = _first(element, f"{names.xbrli}:unitnumerator")
    denominator = _first(element, f"{names.xbrli}:unitdenominator")
    if numerator is not None and denominator is not None:
        return f"{measures(numerator)}/{measures(denominator)}"
    return measures(element)


def _first(element: etree._Element, name: str) -> etree._Element | None:
    """The first descendant of that (prefixed) name: ElementPath would take the prefix for a namespace."""
    return next(element.iter(name), None)


def _local_name(qualified: str) -> str:
    return qualified.strip().rsplit(":", 1)[-1]


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _integer(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def formatted_number(text: str, format_name: str) -> Decimal | None:
    """The unsigned number a tagged text shows, read by its transformation format; None when the
    format is one Tickmark does not read or the text does not fit it."""
    kind = _local_name(format_name).lower()
    if kind in _ZERO_FORMATS:
        return Decimal(0)
    if kind in _WORD_FORMATS:
        return _number_from_words(text)
    if kind in _COMMA_DECIMAL_FORMATS:
        return _number_from_digits(text, decimal_mark=",")
    if not kind or kind in _DOT_DECIMAL_FORMATS:
        return _number_from_digits(text, decimal_mark=".")
    return None


def _number_from_digits(text: str, decimal_mark: str) -> Decimal | None:
    if not _DIGITS_RE.search(text):
        return Decimal(0) if text.strip(" -\u2013\u2014") == "" else None
    kept = "".join(ch for ch in text if ch.isdigit() or ch == decimal_mark)
    whole, _, fraction = kept.partition(decimal_mark)
    try:
        return Decimal(f"{whole or '0'}.{fraction}" if fraction else whole)
    except InvalidOperation:
        return None


def _number_from_words(text: str) -> Decimal | None:
    """"no", "none", "three", "twenty-five", "one hundred five", "3 million": numbers as SEC filings spell them."""
    words = re.findall(r"[a-z]+|\d+(?:\.\d+)?", text.lower().replace(",", ""))
    if not words:
        return _number_from_digits(text, decimal_mark=".")
    if len(words) == 1 and words[0] in _NO_WORDS:
        return Decimal(0)
    total = current = Decimal(0)
    for word in words:
        if word[0].isdigit():
            current += Decimal(word)
        elif word in _SMALL_NUMBERS:
            current += _SMALL_NUMBERS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _MULTIPLIERS:
            total += max(current, 1) * _MULTIPLIERS[word]
            current = 0
        elif word != "and":
            return None
    return total + current
