from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.interpretation.numbers import CellKind, format_decimal, parse_number, split_numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234", "1234"),
        ("(1,234)", "-1234"),
        ("-1,234", "-1234"),
        ("△ 1,234", "-1234"),
        ("▲1,234", "-1234"),
        ("△16,065", "-16065"),
        ("12.0", "12.0"),
        ("(0.4)", "-0.4"),
        ("(3)%", "-3"),
        ("$ 1,302", "1302"),
        ("($479)", "-479"),
        ("($0.25)", "-0.25"),
        ("24.11", "24.11"),
        ("2,371.8Gbps", "2371.8"),
        ("1,234*1", "1234"),
        ("[1,011,486]", "1011486"),
        ("(7,348", "-7348"),
        ("１，２３４", "1234"),
    ],
)
def test_printed_numbers_keep_sign_and_precision(text, value):
    parsed = parse_number(text)
    assert parsed.kind is CellKind.NUMBER
    assert parsed.value == Decimal(value)
    assert str(parsed.value) == value


@pytest.mark.parametrize("text", ["-", "—", "－", "–"])
def test_dashes_are_nil(text):
    assert parse_number(text).kind is CellKind.NIL


@pytest.mark.parametrize("text", [", ,", ".,,", ",", "5,16,34"])
def test_scanning_debris_is_never_a_number(text):
    assert parse_number(text).kind is CellKind.JUNK


@pytest.mark.parametrize("text", ["n/m", "Increased 35 basis points", "No change", "IP service*1"])
def test_words_are_text(text):
    assert parse_number(text).kind is CellKind.TEXT


def test_marks_travel_with_the_number():
    assert parse_number("12.0%").percent
    assert parse_number("2,371.8Gbps").unit == "Gbps"
    assert parse_number("$1,302").currency == "USD"
    assert parse_number("[1,011,486]").memo
    assert parse_number("1,234*1").footnote == "*1"


def test_a_cell_with_two_numbers_under_a_two_part_header_yields_both():
    assert split_numbers("176,000 11.5") == ["176,000", "11.5"]
    assert split_numbers("1,234") == ["1,234"]


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_separated_and_bracketed_integers_round_trip(number):
    printed = f"{abs(number):,}"
    if number < 0:
        printed = f"({printed})"
    parsed = parse_number(printed)
    assert parsed.value == number
    assert format_decimal(parsed.value) == str(number)
