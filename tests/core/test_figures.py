"""Reading figures: a table of phrases written for this project and what each one says."""

import pytest

from annotator.core.figures.reader import (
    ParsedFigure,
    find_figures,
    parse_figure,
    read_figure,
    words_to_number,
)

A, R = "approximately", "range"

# phrase, figure text, value, low, high, qualifier, unit, scale
TABLE = [
    # digits, separators, decimals
    ("11,000 troops were sent", "11,000", 11000, None, None, "exact", "", ""),
    ("2700 wounded", "2700", 2700, None, None, "exact", "", ""),
    ("a rise of 1.2 points", "1.2", 1.2, None, None, "exact", "", ""),
    ("1,234,567 votes", "1,234,567", 1234567, None, None, "exact", "", ""),
    ("0.5 of the total", "0.5", 0.5, None, None, "exact", "", ""),
    ("12 people were missing", "12", 12, None, None, "exact", "", ""),
    ("with 10\u00a0000 residents", "10\u00a0000", 10000, None, None, "exact", "", ""),
    # scale words and suffixes
    ("1.2 million people", "1.2 million", 1200000, None, None, "exact", "", "million"),
    ("3 billion", "3 billion", 3000000000, None, None, "exact", "", "billion"),
    ("12 thousand", "12 thousand", 12000, None, None, "exact", "", "thousand"),
    ("5k runners", "5k", 5000, None, None, "exact", "", "thousand"),
    ("a 1.5 trillion debt", "1.5 trillion", 1500000000000, None, None, "exact", "", "trillion"),
    ("4.5bn people", "4.5bn", 4500000000, None, None, "exact", "", "billion"),
    ("1.1 million", "1.1 million", 1100000, None, None, "exact", "", "million"),
    # spelled-out numbers
    ("three hundred were held", "three hundred", 300, None, None, "exact", "", ""),
    ("a thousand homes", "a thousand", 1000, None, None, "exact", "", "thousand"),
    ("twelve soldiers", "twelve", 12, None, None, "exact", "", ""),
    ("forty-five villages", "forty-five", 45, None, None, "exact", "", ""),
    ("one hundred and twenty patients", "one hundred and twenty", 120, None, None, "exact", "", ""),
    ("two and a half million", "two and a half million", 2500000, None, None, "exact", "", "million"),
    ("half a million refugees", "half a million", 500000, None, None, "exact", "", "million"),
    ("a dozen boats", "a dozen", 12, None, None, "exact", "", ""),
    ("Seven people died", "Seven", 7, None, None, "exact", "", ""),
    ("twenty-one thousand", "twenty-one thousand", 21000, None, None, "exact", "", "thousand"),
    ("three million people", "three million", 3000000, None, None, "exact", "", "million"),
    ("ninety-nine boats", "ninety-nine", 99, None, None, "exact", "", ""),
    # currency and percentages
    ("$2.5bn in damage", "$2.5bn", 2500000000, None, None, "exact", "USD", "billion"),
    ("5.5% of voters", "5.5%", 5.5, None, None, "exact", "%", ""),
    ("£40m", "£40m", 40000000, None, None, "exact", "GBP", "million"),
    ("€3.2 billion", "€3.2 billion", 3200000000, None, None, "exact", "EUR", "billion"),
    ("$50k", "$50k", 50000, None, None, "exact", "USD", "thousand"),
    ("US$ 300", "US$ 300", 300, None, None, "exact", "USD", ""),
    ("12 per cent", "12 per cent", 12, None, None, "exact", "%", ""),
    ("40 percent", "40 percent", 40, None, None, "exact", "%", ""),
    ("¥900", "¥900", 900, None, None, "exact", "JPY", ""),
    ("ten per cent", "ten per cent", 10, None, None, "exact", "%", ""),
    ("$2.5m to repair", "$2.5m", 2500000, None, None, "exact", "USD", "million"),
    # units glued or spaced
    ("a 1,000km-long border", "1,000km", 1000, None, None, "exact", "km", ""),
    ("386 sq miles", "386 sq miles", 386, None, None, "exact", "sq miles", ""),
    ("1.8 metres deep", "1.8 metres", 1.8, None, None, "exact", "m", ""),
    ("40 mm of rain", "40 mm", 40, None, None, "exact", "mm", ""),
    ("a 40m wave", "40m", 40, None, None, "exact", "m", ""),
    ("3,000 hectares", "3,000 hectares", 3000, None, None, "exact", "hectares", ""),
    ("120 km/h winds", "120 km/h", 120, None, None, "exact", "km/h", ""),
    ("500 tonnes of grain", "500 tonnes", 500, None, None, "exact", "tonnes", ""),
    ("25 square kilometres", "25 square kilometres", 25, None, None, "exact", "km²", ""),
    ("a 5km2 zone", "5km2", 5, None, None, "exact", "km²", ""),
    ("60 acres", "60 acres", 60, None, None, "exact", "acres", ""),
    ("two kilometres", "two kilometres", 2, None, None, "exact", "km", ""),
    # ranges
    ("between 10,000 and 12,000 homes", "between 10,000 and 12,000", None, 10000, 12000, R, "", ""),
    ("10-12 km", "10-12 km", None, 10, 12, R, "km", ""),
    ("from 3,000 to 5,000", "from 3,000 to 5,000", None, 3000, 5000, R, "", ""),
    ("10–12 million", "10–12 million", None, 10000000, 12000000, R, "", "million"),
    ("$2-3bn", "$2-3bn", None, 2000000000, 3000000000, R, "USD", "billion"),
    ("between two and three", "between two and three", None, 2, 3, R, "", ""),
    ("two or three people", "two or three", None, 2, 3, R, "", ""),
    ("between 9 and 12 million", "between 9 and 12 million", None, 9000000, 12000000, R, "", "million"),
    ("900,000 to 1.2 million", "900,000 to 1.2 million", None, 900000, 1200000, R, "", "million"),
    ("between $2m and $3m", "between $2m and $3m", None, 2000000, 3000000, R, "USD", "million"),
    ("30 to 40 percent", "30 to 40 percent", None, 30, 40, R, "%", ""),
    ("about 10-12 people", "about 10-12", None, 10, 12, R, "", ""),
    ("20 - 25 boats", "20 - 25", None, 20, 25, R, "", ""),
    # hedges: approximately
    ("some 11,000 troops", "some 11,000", 11000, None, None, A, "", ""),
    ("about 300 soldiers", "about 300", 300, None, None, A, "", ""),
    ("around 40 people", "around 40", 40, None, None, A, "", ""),
    ("roughly 1,200 families", "roughly 1,200", 1200, None, None, A, "", ""),
    ("nearly 2,000 people", "nearly 2,000", 2000, None, None, A, "", ""),
    ("almost 90%", "almost 90%", 90, None, None, A, "%", ""),
    ("an estimated 40,000", "an estimated 40,000", 40000, None, None, A, "", ""),
    ("approximately 7 km", "approximately 7 km", 7, None, None, A, "km", ""),
    ("close to a million", "close to a million", 1000000, None, None, A, "", "million"),
    ("about $5m", "about $5m", 5000000, None, None, A, "USD", "million"),
    ("300 or so", "300 or so", 300, None, None, A, "", ""),
    ("300-odd", "300-odd", 300, None, None, A, "", ""),
    ("About 60 wounded", "About 60", 60, None, None, A, "", ""),
    # at least / more than
    ("at least 9 people", "at least 9", 9, None, None, "at least", "", ""),
    ("no fewer than 20", "no fewer than 20", 20, None, None, "at least", "", ""),
    ("300 or more", "300 or more", 300, None, None, "at least", "", ""),
    ("more than 1,500", "more than 1,500", 1500, None, None, "more than", "", ""),
    ("over 200 homes", "over 200", 200, None, None, "more than", "", ""),
    ("upwards of 5,000", "upwards of 5,000", 5000, None, None, "more than", "", ""),
    ("in excess of $1bn", "in excess of $1bn", 1000000000, None, None, "more than", "USD", "billion"),
    ("500+ arrests", "500+", 500, None, None, "more than", "", ""),
    # at most / less than
    ("up to 15", "up to 15", 15, None, None, "at most", "", ""),
    ("no more than 20", "no more than 20", 20, None, None, "at most", "", ""),
    ("as many as 3,000", "as many as 3,000", 3000, None, None, "at most", "", ""),
    ("at most 4", "at most 4", 4, None, None, "at most", "", ""),
    ("fewer than 300 families", "fewer than 300", 300, None, None, "less than", "", ""),
    ("less than 5%", "less than 5%", 5, None, None, "less than", "%", ""),
    ("under 50", "under 50", 50, None, None, "less than", "", ""),
    ("below 10 metres", "below 10 metres", 10, None, None, "less than", "m", ""),
    # vague plurals read as lower bounds
    ("tens of thousands of people", "tens of thousands", None, 20000, 99999, "range", "", ""),
    ("hundreds were killed", "hundreds", 200, None, None, "at least", "", ""),
    ("dozens of boats", "dozens", 24, None, None, "at least", "", ""),
]


@pytest.mark.parametrize(("phrase", "text", "value", "low", "high", "qualifier", "unit", "scale"), TABLE)
def test_parse_figure_reads_the_phrase(phrase, text, value, low, high, qualifier, unit, scale):
    assert parse_figure(phrase) == ParsedFigure(text, value, low, high, qualifier, unit, scale)


def test_the_table_has_at_least_80_phrases():
    assert len({row[0] for row in TABLE}) >= 80


@pytest.mark.parametrize(
    "phrase",
    [
        "in March 2026",
        "Covid-19 cases",
        "at 10:30 on Tuesday",
        "on the 4th day",
        "F-16 jets",
        "the A320 landed",
        "since 1998",
        "between 2019 and 2021",
        "ticket #42",
        "no figure here",
        "",
        "a half-hearted reply",
        "and a",
    ],
)
def test_numbers_that_are_not_figures_are_skipped(phrase):
    assert find_figures(phrase) == []


def test_find_figures_returns_offsets_into_the_sentence():
    sentence = "The ministry said 27 soldiers had been killed and about 60 wounded."
    found = find_figures(sentence)
    assert [(sentence[start:end], figure.text) for start, end, figure in found] == [
        ("27", "27"),
        ("about 60", "about 60"),
    ]


def test_find_figures_counts_code_points_after_emoji():
    sentence = "🌧️ Forecasters expect another 40 mm of rain"
    [(start, end, figure)] = find_figures(sentence)
    assert sentence[start:end] == "40 mm" == figure.text


def test_hedge_stays_inside_the_figure_text():
    sentence = "officials said an estimated 40,000 people fled"
    [(start, end, figure)] = find_figures(sentence)
    assert sentence[start:end] == "an estimated 40,000"


def test_empty_phrase_reads_as_an_empty_figure():
    assert parse_figure("no number at all") == ParsedFigure()


@pytest.mark.parametrize(
    ("words", "number"),
    [("three hundred and twelve", 312), ("a dozen", 12), ("two and a half million", 2500000), ("x", None)],
)
def test_words_to_number(words, number):
    assert words_to_number(words.split()) == number


def test_read_figure_fills_the_form_with_counted_noun_as_unit():
    figure = read_figure("about 4,200 residents had been evacuated").figure
    assert (figure.text, figure.value, figure.qualifier, figure.unit, figure.measure) == (
        "about 4,200",
        4200,
        "approximately",
        "residents",
        "evacuated",
    )


def test_read_figure_keeps_a_measurement_unit():
    assert read_figure("386 sq miles of forest").figure.unit == "sq miles"


def test_read_figure_without_a_figure_is_none():
    assert read_figure("the minister said") is None
