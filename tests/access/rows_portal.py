"""Expected answers: the portal's own pages and the site search."""

from training.services.events import draft_event_message

from .expect import DONE, NOT_ALLOWED, OK, SIGN_IN, address, coordinators, everyone, signed_in


def _draft(w):
    """A message to everyone on the event, checked but not yet sent."""
    message = draft_event_message(
        w.event, subject="Room change", body="Room 4.", by=w.users["coordinator"]
    )
    return f"/messages/{message.pk}/"


ADDRESSES = {
    "healthz": address(lambda w: "/healthz", get=everyone(OK), post=everyone(NOT_ALLOWED)),
    "dashboard": address(lambda w: "/dashboard/", get=signed_in(OK), post=signed_in(NOT_ALLOWED)),
    # A download of the signed-in person's own data (what is in it: test_exports.py).
    "account_data": address(
        lambda w: "/account/your-data/", get=signed_in(OK), post=signed_in(NOT_ALLOWED)
    ),
    # POST without the password shows the form again with a message.
    "account_close": address(lambda w: "/account/close/", get=signed_in(OK), post=signed_in(OK)),
    # Wagtail's front-end sign-in only sends everyone to allauth's (two-factor, limits).
    "wagtailcore_login_redirect": address(
        lambda w: "/_util/login/", get=everyone(SIGN_IN), post=everyone(SIGN_IN)
    ),
    # The privacy notice, cookies page and accessibility statement: public, read only.
    **{
        name: address(
            lambda w, name=name: f"/{name}/", get=everyone(OK), post=everyone(NOT_ALLOWED)
        )
        for name in ("privacy", "cookies", "accessibility")
    },
    "cms:search": address(
        lambda w: "/search/?q=knife", get=everyone(OK), post=everyone(NOT_ALLOWED)
    ),
    # Messages to many: coordinators only; any coordinator may send a draft.
    "message_list": address(
        lambda w: "/messages/", get=coordinators(), post=signed_in(NOT_ALLOWED)
    ),
    "message_detail": address(_draft, get=coordinators(), post=coordinators(DONE)),
}
