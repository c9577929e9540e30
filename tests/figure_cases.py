"""Figure phrases in sentences written the way news is written, by category, for the reader.

Invented for this project, not copied from articles. Each case names the figure by its own
words and what the reader must make of it; `python -m bench figures` prints the accuracy per
category, and tests/core/test_figure_reader.py asserts every case.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    """A sentence, the figure's words in it, and the fields the reader must give that figure."""

    sentence: str
    figure: str
    expected: dict = field(default_factory=dict)


@dataclass(frozen=True)
class NotFigure:
    """A sentence, numbers in it that are not figures, and a figure it still states (or "")."""

    sentence: str
    not_figures: tuple[str, ...]
    figure: str = ""


TROOPS = "troops deployed"
ELEVEN_THOUSAND = (
    "Western diplomats told the Harbour Gazette that, of some 11,000 troops sent to the border, "
    "about 900 had been killed in just three months."
)

MEASURES = [
    Case(ELEVEN_THOUSAND, "some 11,000", {"measure": TROOPS, "unit": "troops"}),
    Case(ELEVEN_THOUSAND, "about 900", {"measure": "killed"}),
    Case(
        "The intelligence agency said only about 11 soldiers had been sent across the river.",
        "about 11",
        {"measure": TROOPS, "unit": "soldiers"},
    ),
    Case(
        "Officials in the capital said 4,000 personnel were deployed to the northern province.",
        "4,000",
        {"measure": TROOPS, "unit": "personnel"},
    ),
    Case(
        "The general said some 2,500 forces were now stationed along the ridge.",
        "some 2,500",
        {"measure": TROOPS, "unit": "forces"},
    ),
    Case("Local medics said 37 people died when the roof collapsed.", "37", {"measure": "killed"}),
    Case("The provincial health office put the death toll at 212 on Sunday.", "212", {"measure": "killed"}),
    Case("Hospital staff said 19 were dead and 64 injured.", "19", {"measure": "killed"}),
    Case("Hospital staff said 19 were dead and 64 injured.", "64", {"measure": "wounded"}),
    Case(
        "Aid workers said about 2,700 people were hurt in the blast.", "about 2,700", {"measure": "wounded"}
    ),
    Case(
        "The mayor said 1,450 families had been displaced by the floods.",
        "1,450",
        {"measure": "displaced", "unit": "families"},
    ),
    Case(
        "Police said they had arrested 83 demonstrators outside parliament.",
        "83",
        {"measure": "arrested", "unit": "demonstrators"},
    ),
    Case("Guards detained 26 men at the crossing, the ministry said.", "26", {"measure": "arrested"}),
    Case(
        "The coastguard said at least 14 fishermen were still missing.",
        "at least 14",
        {"measure": "missing", "unit": "fishermen"},
    ),
    Case(
        "Nearly 6,000 residents were evacuated from the coastal towns, the agency said.",
        "Nearly 6,000",
        {"measure": "evacuated"},
    ),
    Case(
        "The UN refugee agency said 40,000 people had fled across the border.",
        "40,000",
        {"measure": "displaced"},
    ),
    Case("Rebel commanders claimed 150 government troops had been killed.", "150", {"measure": "killed"}),
    Case("The monitoring group reported 320 deaths in the province.", "320", {"measure": "killed"}),
    Case("The ministry said 75 fatalities had been recorded.", "75", {"measure": "killed"}),
]

PERIODS = [
    Case(ELEVEN_THOUSAND, "about 900", {"period": "in just three months"}),
    Case(ELEVEN_THOUSAND, "some 11,000", {"period": ""}),
    Case(
        "The intelligence agency said about 11 soldiers had been sent across the river since January.",
        "about 11",
        {"period": "since January"},
    ),
    Case("The ministry said 1,200 homes were destroyed last year.", "1,200", {"period": "last year"}),
    Case("Police said 48 people had been arrested since Friday.", "48", {"period": "since Friday"}),
    Case(
        "Officials said 2,400 migrants had crossed the strait over the past two weeks.",
        "2,400",
        {"period": "over the past two weeks"},
    ),
    Case("The health ministry recorded 15,000 new cases in 2023, it said.", "15,000", {"period": "in 2023"}),
    Case("At least 60 people were killed overnight, the army said.", "At least 60", {"period": "overnight"}),
    Case(
        "The agency said some 8,000 families had left the region this year.",
        "some 8,000",
        {"period": "this year"},
    ),
    Case(
        "Rescuers said 14 people were pulled from the rubble within 48 hours.",
        "14",
        {"period": "within 48 hours"},
    ),
    Case(
        "Between January and March, 420 people were arrested, police said.",
        "420",
        {"period": "Between January and March"},
    ),
    Case(
        "The charity said it had fed 9,000 children in the past month.",
        "9,000",
        {"period": "in the past month"},
    ),
    Case("The mayor said 1,450 families had been displaced.", "1,450", {"period": ""}),
]

APPROX, RANGE = "approximately", "range"
SIGNS = [
    Case("Overnight temperatures fell to -12 in the mountain villages.", "-12", {"value": -12}),
    Case(
        "Forecasters said the mercury would drop to −12 °C by Friday.",
        "−12 °C",
        {"value": -12, "unit": "°C"},
    ),
    Case(
        "The reading was minus 12 degrees at dawn, the weather office said.",
        "minus 12 degrees",
        {"value": -12, "unit": "degrees"},
    ),
    Case(
        "The survey found ~4,000 households without clean water.",
        "~4,000",
        {"value": 4000, "qualifier": APPROX},
    ),
    Case(
        "Analysts estimate ≈ 250 vessels were waiting offshore.", "≈ 250", {"value": 250, "qualifier": APPROX}
    ),
    Case(
        "Engineers said ∼30 km of track had been damaged.",
        "∼30 km",
        {"value": 30, "qualifier": APPROX, "unit": "km"},
    ),
    Case(
        "The trial enrolled <50 patients, the researchers said.",
        "<50",
        {"value": 50, "qualifier": "less than"},
    ),
    Case("Turnout was >70% in the capital.", ">70%", {"value": 70, "qualifier": "more than", "unit": "%"}),
    Case(
        "Only projects costing ≥ $5m qualify, the ministry said.",
        "≥ $5m",
        {"value": 5_000_000, "qualifier": "at least", "unit": "USD"},
    ),
    Case("Officials said ≤ 200 people would be allowed in.", "≤ 200", {"value": 200, "qualifier": "at most"}),
    Case("Applicants need ⩾ 18 points to pass.", "⩾ 18", {"value": 18, "qualifier": "at least"}),
    Case("The rule allows ⩽ 3 absences a term.", "⩽ 3", {"value": 3, "qualifier": "at most"}),
    Case(
        "The study measured a fall of 5 ± 0.5 points in blood pressure.",
        "5 ± 0.5",
        {"low": 4.5, "high": 5.5, "qualifier": RANGE},
    ),
    Case(
        "Temperatures reached 3.5C above the seasonal average.",
        "3.5C",
        {"value": 3.5, "unit": "°C"},
    ),
    Case("The convoy was stopped 20km from the border.", "20km", {"value": 20, "unit": "km"}),
    Case("Shares fell 2.4% in early trading.", "2.4%", {"value": 2.4, "unit": "%"}),
    Case("The river rose 1.8m overnight, the agency said.", "1.8m", {"value": 1.8, "unit": "m"}),
]

NOT_FIGURES = [
    NotFigure("Both sides invoked the 1994 treaty during the talks.", ("1994",)),
    NotFigure("The ministry's budget for 2018-19 was cut by 4%.", ("2018-19",), "4%"),
    NotFigure("The fiscal year 2023-24 ended with a surplus of $2bn.", ("2023-24",), "$2bn"),
    NotFigure("The ceasefire was signed on Oct. 3, 2022, in Geneva.", ("3", "2022")),
    NotFigure("Elections were held from 4 to 6 May 2021 across the region.", ("4", "6", "2021")),
    NotFigure("The report, published on 12 March 2024, lists 45 incidents.", ("12", "2024"), "45"),
    NotFigure("Users of Windows 11 reported the fault first.", ("11",)),
    NotFigure("The crash closed Route 66 for several hours.", ("66",)),
    NotFigure("Families rely on Section 8 vouchers, officials said.", ("8",)),
    NotFigure("The airline grounded its Airbus A320 fleet.", ("A320",)),
    NotFigure("Regulators grounded the Boeing 737 after the incident.", ("737",)),
    NotFigure("It was one of the worst floods on record.", ("one",)),
    NotFigure("Residents of one Ohio town said the water was still rising.", ("one",)),
    NotFigure("The 2020 census counted 41,000 residents in the district.", ("2020",), "41,000"),
    NotFigure("She came third in the 2019 election.", ("2019",)),
    NotFigure("The figures appear on page 14 of the annual report.", ("14",)),
    NotFigure("Leaders met at the G20 summit on Monday.", ("G20",)),
    NotFigure("The 1998 accord ended 30 years of fighting.", ("1998",), "30"),
    NotFigure("The navy said 12 Marines were hurt on 4 Dec. last year.", ("4",), "12"),
]

LEAST, MOST = "at least", "at most"
SCALE_WORDS = [
    Case(
        "The state will spend Rs 4,500 crore on new roads, the minister said.",
        "Rs 4,500 crore",
        {"value": 45_000_000_000, "unit": "INR"},
    ),
    Case(
        "Nearly 2.5 lakh people were moved to relief camps.",
        "Nearly 2.5 lakh",
        {"value": 250_000, "qualifier": APPROX},
    ),
    Case("The county set aside KSh 3bn for the clinics.", "KSh 3bn", {"value": 3_000_000_000, "unit": "KES"}),
    Case("The city has 4m residents, the census office said.", "4m", {"value": 4_000_000}),
    Case(
        "The port deal is worth $4-billion, officials said.",
        "$4-billion",
        {"value": 4_000_000_000, "unit": "USD"},
    ),
    Case(
        "The festival drew 3 million-plus visitors.",
        "3 million-plus",
        {"value": 3_000_000, "qualifier": LEAST},
    ),
    Case("The bank lent €12mn to farmers.", "€12mn", {"value": 12_000_000, "unit": "EUR"}),
    Case(
        "The fund pledged ₹800 crore for flood relief.", "₹800 crore", {"value": 8_000_000_000, "unit": "INR"}
    ),
    Case("Tokyo approved ¥500 billion in aid.", "¥500 billion", {"value": 500_000_000_000, "unit": "JPY"}),
    Case("Donors gave US$20m last year.", "US$20m", {"value": 20_000_000, "unit": "USD"}),
    Case("Officials said up to 300 homes were at risk.", "up to 300", {"value": 300, "qualifier": MOST}),
    Case("As many as 5,000 people marched.", "As many as 5,000", {"value": 5000, "qualifier": MOST}),
    Case("Almost 90 boats were lost.", "Almost 90", {"value": 90, "qualifier": APPROX}),
    Case(
        "Tens of thousands of people fled the city.",
        "Tens of thousands",
        {"low": 20_000, "high": 99_999, "qualifier": RANGE},
    ),
    Case("About a third of the wells had run dry.", "About a third", {"value": 100 / 3, "unit": "%"}),
    Case(
        "Turnout fell by 4.5 percentage points.",
        "4.5 percentage points",
        {"value": 4.5, "unit": "percentage points"},
    ),
    Case("Prices rose 12 per cent in May.", "12 per cent", {"value": 12, "unit": "%"}),
]

RANGES = [
    Case(
        "Most of the recruits were between the ages of 18 and 25.",
        "between the ages of 18 and 25",
        {"low": 18, "high": 25, "qualifier": RANGE},
    ),
    Case(
        "The queue stretched 10 km to 40 km along the highway.",
        "10 km to 40 km",
        {"low": 10, "high": 40, "unit": "km", "qualifier": RANGE},
    ),
    Case(
        "Temperatures will range from -5 °C to -20 °C overnight.",
        "from -5 °C to -20 °C",
        {"low": -20, "high": -5, "unit": "°C", "qualifier": RANGE},
    ),
    Case("The toll rose from 40 to 52 on Tuesday.", "40", {"value": 40, "qualifier": "exact"}),
    Case("The toll rose from 40 to 52 on Tuesday.", "52", {"value": 52, "qualifier": "exact"}),
    Case("Inflation fell from 9.1% to 6.4% last year.", "6.4%", {"value": 6.4, "unit": "%"}),
    Case(
        "Between 10,000 and 12,000 homes were damaged.",
        "Between 10,000 and 12,000",
        {"low": 10_000, "high": 12_000, "qualifier": RANGE},
    ),
]

SCIENCE = [
    NotFigure("The odds ratio was 2.1 (95% CI 1.2–3.4).", ("95%",), "1.2–3.4"),
    NotFigure("Researchers put the R0 of the strain at 2.5.", ("R0",), "2.5"),
    Case("Each sample held 1.2 × 10^6 cells.", "1.2 × 10^6", {"value": 1_200_000}),
    Case("The culture reached 1.2e6 colonies.", "1.2e6", {"value": 1_200_000}),
    Case("Patients received 5 mg/kg of the drug.", "5 mg/kg", {"value": 5, "unit": "mg/kg"}),
    Case("Her blood pressure was 120/80 mmHg.", "80 mmHg", {"value": 80, "unit": "mmHg"}),
    Case(
        "The odds ratio was 2.1 (95% CI 1.2–3.4).", "1.2–3.4", {"low": 1.2, "high": 3.4, "qualifier": RANGE}
    ),
    Case("The difference was significant (p < 0.05).", "< 0.05", {"value": 0.05, "qualifier": "less than"}),
    Case("Researchers put the R0 of the strain at 2.5.", "2.5", {"value": 2.5}),
    Case(
        "Infant mortality was 3.5 per 1,000 live births.",
        "3.5 per 1,000",
        {"value": 3.5, "unit": "per 1,000"},
    ),
    Case("Fine particles reached 85 µg/m³ in the capital.", "85 µg/m³", {"value": 85, "unit": "µg/m³"}),
]

UNITS = [
    Case("The convoy travelled 40 kilometres overnight.", "40 kilometres", {"value": 40, "unit": "km"}),
    Case("It was 41 degrees Celsius in the shade.", "41 degrees Celsius", {"value": 41, "unit": "°C"}),
    Case("Forecasters expect 38°C on Friday.", "38°C", {"value": 38, "unit": "°C"}),
    Case("The wall is 12 metres high.", "12 metres", {"value": 12, "unit": "m"}),
    Case(
        "The fire burned 25 square kilometres of forest.",
        "25 square kilometres",
        {"value": 25, "unit": "km²"},
    ),
    Case("Police seized 40 kilograms of heroin.", "40 kilograms", {"value": 40, "unit": "kg"}),
    Case(
        "Readings of 104 degrees Fahrenheit were recorded.",
        "104 degrees Fahrenheit",
        {"value": 104, "unit": "°F"},
    ),
    Case("The spill covered 3 sq km of coast.", "3 sq km", {"value": 3, "unit": "km²"}),
]

CATEGORIES = {
    "measures": MEASURES,
    "periods": PERIODS,
    "signs": SIGNS,
    "not figures": NOT_FIGURES,
    "scale words": SCALE_WORDS,
    "ranges": RANGES,
    "science": SCIENCE,
    "units": UNITS,
}

# Written with the categories above, before the reader was changed for them; never tuned on.
HELDOUT = {
    "scale words": [
        Case(
            "The ministry released Rs 12 lakh to each district.",
            "Rs 12 lakh",
            {"value": 1_200_000, "unit": "INR"},
        ),
        Case("Revenue reached £2.1bn in the year.", "£2.1bn", {"value": 2_100_000_000, "unit": "GBP"}),
        Case("The app has 2m users in Kenya.", "2m", {"value": 2_000_000}),
        Case(
            "Hundreds of thousands of people lost power.",
            "Hundreds of thousands",
            {"low": 200_000, "high": 999_999, "qualifier": RANGE},
        ),
        Case("Almost half of the staff left.", "Almost half", {"value": 50, "unit": "%"}),
        Case(
            "Exports fell 2 percentage points.",
            "2 percentage points",
            {"value": 2, "unit": "percentage points"},
        ),
        Case(
            "The airport handled 10 million-plus passengers.",
            "10 million-plus",
            {"value": 10_000_000, "qualifier": LEAST},
        ),
    ],
    "ranges": [
        Case("Wait times rose from 20 to 45 minutes.", "20", {"value": 20, "qualifier": "exact"}),
        Case(
            "Volunteers aged between 30 and 45 took part.",
            "between 30 and 45",
            {"low": 30, "high": 45, "qualifier": RANGE},
        ),
        Case(
            "Winds of 80 km/h to 120 km/h are expected.",
            "80 km/h to 120 km/h",
            {"low": 80, "high": 120, "unit": "km/h", "qualifier": RANGE},
        ),
    ],
    "science": [
        Case("The virus load was 3.4 × 10^5 copies.", "3.4 × 10^5", {"value": 340_000}),
        Case("Doses of 10 mg/kg were given.", "10 mg/kg", {"value": 10, "unit": "mg/kg"}),
        Case("The rate was 7 per 100,000 people.", "7 per 100,000", {"value": 7, "unit": "per 100,000"}),
        Case("The risk rose (95% CI 1.1–1.9).", "1.1–1.9", {"low": 1.1, "high": 1.9, "qualifier": RANGE}),
    ],
    "units": [
        Case("The tunnel is 2 kilometres long.", "2 kilometres", {"value": 2, "unit": "km"}),
        Case("The river rose 3 metres overnight.", "3 metres", {"value": 3, "unit": "m"}),
        Case("It reached 45 degrees C in the city.", "45 degrees C", {"value": 45, "unit": "°C"}),
    ],
}


# Second batch, by how news writes figures. The dev part may be tuned on; HELDOUT_NEWS was
# written at the same time, before any tuning for it, and is only measured.
NUMBERS_AND_QUALIFIERS = [
    Case(
        "Rescue teams said almost 450 people were pulled out alive.",
        "almost 450",
        {"qualifier": "approximately"},
    ),
    Case(
        "The union said more than 9,000 members had voted.",
        "more than 9,000",
        {"value": 9000, "qualifier": "more than"},
    ),
    Case(
        "As many as 70 boats were damaged, the harbour master said.",
        "As many as 70",
        {"qualifier": "at most"},
    ),
    Case(
        "The ministry said 2.3 million people were affected.",
        "2.3 million",
        {"value": 2_300_000, "qualifier": "exact"},
    ),
    Case(
        "Officials counted no more than 40 protesters.",
        "no more than 40",
        {"value": 40, "qualifier": "at most"},
    ),
]
CONVERSIONS = [
    NotFigure("The fire burned 1,000 sq km (386 sq miles) of forest.", ("386",), "1,000 sq km"),
    NotFigure("The road is 10 km (6 miles) long.", ("6 miles",), "10 km"),
    NotFigure("It was 30C (86F) in the capital.", ("86F",), "30C"),
    NotFigure("The parcel weighed 5 kg (11 lb).", ("11 lb",), "5 kg"),
]
CATEGORIES |= {"numbers and qualifier": NUMBERS_AND_QUALIFIERS, "conversions": CONVERSIONS}

HELDOUT_NEWS = {
    "numbers and qualifier": [
        Case(
            "Rescuers said nearly 600 people were still trapped.",
            "nearly 600",
            {"value": 600, "qualifier": "approximately"},
        ),
        Case(
            "The charity fed upwards of 12,000 families.",
            "upwards of 12,000",
            {"value": 12000, "qualifier": "more than"},
        ),
        Case(
            "Police said no fewer than 35 arrests were made.",
            "no fewer than 35",
            {"value": 35, "qualifier": "at least"},
        ),
        Case(
            "Organisers expect up to 80,000 visitors.",
            "up to 80,000",
            {"value": 80000, "qualifier": "at most"},
        ),
        Case(
            "The ministry said 1.4 million doses were delivered.",
            "1.4 million",
            {"value": 1_400_000, "qualifier": "exact"},
        ),
        Case(
            "Officials said fewer than 200 residents remained.",
            "fewer than 200",
            {"value": 200, "qualifier": "less than"},
        ),
        Case(
            "Roughly 3,500 workers walked out on Monday.",
            "Roughly 3,500",
            {"value": 3500, "qualifier": "approximately"},
        ),
        Case(
            "Between 150 and 200 homes lost power, the utility said.",
            "Between 150 and 200",
            {"low": 150, "high": 200, "qualifier": "range"},
        ),
    ],
    "not figures": [
        NotFigure("The 2019 agreement allowed 500 inspectors into the zone.", ("2019",), "500"),
        NotFigure("Flight 302 landed safely with 140 passengers on board.", ("302",), "140"),
        NotFigure("The storm hit on Nov. 14, 2023, killing 12 people.", ("14", "2023"), "12"),
        NotFigure("He was one of the 30 volunteers who stayed.", ("one",), "30"),
        NotFigure("The budget for 2024-25 sets aside $3bn for repairs.", ("2024-25",), "$3bn"),
        NotFigure("Residents of Block 7 said 60 flats were damaged.", ("7",), "60"),
    ],
    "units": [
        Case("The lorry was carrying 18 tonnes of grain.", "18 tonnes", {"value": 18, "unit": "tonnes"}),
        Case("Temperatures fell to -12C overnight.", "-12C", {"value": -12, "unit": "°C"}),
        Case(
            "The wildfire has burned 2,300 hectares of pine.",
            "2,300 hectares",
            {"value": 2300, "unit": "hectares"},
        ),
        Case("Gusts of 130 km/h brought down power lines.", "130 km/h", {"value": 130, "unit": "km/h"}),
        Case(
            "The pipeline carries 90,000 barrels a day.",
            "90,000 barrels",
            {"unit": "barrels", "period": "a day"},
        ),
        Case("The new wall is 4.5 metres high.", "4.5 metres", {"value": 4.5, "unit": "m"}),
    ],
    "measures": [
        Case("The coastguard said 23 migrants were rescued off the coast.", "23", {"measure": "rescued"}),
        Case(
            "At least 14 people died and 30 were injured in the crash, police said.",
            "30",
            {"measure": "wounded"},
        ),
        Case(
            "Officials said 8,000 soldiers had been mobilised for the drill.",
            "8,000",
            {"measure": "troops deployed"},
        ),
        Case("The fire destroyed 45 homes, the county said.", "45", {"measure": "homes destroyed"}),
        Case("Of the 120 workers on site, 9 were hurt.", "120", {"measure": "workers"}),
        Case("Police detained 57 protesters after the march.", "57", {"measure": "arrested"}),
    ],
    "periods": [
        Case("The agency said 2,000 people had crossed since Friday.", "2,000", {"period": "since Friday"}),
        Case("The clinic treated 150 patients in the past week.", "150", {"period": "in the past week"}),
        Case("Prices rose 8% last year, the statistics office said.", "8%", {"period": "last year"}),
        Case(
            "About 300 boats arrive each month, port officials said.", "About 300", {"period": "each month"}
        ),
        Case("The region recorded 41 deaths so far this year.", "41", {"period": "so far this year"}),
    ],
    "conversions": [
        NotFigure("The storm flattened 2,000 sq km (772 sq miles) of forest.", ("772",), "2,000 sq km"),
        NotFigure("The convoy drove 300 km (186 miles) through the night.", ("186",), "300 km"),
        NotFigure("Temperatures hit 40C (104F) on Tuesday.", ("104F",), "40C"),
        NotFigure("The catch weighed 12 kg (26 lb).", ("26 lb",), "12 kg"),
    ],
}


def read_right(case: Case, read) -> bool:
    """Whether `read(sentence, start, end)` gives the case's figure the fields it expects."""
    start = case.sentence.index(case.figure)
    figure = read(case.sentence, start, start + len(case.figure))
    wanted = {"text": case.figure, **case.expected}
    return all(_same(getattr(figure, name), value) for name, value in wanted.items())


def not_figure_right(case: NotFigure, find) -> bool:
    """Whether the (start, end) spans `find(sentence)` gives miss every non-figure, keep the figure."""
    found = find(case.sentence)
    for number in case.not_figures:
        at = _word_at(case.sentence, number)
        if any(start < at + len(number) and at < end for start, end in found):
            return False
    if not case.figure:
        return True
    at = case.sentence.index(case.figure)
    return (at, at + len(case.figure)) in found


def accuracy(read, find) -> dict[str, tuple[int, int]]:
    """(right, total) per category."""
    scores = {}
    for name, cases in CATEGORIES.items():
        right = [
            not_figure_right(c, find) if isinstance(c, NotFigure) else read_right(c, read) for c in cases
        ]
        scores[name] = (sum(right), len(right))
    return scores


def _same(got, wanted) -> bool:
    if isinstance(wanted, float) and isinstance(got, (int, float)):
        return abs(got - wanted) < 1e-9
    return got == wanted


def _word_at(sentence: str, number: str) -> int:
    """Where `number` stands as a word of its own ("3" in "Oct. 3", not in "2023")."""
    import re

    return re.search(rf"(?<![\w.]){re.escape(number)}(?!\w)", sentence).start()


def heldout_accuracy(read, find=None, cases_by_name=None) -> dict[str, tuple[int, int]]:
    """(right, total) per held-out category (HELDOUT unless other cases are given)."""
    scores = {}
    for name, cases in (HELDOUT if cases_by_name is None else cases_by_name).items():
        right = [
            not_figure_right(c, find) if isinstance(c, NotFigure) else read_right(c, read) for c in cases
        ]
        scores[name] = (sum(right), len(right))
    return scores


def non_figures_read(find, cases: list[NotFigure]) -> tuple[int, int]:
    """(numbers read as figures, numbers that are not figures) over NotFigure cases."""
    read = total = 0
    for case in cases:
        found = find(case.sentence)
        for number in case.not_figures:
            at = _word_at(case.sentence, number)
            read += any(start < at + len(number) and at < end for start, end in found)
            total += 1
    return read, total
