"""The distance estimate the planner states: 1.3 road miles per straight-line mile,
driven at 25 mph."""

import pytest

from schools.planner.distance import road_miles, round_trip_miles, travel_minutes


def test_a_straight_mile_is_1_3_road_miles():
    assert road_miles((0, 0), (1609.344, 0)) == pytest.approx(1.3)


def test_driving_time_is_at_25_mph_rounded_up_to_the_minute():
    assert travel_minutes((0, 0), (30_000, 0)) == 59  # 24.2 road miles
    assert travel_minutes((0, 0), (0, 0)) == 0


def test_a_visit_counts_the_round_trip_from_the_presenter():
    assert round_trip_miles((0, 0), (3_000, 4_000)) == pytest.approx(8.1)
