"""Units, conversions, periods and one-sided hedges in compare; parenthetical conversions in the reader."""

import subprocess
import sys
from dataclasses import replace

import pytest

from annotator.core.figures import units
from annotator.core.figures.compare import compare_figures, interval_of
from annotator.core.figures.reader import read_all
from tests.core.test_figure_compare import row as base_row


def row(*args, article_id="a", **kw):
    return replace(base_row(*args, **kw), article_id=article_id)


def groups_of(*rows, margin=0.10):
    return compare_figures(rows, margin=margin)


def kinds(*rows):
    [group] = groups_of(*rows)
    return sorted(flag.kind for flag in group.flags)


# -- dimensions and conversions ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "dimension"),
    [
        ("km", "length"),
        ("miles", "length"),
        ("km²", "area"),
        ("sq miles", "area"),
        ("Sq Km", "area"),
        ("kg", "mass"),
        ("lbs", "mass"),
        ("tonnes", "mass"),
        ("°F", "temperature"),
        ("USD", "currency USD"),
        ("dollars", "currency USD"),
        ("EUR", "currency EUR"),
        ("soldiers", "count"),
        ("", "count"),
        ("%", "percent"),
        ("percentage points", "percentage points"),
    ],
)
def test_each_unit_has_a_dimension(unit, dimension):
    assert units.dimension(unit) == dimension


@pytest.mark.parametrize(
    ("value", "unit", "to", "expected"),
    [
        (1000, "km²", "sq miles", 386.1),
        (10, "km", "miles", 6.21),
        (100, "kg", "lb", 220.46),
        (2, "tonnes", "kg", 2000),
        (0, "°C", "°F", 32),  # an offset, not a factor
        (100, "°C", "°F", 212),
        (-40, "°F", "°C", -40),
        (100, "hectares", "km²", 1),
    ],
)
def test_convert_between_units_of_one_dimension(value, unit, to, expected):
    assert units.convert(value, unit, to) == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize(
    ("unit", "other"), [("USD", "EUR"), ("km", "km²"), ("soldiers", "USD"), ("km", "km")]
)
def test_no_conversion_across_currencies_dimensions_or_to_itself(unit, other):
    assert not units.converts(unit, other)
    assert units.convert(5, unit, other) == 5


@pytest.mark.parametrize(
    ("value", "unit", "stated", "stated_unit", "matches"),
    [
        (1000, "km²", 386, "sq miles", True),
        (1000, "km²", 400, "sq miles", True),  # rounded to the hundred, as news does
        (1000, "km²", 900, "sq miles", False),
        (10, "km", 6, "miles", True),
        (30, "°C", 86, "°F", True),
        (30, "°C", 54, "°F", False),  # 30 × 1.8 without the offset
        (1000, "tonnes", 1102, "tons", True),  # American short tons
    ],
)
def test_conversion_matches_as_news_rounds(value, unit, stated, stated_unit, matches):
    assert units.conversion_matches(value, unit, stated, stated_unit) is matches


def test_figures_in_two_units_compare_after_conversion():
    km = row("1", "A", value=1000, unit="km²", article_id="x")
    miles = row("2", "B", value=386, unit="sq miles", article_id="y")
    far = row("3", "C", value=900, unit="sq miles", article_id="z")
    assert kinds(km, miles) == []
    assert kinds(km, far) == ["conflict"]


def test_conflict_words_give_the_converted_figure():
    km = row("1", "A", value=1000, unit="km²", text="1,000 sq km", article_id="x")
    far = row("2", "B", value=900, unit="sq miles", text="900 sq miles", article_id="y")
    [group] = groups_of(km, far, row("3", "C", value=1100, unit="km²", article_id="w"))
    [flag] = [f for f in group.flags if "2" in f.claim_ids]
    assert group.unit == "km²"
    assert "900 sq miles (about 2,331 km²)" in flag.explanation


def test_different_dimensions_are_never_compared():
    length = row("1", "A", value=40, unit="km", article_id="x")
    area = row("2", "B", value=4000, unit="km²", article_id="y")
    people = row("3", "C", value=5, unit="soldiers", article_id="z")
    money = row("4", "D", value=5_000_000, unit="USD", article_id="w")
    groups = groups_of(length, area, people, money)
    assert sorted(len(g.rows) for g in groups) == [1, 1, 1, 1]
    assert not any(g.flags for g in groups)
    assert all("kept apart" in g.note for g in groups)


def test_currencies_are_not_converted():
    dollars = row("1", "A", value=5, unit="USD", article_id="x")
    euros = row("2", "B", value=500, unit="EUR", article_id="y")
    assert all(not g.flags for g in groups_of(dollars, euros))  # 100× apart, but not one currency


def test_a_figure_and_its_conversion_count_once():
    km = row("1", "A", value=1000, unit="km²", start=10, end=21)
    miles = row("2", "A", value=386, unit="sq miles", start=23, end=35)
    [group] = groups_of(km, miles)
    assert [r.claim_id for r in group.rows] == ["1"]
    assert group.flags == ()


def test_a_wrong_conversion_tagged_apart_is_its_own_error():
    km = row("1", "A", value=1000, unit="km²", start=10, end=21, text="1,000 sq km")
    miles = row("2", "A", value=900, unit="sq miles", start=23, end=35, text="900 sq miles")
    [group] = groups_of(km, miles)
    [flag] = group.flags
    assert (flag.kind, flag.claim_ids) == ("conversion does not match", ("1", "2"))
    assert "about 386 sq miles, not 900 sq miles" in flag.explanation


def test_a_wrong_conversion_inside_one_quote_is_flagged():
    quote = "1,000 sq km (900 sq miles) of forest burned"
    claim = row("1", "A", value=1000, unit="km²", text="1,000 sq km", quote=quote)
    right = row("2", "A", value=1000, unit="km²", text="1,000 sq km", quote="1,000 sq km (386 sq miles)")
    assert kinds(claim) == ["conversion does not match"]
    assert kinds(right) == []


def test_far_apart_figures_in_two_units_are_two_sources():
    km = row("1", "A", value=1000, unit="km²", start=10, end=21)
    miles = row("2", "A", value=900, unit="sq miles", start=300, end=312)
    [group] = groups_of(km, miles)
    assert len(group.rows) == 2


def test_compare_does_not_import_pint_without_two_units():
    code = (
        "import sys\n"
        "from annotator.core.figures.compare import compare_figures\n"
        "from tests.core.test_figure_compare import row\n"
        "compare_figures([row('1', 'A', value=3, unit='km'), row('2', 'B', value=5, unit='km')])\n"
        "print('pint' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# -- the reader: a conversion in parentheses belongs to the figure before it -------------------


def test_parenthetical_conversion_attaches_to_the_figure_before():
    text = "Officials said 1,000 sq km (386 sq miles) of forest had burned."
    [reading] = read_all(text)
    assert (reading.figure.text, reading.figure.unit) == ("1,000 sq km", "km²")
    assert (reading.conversion.text, reading.conversion_matches) == ("386 sq miles", True)
    assert text[reading.start : reading.reach] == "1,000 sq km (386 sq miles) of forest had burned"
    assert reading.figure.measure == "burned"  # read after the brackets


def test_parenthetical_conversion_that_does_not_match_is_read_so():
    [reading] = read_all("The fire burned 1,000 sq km (900 sq miles) of forest.")
    assert reading.conversion_matches is False


def test_parentheses_with_another_dimension_are_a_figure_of_their_own():
    readings = read_all("The 40 km road (built for 300 trucks a day) was shut.")
    assert [r.figure.text for r in readings] == ["40 km", "300"]


# -- one-sided hedges --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("qualifier", "text", "low", "high"),
    [
        ("approximately", "nearly 1,000", 900, 1000),
        ("approximately", "almost 1,000", 900, 1000),
        ("approximately", "about 1,000", 900, 1100),
        ("at least", "at least 1,000", 1000, float("inf")),
        ("more than", "more than 1,000", 1000, float("inf")),
        ("at most", "up to 1,000", float("-inf"), 1000),
        ("at most", "no more than 1,000", float("-inf"), 1000),
    ],
)
def test_hedges_set_which_side_of_the_figure_the_truth_lies(qualifier, text, low, high):
    interval = interval_of(row("1", "A", qualifier, 1000, text=text))
    assert (interval.low, interval.high) == pytest.approx((low, high))


def test_nearly_a_thousand_conflicts_with_one_thousand_and_fifty():
    nearly = row("1", "A", "approximately", 1000, text="nearly 1,000", article_id="x")
    about = row("1b", "A2", "approximately", 1000, text="about 1,000", article_id="z")
    assert kinds(nearly, row("2", "B", value=1050, article_id="y")) == ["conflict"]
    assert kinds(about, row("2", "B", value=1050, article_id="y")) == []


# -- periods -----------------------------------------------------------------------------------


def test_a_total_over_a_period_then_a_larger_later_total_changed_over_time():
    early = row("1", "A", value=1000, period="in just three months", date="2026-01-10", article_id="x")
    later = row("2", "B", "approximately", 3000, date="2026-03-01", article_id="y")
    [group] = groups_of(early, later)
    [flag] = group.flags
    assert flag.kind == "changed over time"
    assert "A said 1,000 in just three months on 2026-01-10 and B said" in flag.explanation


def test_a_later_total_below_an_earlier_part_still_conflicts():
    early = row("1", "A", value=1000, period="in just three months", date="2026-01-10", article_id="x")
    later = row("2", "B", "approximately", 300, date="2026-03-01", article_id="y")
    assert kinds(early, later) == ["conflict"]


def test_a_part_below_its_total_of_the_same_day_is_no_conflict():
    part = row("1", "A", value=300, period="last week", article_id="x")
    total = row("2", "B", value=1000, article_id="y")
    assert kinds(part, total) == []
    # and a total below a part of it cannot be
    assert kinds(row("1", "A", value=3000, period="last week"), row("2", "B", value=1000)) == ["conflict"]


def test_different_rates_are_never_flagged():
    monthly = row("1", "A", value=300, period="a month", article_id="x")
    yearly = row("2", "B", value=3600, period="per year", article_id="y")
    daily = row("3", "C", value=10, period="a day", article_id="z")
    assert kinds(monthly, yearly, daily) == []


def test_same_rate_still_conflicts():
    assert kinds(
        row("1", "A", value=300, period="a month"), row("2", "B", value=500, period="per month")
    ) == ["conflict"]


def test_the_text_comparison_names_the_unit_and_the_note():
    from annotator.core.exporters.comparison import comparison_text

    groups = groups_of(row("1", "A", value=40, unit="km", article_id="x"), row("2", "B", value=4, unit="km²"))
    text = comparison_text(groups)
    assert "Floods — killed [km]" in text and "Floods — killed [km²]" in text
    assert "(kept apart from the figures for “killed” in other units: not comparable)" in text
