"""Mutations of real filings for the fuzz test and bench/bench_fuzz.py: bytes flipped, cut,
repeated or replaced by what hurts parsers (deep nesting, long digit runs, escaped pipes,
formula text, NUL bytes, broken PDF syntax). Deterministic for a given seed."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from model.errors import FilingError
from model.export import change_rows, facts_of
from model.views.checks import load_checked_filing

Mutator = Callable[[random.Random, bytes], bytes]

HOSTILE_SNIPPETS = (
    b"<table><tr><td>" * 2000,
    b"<div>" * 5000,
    b"9" * 200_000,
    b"| a \\| b | 1 \\| 2 | 3 |\n",
    b'=HYPERLINK("http://example.com","x")',
    b"\x00" * 64,
    b"\xff\xfe\x81",
    b"<< /Length 99999999 /Filter /FlateDecode >>\nstream\n",
    b"[[[[[[[[[[" * 500,
    b"((((((((((" * 500,
    b"\r" * 100,
    b"\t" * 100,
    b"\xe2\x80\x94" * 100,
    b"endobj\nxref\n0 1\n",
)


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def delete_slice(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, max(1, len(data) // 8)) :]


def repeat_slice(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randint(1, 4096)]
    return data[:start] + piece * rng.randint(2, 50) + data[start:]


def insert_hostile(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + rng.choice(HOSTILE_SNIPPETS) + data[at:]


def random_block(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data))
    length = rng.randint(1, 2048)
    return data[:start] + rng.randbytes(length) + data[start + length :]


def swap_slices(rng: random.Random, data: bytes) -> bytes:
    a, b = sorted(rng.randrange(len(data)) for _ in range(2))
    size = rng.randint(1, max(1, min(4096, (b - a) // 2 or 1)))
    return data[:a] + data[b : b + size] + data[a + size : b] + data[a : a + size] + data[b + size :]


def shuffle_lines(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    start = rng.randrange(len(lines))
    window = lines[start : start + rng.randint(2, 40)]
    rng.shuffle(window)
    return b"\n".join(lines[:start] + window + lines[start + len(window) :])


MUTATORS: tuple[Mutator, ...] = (flip_bytes, truncate, delete_slice, repeat_slice, insert_hostile, random_block, swap_slices, shuffle_lines)


@dataclass(frozen=True, slots=True)
class Mutation:
    source: Path
    steps: tuple[str, ...]
    data: bytes

    @property
    def name(self) -> str:
        return f"{self.source.name} ({' + '.join(self.steps)})"


def mutations(sources: list[Path], count: int, seed: int) -> list[Mutation]:
    """``count`` mutants, spread evenly over ``sources``; each of one to three mutators."""
    rng = random.Random(seed)
    originals = {source: source.read_bytes() for source in sources}
    made = []
    for number in range(count):
        source = sources[number % len(sources)]
        data = originals[source]
        steps = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            mutator = rng.choice(MUTATORS)
            data = mutator(rng, data) or b" "
            steps.append(mutator.__name__)
        made.append(Mutation(source, tuple(steps), data))
    return made


class Outcome:
    CLEAN = "clean result"
    ERROR = "clean error"


def load_outcome(path: Path) -> tuple[str, str]:
    """(outcome, detail) of the export's whole path (load, checks, changes, CSV rows): a
    filing, or a FilingError with its reason; any other exception escapes to the caller,
    which counts it as a crash."""
    try:
        checked = load_checked_filing(str(path))
    except FilingError as error:
        return Outcome.ERROR, error.reason
    facts = facts_of([checked.filing])
    changes = change_rows(change for changes in checked.changes for change in changes)
    return Outcome.CLEAN, f"{len(checked.filing.statements)} statement(s), {len(facts)} facts, {len(changes)} changes"
