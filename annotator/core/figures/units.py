"""Units in compare: which figures measure the same kind of thing, and converting between them.

A unit as the reader names it ("km²", "sq miles", "°F", "USD", "soldiers") has a dimension:
figures of different dimensions (km and km², people and dollars) are never compared.
Figures of one dimension in different units are converted with pint before comparing;
pint costs a noticeable fraction of a second to import, so it is imported when the first
conversion between two different units is asked for, and each pair's conversion is worked
out once. Currencies are never converted into each other: each is its own dimension.
"""

from __future__ import annotations

import math
from functools import cache

COUNT = "count"
# the reader's unit names -> (dimension, pint's name for the unit)
_PHYSICAL = {
    **dict.fromkeys(("km", "kilometres", "kilometers"), ("length", "kilometer")),
    **dict.fromkeys(("m", "metres", "meters"), ("length", "meter")),
    "cm": ("length", "centimeter"),
    "mm": ("length", "millimeter"),
    **dict.fromkeys(("miles", "mile", "mi"), ("length", "mile")),
    **dict.fromkeys(("feet", "foot", "ft"), ("length", "foot")),
    **dict.fromkeys(("inches", "inch"), ("length", "inch")),
    "km²": ("area", "kilometer**2"),
    "m²": ("area", "meter**2"),
    **dict.fromkeys(
        ("sq km", "sq. km", "km2", "square kilometres", "square kilometers"), ("area", "kilometer**2")
    ),
    **dict.fromkeys(("sq m", "sq. m", "m2", "square metres", "square meters"), ("area", "meter**2")),
    **dict.fromkeys(("sq miles", "sq mi", "square miles", "sq. miles", "sq. mi"), ("area", "mile**2")),
    **dict.fromkeys(("sq feet", "sq ft", "square feet", "sq. ft"), ("area", "foot**2")),
    **dict.fromkeys(("hectares", "hectare", "ha"), ("area", "hectare")),
    **dict.fromkeys(("acres", "acre"), ("area", "acre")),
    **dict.fromkeys(("kg", "kilograms", "kilogram"), ("mass", "kilogram")),
    **dict.fromkeys(("grams", "gram", "g"), ("mass", "gram")),
    "mg": ("mass", "milligram"),
    **dict.fromkeys(("tonnes", "tonne", "metric tons", "metric ton"), ("mass", "metric_ton")),
    **dict.fromkeys(("tons", "ton"), ("mass", "metric_ton")),  # ambiguous: see _ALSO
    **dict.fromkeys(("lb", "lbs"), ("mass", "pound")),
    "°C": ("temperature", "degC"),
    "°F": ("temperature", "degF"),
    **dict.fromkeys(("km/h", "kph"), ("speed", "kilometer/hour")),
    "mph": ("speed", "mile/hour"),
    **dict.fromkeys(("litres", "liters", "litre", "liter"), ("volume", "liter")),
    **dict.fromkeys(("barrels",), ("volume", "oil_barrel")),
    "MW": ("power", "megawatt"),
    "GW": ("power", "gigawatt"),
    "kWh": ("energy", "kilowatt_hour"),
    "MWh": ("energy", "megawatt_hour"),
    "GWh": ("energy", "gigawatt_hour"),
    **dict.fromkeys(("days", "day"), ("time", "day")),
    **dict.fromkeys(("weeks", "week"), ("time", "week")),
    **dict.fromkeys(("months", "month"), ("time", "month")),
    **dict.fromkeys(("years", "year"), ("time", "year")),
    **dict.fromkeys(("hours", "hour"), ("time", "hour")),
}
# a unit news writes for more than one thing: "tons" is short tons in American copy
_ALSO = {"tons": ("short_ton", "long_ton"), "ton": ("short_ton", "long_ton")}
_CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "yen": "JPY", "rupees": "INR", "pounds sterling": "GBP"}
_CURRENCIES = {"USD", "EUR", "GBP", "KES", "INR", "JPY"}


@cache
def dimension(unit: str) -> str:
    """What kind of quantity a unit measures: "length", "area", "currency USD", "count"...

    A counted noun ("soldiers", "homes") or no unit is a count; an unknown unit is its own.
    """
    unit = _known(unit)
    if unit in _PHYSICAL:
        return _PHYSICAL[unit][0]
    if unit in _CURRENCIES or unit in _CURRENCY_WORDS:
        return f"currency {_CURRENCY_WORDS.get(unit, unit)}"
    if unit in ("%", "percent", "per cent"):
        return "percent"
    if not unit or (unit.isalpha() and unit.islower() and unit not in ("pounds", "times")):
        return COUNT
    return unit


@cache
def _known(unit: str) -> str:
    """The table's spelling of a unit as typed ("Sq Miles", "KM"); the unit itself if unknown."""
    unit = " ".join(unit.split())
    if unit in _PHYSICAL:
        return unit
    folded = {name.casefold(): name for name in _PHYSICAL if name not in ("m", "mm", "MW", "mg")}
    return folded.get(unit.casefold(), unit)


@cache
def converts(unit: str, other: str) -> bool:
    """Whether a figure in `unit` can be put in `other` (same dimension, both physical, not alike)."""
    unit, other = _known(unit), _known(other)
    if unit not in _PHYSICAL or other not in _PHYSICAL:
        return False
    return _PHYSICAL[unit] != _PHYSICAL[other] and _PHYSICAL[unit][0] == _PHYSICAL[other][0]


def convert(value: float, unit: str, to: str) -> float:
    """`value` in `unit` expressed in `to` (the same number when no conversion applies)."""
    if value is None or not converts(unit, to) or math.isinf(value):
        return value
    scale, offset = _linear(_PHYSICAL[_known(unit)][1], _PHYSICAL[_known(to)][1])
    return value * scale + offset


def conversion_matches(value: float, unit: str, stated: float, stated_unit: str) -> bool:
    """Whether `stated` (in `stated_unit`) is `value` (in `unit`) converted, as news rounds it.

    "1,000 sq km (386 sq miles)" and "(about 400 sq miles)" match; "(900 sq miles)" does not.
    A stated number matches when it is within 5 % of the true conversion or is the true
    conversion rounded to the stated number's last significant digit.
    """
    if not converts(unit, stated_unit):
        return True
    unit, stated_unit = _known(unit), _known(stated_unit)
    targets = [_PHYSICAL[stated_unit][1], *_ALSO.get(stated_unit, ())]
    sources = [_PHYSICAL[unit][1], *_ALSO.get(unit, ())]
    return any(
        _close(value * scale + offset, stated)
        for source in sources
        for target in targets
        for scale, offset in (_linear(source, target),)
    )


def _close(true: float, stated: float) -> bool:
    if abs(true - stated) <= 0.05 * abs(true):
        return True
    return abs(true - stated) <= rounding(stated) / 2


def rounding(number: float) -> float:
    """The place of a number's last significant digit: 400 → 100, 386 → 1, 6.2 → 0.1."""
    if number == 0:
        return 1.0
    text = f"{abs(number):.6f}".rstrip("0").rstrip(".")
    if "." in text:
        return 10.0 ** -len(text.split(".")[1])
    return 10.0 ** (len(text) - len(text.rstrip("0")))


@cache
def _linear(source: str, target: str) -> tuple[float, float]:
    """(scale, offset) with target = source × scale + offset; offsets only for temperatures."""
    quantity = _registry().Quantity
    zero = quantity(0, source).to(target).magnitude
    one = quantity(1, source).to(target).magnitude
    return one - zero, zero


@cache
def _registry():
    import pint  # ~130 ms: only when two different units are first compared

    return pint.UnitRegistry()


def shown(unit: str) -> str:
    """A unit as a reader writes it after a number ("sq miles", "km²"; nothing for a count)."""
    return "" if dimension(unit) == COUNT else unit
