"""Six districts and about sixty schools, roughly as in an English county."""

import random

from ..models import District, School

DISTRICTS = [
    "Ashby Vale",
    "Brackenfield",
    "Coldharbour",
    "Dunmore Coast",
    "Elmstead",
    "Fenwick Moor",
]
# A point near each district's middle on the British National Grid (metres): a county
# about 50 km across, the moor out to the north-west and the coast to the east.
DISTRICT_POINTS = {
    "Ashby Vale": (432_000, 318_000),
    "Brackenfield": (441_500, 327_500),
    "Coldharbour": (425_000, 331_000),
    "Dunmore Coast": (462_000, 322_000),
    "Elmstead": (448_000, 305_500),
    "Fenwick Moor": (412_000, 349_000),
}

_PLACES = [
    "Oakfield",
    "Riverside",
    "St Anne's",
    "Hillcrest",
    "Meadowbank",
    "Kingsway",
    "Moorside",
    "Church Lane",
    "Beacon",
    "Harbour View",
    "Larkrise",
    "Millbrook",
    "Westgate",
    "Orchard",
    "Highfield",
    "Fairmead",
    "Northgate",
    "Brookside",
    "Greenacres",
    "Castle Hill",
    "Abbey",
    "Southmead",
    "Windmill",
    "Rowan",
    "Thornbury",
    "Elm Grove",
    "Priory",
    "Valley",
    "Wren",
    "Cedars",
]

# (phase, name ending, share of schools, pupil range) roughly as in an English county.
_KINDS = [
    (School.Phase.PRIMARY, "Primary School", 0.55, (90, 450)),
    (School.Phase.PRIMARY, "Infant School", 0.07, (60, 270)),
    (School.Phase.SECONDARY, "Academy", 0.18, (650, 1650)),
    (School.Phase.SECONDARY, "High School", 0.08, (600, 1400)),
    (School.Phase.MIDDLE, "Middle School", 0.04, (300, 600)),
    (School.Phase.ALL_THROUGH, "All-through Academy", 0.03, (900, 1900)),
    (School.Phase.SIXTEEN_PLUS, "Sixth Form College", 0.03, (400, 1500)),
    (School.Phase.NURSERY, "Nursery School", 0.02, (40, 120)),
]


def _kind(rng):
    roll, total = rng.random(), 0
    for kind in _KINDS:
        total += kind[2]
        if roll < total:
            return kind
    return _KINDS[0]


def seed_schools(count=60):
    """Six districts and about sixty schools; the same ones on every run."""
    rng = random.Random(2026)
    districts = [
        District.objects.update_or_create(
            name=name,
            defaults={"easting": DISTRICT_POINTS[name][0], "northing": DISTRICT_POINTS[name][1]},
        )[0]
        for name in DISTRICTS
    ]
    urn = 103200
    for index in range(count):
        place = _PLACES[index % len(_PLACES)]
        phase, ending, _share, (low, high) = _kind(rng) if index else _KINDS[2]
        district = districts[index % len(districts)]
        # URNs rise through the county as GIAS numbers them: older schools low, academies high.
        urn += rng.randint(150, 900) if index < 40 else rng.randint(1500, 3000)
        School.objects.update_or_create(
            urn=urn,
            defaults={
                "name": f"{place} {ending}"
                + (f" ({district.name})" if index >= len(_PLACES) else ""),
                "phase": phase,
                "district": district,
                "postcode": f"WS{index % 9 + 1} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                "number_of_pupils": rng.randint(low, high),
                "is_open": index != count - 1,
            },
        )
    return School.objects.count()
