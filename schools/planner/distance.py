"""How far and how long between two places: an estimate, stated in docs/planning.md.

Places are British National Grid eastings and northings in metres. Roads wind, so
the straight line is stretched by ROAD_FACTOR; a presenter drives at AVERAGE_MPH
on average, towns and lanes included.
"""

import math

ROAD_FACTOR = 1.3  # road miles per straight-line mile
AVERAGE_MPH = 25
METRES_PER_MILE = 1609.344


def road_miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The estimated road distance from a to b, in miles."""
    return ROAD_FACTOR * math.dist(a, b) / METRES_PER_MILE


def travel_minutes(a: tuple[float, float], b: tuple[float, float]) -> int:
    """The estimated driving time from a to b, in whole minutes rounded up."""
    return math.ceil(road_miles(a, b) / AVERAGE_MPH * 60 - 1e-9)


def round_trip_miles(home: tuple[float, float], school: tuple[float, float]) -> float:
    """A visit's miles: from the presenter's base to the school and back, to one decimal."""
    return round(2 * road_miles(home, school), 1)
