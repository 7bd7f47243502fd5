"""Expected answers: certificates. Anyone verifies a code; holders and their school
download; only coordinators issue, revoke and run batches."""

from .expect import (
    DONE,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    address,
    coordinators,
    everyone,
    signed_in,
)

# Issuing is POST only, refused for the method before anything else is checked.
ISSUE = {"get": everyone(NOT_ALLOWED), "post": coordinators(DONE)}

ADDRESSES = {
    "training:certificate_verify_form": address(
        lambda w: "/certificates/verify/", get=everyone(OK), post=everyone(OK)
    ),
    # The code printed on staff_a's certificate: name, course, date and issuer only.
    "training:certificate_verify": address(
        lambda w: f"/certificates/verify/{w.certificate.code}/", get=everyone(OK)
    ),
    "training:certificates": address(lambda w: "/certificates/", get=coordinators()),
    # POST starts a new run (the earlier one has finished), holders not emailed.
    "training:certificate_event": address(
        lambda w: f"/certificates/events/{w.past_event.pk}/",
        get=coordinators(),
        post=coordinators(DONE),
        data=lambda w, role: {"email_holders": ""},
        school_a=True,
    ),
    "training:certificate_batch": address(
        lambda w: f"/certificates/runs/{w.batch.pk}/", get=coordinators(), school_a=True
    ),
    # Cancelling is POST only; the run has finished, so a coordinator is told so.
    "training:certificate_batch_cancel": address(
        lambda w: f"/certificates/runs/{w.batch.pk}/cancel/", rows=ISSUE, school_a=True
    ),
    "training:certificate_batch_zip": address(
        lambda w: f"/certificates/runs/{w.batch.pk}/zip/", get=coordinators(), school_a=True
    ),
    "training:certificate_issue": address(
        lambda w: f"/certificates/registrations/{w.attended.pk}/issue/",
        rows=ISSUE,
        school_a=True,
    ),
    "training:certificate_issue_school": address(
        lambda w: f"/certificates/deliveries/{w.delivered.pk}/issue/",
        rows=ISSUE,
        school_a=True,
    ),
    # staff_a's own training certificate: the holder and coordinators.
    "training:certificate_download#training": address(
        lambda w: f"/certificates/{w.certificate.number}/download/",
        get=signed_in(NOT_FOUND, staff_a=OK, coordinator=OK, superuser=OK),
        school_a=True,
    ),
    # School A's participation certificate: its approved staff and coordinators.
    "training:certificate_download#school": address(
        lambda w: f"/certificates/{w.school_certificate.number}/download/",
        get=signed_in(NOT_FOUND, staff_a=OK, dsl_a=OK, coordinator=OK, superuser=OK),
        school_a=True,
    ),
    "training:certificate_revoke": address(
        lambda w: f"/certificates/{w.certificate.number}/revoke/",
        get=coordinators(),
        post=coordinators(DONE),
        data=lambda w, role: {"reason": "Issued for the wrong event."},
        school_a=True,
    ),
    "training:certificate_reissue": address(
        lambda w: f"/certificates/{w.certificate.number}/reissue/",
        rows=ISSUE,
        school_a=True,
    ),
}
