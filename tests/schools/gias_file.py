"""A file in the shape of GIAS's "edubasealldata" download: its real header row
(a representative run of its columns, in its order), every field quoted, CRLF
line ends, Windows-1252, names with “é” and “’” and a quoted line break."""

HEADER = [
    "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName",
    "TypeOfEstablishment (code)", "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (code)", "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (code)", "EstablishmentStatus (name)",
    "ReasonEstablishmentOpened (code)", "ReasonEstablishmentOpened (name)", "OpenDate",
    "ReasonEstablishmentClosed (code)", "ReasonEstablishmentClosed (name)", "CloseDate",
    "PhaseOfEducation (code)", "PhaseOfEducation (name)", "StatutoryLowAge", "StatutoryHighAge",
    "Boarders (code)", "Boarders (name)", "NurseryProvision (name)",
    "OfficialSixthForm (code)", "OfficialSixthForm (name)", "Gender (code)", "Gender (name)",
    "ReligiousCharacter (code)", "ReligiousCharacter (name)", "ReligiousEthos (name)",
    "Diocese (code)", "Diocese (name)", "AdmissionsPolicy (code)", "AdmissionsPolicy (name)",
    "SchoolCapacity", "SpecialClasses (code)", "SpecialClasses (name)", "CensusDate",
    "NumberOfPupils", "NumberOfBoys", "NumberOfGirls", "PercentageFSM",
    "TrustSchoolFlag (code)", "TrustSchoolFlag (name)", "Trusts (code)", "Trusts (name)",
    "SchoolSponsorFlag (name)", "SchoolSponsors (name)", "FederationFlag (name)",
    "Federations (code)", "Federations (name)", "UKPRN", "FEHEIdentifier",
    "FurtherEducationType (name)", "OfstedLastInsp", "LastChangedDate", "Street", "Locality",
    "Address3", "Town", "County (name)", "Postcode", "SchoolWebsite", "TelephoneNum",
    "HeadTitle (name)", "HeadFirstName", "HeadLastName", "HeadPreferredJobTitle",
    "GOR (code)", "GOR (name)", "DistrictAdministrative (code)", "DistrictAdministrative (name)",
    "AdministrativeWard (code)", "AdministrativeWard (name)",
    "ParliamentaryConstituency (code)", "ParliamentaryConstituency (name)",
    "UrbanRural (code)", "UrbanRural (name)", "GSSLACode (name)", "Easting", "Northing",
    "MSOA (name)", "LSOA (name)", "Country (name)", "UPRN", "SiteName", "MSOA (code)",
    "LSOA (code)", "FSM",
]  # fmt: skip

WEST = {"LA (code)": "880", "LA (name)": "Westshire"}
EAST = {"LA (code)": "881", "LA (name)": "Eastshire"}


DEFAULTS = {
    "la": WEST,
    "district": "Ashby Vale",
    "phase": "Primary",
    "status": "Open",
    "kind": "Community school",
    "pupils": "210",
    "postcode": "WS1 1AA",
    "easting": "",
    "northing": "",
}


def school(urn, name, **given):
    """One row; `given` overrides DEFAULTS, and any other GIAS column by its name."""
    values = {**DEFAULTS, **{k: v for k, v in given.items() if k in DEFAULTS}}
    more = {k: v for k, v in given.items() if k not in DEFAULTS}
    return {
        "URN": str(urn),
        **values["la"],
        "EstablishmentName": name,
        "TypeOfEstablishment (name)": values["kind"],
        "EstablishmentStatus (name)": values["status"],
        "PhaseOfEducation (name)": values["phase"],
        "NumberOfPupils": values["pupils"],
        "Postcode": values["postcode"],
        "DistrictAdministrative (name)": values["district"],
        "Easting": values["easting"],
        "Northing": values["northing"],
        "HeadTitle (name)": "Mrs",
        "HeadFirstName": "Siân",
        "HeadLastName": "O’Neill",
        "Country (name)": "United Kingdom",
        **more,
    }


# The rows most tests use: five in Westshire (one closed, one further education
# college, one independent), two in Eastshire, one of which this portal would refuse
# (no district, a phase it does not know): outside the area chosen, it is skipped.
ROWS = [
    school(
        200001,
        "St Thérèse’s Catholic Primary School",
        easting="412345",
        northing="287654",
        Street="Church Lane\r\nOld Town",
        kind="Voluntary aided school",
    ),
    school(
        200002,
        "Ashby Vale Academy",
        phase="Secondary",
        kind="Academy converter",
        pupils="1104",
        postcode="ws2 7cd",
        easting="413000",
        northing="288000",
    ),  # fmt: skip
    school(
        200003, "Brackenfield Infant School", district="Brackenfield", status="Closed", pupils=""
    ),  # fmt: skip
    school(
        200004,
        "Westshire College",
        phase="16 plus",
        kind="Further education",
        district="Brackenfield",
        pupils="3500",
    ),  # fmt: skip
    school(
        200005,
        "Hollins Hall School",
        phase="Not applicable",
        kind="Other independent school",
        pupils="48",
    ),  # fmt: skip
    school(300001, "Eastshire Nursery", la=EAST, district="", phase="Unknown phase"),
    school(300002, "Eastgate Primary", la=EAST, district="Eastgate"),
]


def gias_bytes(rows=ROWS) -> bytes:
    def quoted(value):
        return '"' + value.replace('"', '""') + '"'

    lines = [",".join(quoted(column) for column in HEADER)]
    lines += [",".join(quoted(row.get(column, "")) for column in HEADER) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")
