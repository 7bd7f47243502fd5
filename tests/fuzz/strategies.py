"""What a hostile or careless client can send: the values every fuzz test draws from.

Each form field is drawn as a valid value most of the time (so submissions are
sometimes accepted and the accepted path is checked too), and otherwise as
hostile text, a wrong type, an extreme number or date, someone else's id, or
nothing at all.
"""

import datetime
import os

from hypothesis import HealthCheck, example, settings
from hypothesis import strategies as st

# Small enough for the whole fuzz suite to run in a minute or two on two cores;
# derandomized so a failure in CI is the same failure on a laptop. Each example
# runs in a savepoint that is rolled back (see tests/fuzz/conftest.py), so the
# function-scoped fixtures are shared safely between examples.
FUZZ = settings(
    # FUZZ_EXAMPLES=500 for a deeper run by hand; CI keeps the default.
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PARTS = ("day", "month", "year")

# A marker no page may ever show unescaped (checked on every response).
MARKUP = "<x-fuzz>"

HOSTILE_SAMPLES = [
    "",
    " ",
    "\t\r\n",
    "\x00",
    "a\x00b",
    "\x00" * 8,
    "\x01\x02\x07\x08\x0b\x0c\x1b[31m\x7f",
    "\u0085\u2028\u2029",
    "line\r\nSet-Cookie: fuzz=1",
    "\ud800",  # a lone surrogate: sent as its (invalid) UTF-8 bytes
    "x\udfffy",
    "<script>alert(1)</script>",
    f'"><{MARKUP[1:-1]} onmouseover=alert(1)>',
    f"</textarea>{MARKUP}",
    "javascript:alert(1)",
    "{{ request.user.password }}",
    "{% debug %}",
    "${7*7}",
    "' OR '1'='1",
    "'; DROP TABLE schools_school; --",
    '=HYPERLINK("http://evil.example","x")',
    "@SUM(1+1)",
    "../../../../etc/passwd",
    "%00",
    "%s%s%s%n",
    "\u202etxt.exe",
    "Z\u0334\u0321\u0327a\u0336l\u0335g\u0335o\u0335",
    "😀" * 40,
    "\U0001d518\U0001d52b\U0001d526",
    "\ufeff",
    "\uffff\ufffe",
    "null",
    "None",
    "true",
    "[]",
    "{}",
    '{"__proto__": 1}',
]

NUMBER_SAMPLES = [
    "0",
    "-1",
    "-0",
    "1.5",
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "9" * 40,
    "-" + "9" * 40,
    "1" + "0" * 400,
    "0x1F",
    "1_000",
    "1,000",
    " 12 ",
    "\u0661\u0662",  # Arabic-Indic digits
    "\uff11\uff12",  # full-width digits
    "12\x00",
    "\u00b2",  # superscript two: isdigit() but not int()
    "\u00bd",
    "1" * 5000,  # beyond int()'s 4300-digit limit
]

DATE_SAMPLES = [
    "0001-01-01",
    "1900-01-01",
    "1970-01-01",
    "9999-12-31",
    "10000-01-01",
    "0000-00-00",
    "2026-02-30",
    "2026-13-01",
    "-2026-01-01",
    "31/12/2026",
    "2026-01-01T00:00:00Z",
    "tomorrow",
    "00:00",
    "24:00",
    "23:59:60",
    "99:99",
]


def very_long_text():
    """Text far longer than any field allows (up to 100 000 characters)."""
    return st.tuples(
        st.sampled_from(["x", "é", "😀", "<b>", "\x00", " "]),
        st.sampled_from([201, 1001, 5001, 100_000]),
    ).map(lambda pair: pair[0] * pair[1])


def any_text(max_size=60):
    """Arbitrary Unicode, control characters and lone surrogates included."""
    return st.text(st.characters(exclude_categories=()), max_size=max_size)


def numbers():
    return st.one_of(
        st.sampled_from(NUMBER_SAMPLES),
        st.integers(min_value=-(2**80), max_value=2**80).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
    )


def dates():
    return st.one_of(
        st.sampled_from(DATE_SAMPLES),
        st.dates().map(lambda d: d.isoformat()),
    )


def hostile_text():
    return st.one_of(st.sampled_from(HOSTILE_SAMPLES), very_long_text(), any_text())


def hostile(extra=()):
    """Anything but a sensible value: hostile text, extreme numbers and dates, and
    `extra` (for example other objects' ids)."""
    options = [hostile_text(), numbers(), dates()]
    if extra:
        options.append(st.sampled_from([str(value) for value in extra]))
    return st.one_of(*options)


def mostly(valid, other):
    """`valid` three times in four, otherwise `other`."""
    return st.sampled_from([True, True, True, False]).flatmap(lambda ok: valid if ok else other)


class Spec:
    """A field's valid values and the hostile values that hurt it most (numbers for a
    number, dates for a date); generic hostile values are drawn too."""

    def __init__(self, valid, bad):
        self.valid = valid
        self.bad = bad


def integer(valid):
    return Spec(valid, numbers())


class DateSpec(Spec):
    """A date typed into the GOV.UK date input: drawn as one value, posted as three."""


def date(valid):
    return DateSpec(valid, dates())


def date_pairs(name, value):
    """What a browser posts for `value` typed into the date input `name`: a date's day,
    month and year in their boxes, anything else typed into all three."""
    try:
        day = datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        parts = (value, value, value)
    else:
        parts = (str(day.day), str(day.month), f"{day.year:04d}")
    return [(f"{name}-{part}", text) for part, text in zip(PARTS, parts, strict=True)]


def posted_date(data, name):
    """The date a submission typed into the date input `name` (None if not a date)."""
    from tests.fuzz.checks import querydict

    posted = querydict(data)
    try:
        return datetime.date(*(int(posted[f"{name}-{part}"]) for part in reversed(PARTS)))
    except (KeyError, ValueError):
        return None


def _split(spec):
    return (spec.valid, spec.bad) if isinstance(spec, Spec) else (spec, None)


def _bad(special, extra):
    return st.one_of(special, hostile(extra)) if special is not None else hostile(extra)


def ids(*objects):
    """Ids of the given objects, of nothing, and beyond every integer column."""
    known = [str(o.pk) for o in objects]
    return st.sampled_from([*known, "0", "-1", "2147483648", "9223372036854775808", "9" * 30])


ABSENT = object()
REPEATED = "repeated"


@st.composite
def field(draw, spec, extra=()):
    """One form field: mostly a valid value; otherwise hostile, absent or given twice."""
    valid, special = _split(spec)
    kind = draw(st.sampled_from(["valid", "valid", "valid", "hostile", "absent", "repeated"]))
    if kind == "valid":
        return draw(valid)
    if kind == "absent":
        return ABSENT
    if kind == "repeated":
        return (REPEATED, draw(_bad(special, extra)), draw(valid))
    return draw(_bad(special, extra))


@st.composite
def form(draw, fields, extra=()):
    """A whole submission as (name, value) pairs, in the order a browser sends them,
    sometimes with a field nobody asked for.

    Either every field is valid, or exactly one is hostile (the sharpest test of
    each field's own validation), or each field is drawn on its own.
    """
    names = list(fields)
    mode = draw(st.sampled_from(["valid", "one bad", "one bad", "each"]))
    bad = draw(st.sampled_from(names)) if names else None
    pairs = []
    for name, spec in fields.items():
        valid, special = _split(spec)
        if mode == "valid" or (mode == "one bad" and name != bad):
            value = draw(valid)
        elif mode == "one bad":
            value = draw(_bad(special, extra))
        else:
            value = draw(field(spec, extra))
        if value is ABSENT:
            continue
        values = value[1:] if isinstance(value, tuple) and value[0] == REPEATED else [value]
        for one in values:
            pairs += date_pairs(name, one) if isinstance(spec, DateSpec) else [(name, one)]
    if draw(st.booleans()) and draw(st.booleans()):
        pairs.append((draw(st.sampled_from(["id", "pk", "user", "status", "is_staff"])), "1"))
    return pairs


SHARP = {
    "integer": ["9" * 40, "-1", "2147483648"],
    "date": ["0001-01-01", "9999-12-31"],
    "text": ["\x00", "x" * 100_000],
}


def sharp(baseline, **kinds):
    """Submissions that differ from the valid `baseline` (a dict) in one field only, by
    a value known to hurt that kind of field: `sharp(data, integer=["count"])`.

    Random examples find these too, but not reliably in a few dozen tries; these
    run every time, before hypothesis's own."""
    cases = []
    for kind, names in kinds.items():
        for name in names:
            for value in SHARP[kind]:
                typed = dict(date_pairs(name, value)) if kind == "date" else {name: value}
                cases.append(list({**baseline, **typed}.items()))
    return cases


def with_cases(run, cases):
    """Add explicit examples (dicts of keyword arguments) to a @given function."""
    for case in cases:
        run = example(**case)(run)
    return run


def path_segment(valid, extra=()):
    """A value for a <str:...> part of an address."""
    return st.one_of(valid, hostile(extra))
