"""The vocabulary of the access matrix: answers, rows of answers by role, addresses."""

from collections.abc import Callable
from dataclasses import dataclass

from .world import ROLES

SIGN_IN = "sign-in"  # a redirect to the sign-in page
SET_UP_MFA = "set-up-mfa"  # a redirect to set up an authenticator first
OK = 200
DONE = 302  # the action was carried out and the browser sent on (not to sign in)
INVALID = 400  # the page again with the form's or the rule's message
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405  # the address takes only the other method

# Roles that never hold an account, so pages behind sign-in send them to sign in.
WITHOUT_ACCOUNT = ("anonymous", "pupil")


def everyone(status, **by_role):
    """The same answer for every role, except those named."""
    unknown = by_role.keys() - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return {**dict.fromkeys(ROLES, status), **by_role}


def signed_in(status, **by_role):
    """Sign-in first for people without an account, then `status` unless named."""
    return everyone(status, **dict.fromkeys(WITHOUT_ACCOUNT, SIGN_IN), **by_role)


def coordinators(status=OK, others=FORBIDDEN):
    return signed_in(others, coordinator=status, superuser=status)


def presenters(status=OK):
    return signed_in(FORBIDDEN, presenter=status, other_presenter=status)


def post_only(post):
    """GET is refused for the method (after sign-in, when the address needs it)."""
    get = {role: (SIGN_IN if post[role] == SIGN_IN else NOT_ALLOWED) for role in ROLES}
    return {"get": get, "post": post}


@dataclass
class Address:
    """A concrete URL for a route, the POST body, and the expected answers by role.

    `school_a` marks an address that opens a record of school A: staff of school B
    (and anyone else outside it) must get 403 or 404 there, never the record.
    """

    build: Callable  # world -> path
    get: dict
    post: dict = None  # None: POST answers like GET
    data: Callable = None  # (world, role) -> POST body; None: an empty POST
    school_a: bool = False

    def expected(self, method, role):
        row = self.post if method == "post" and self.post is not None else self.get
        return row[role]


def address(build, *, get=None, post=None, data=None, school_a=False, rows=None):
    """An Address from either get/post rows or a `post_only(...)` pair."""
    if rows is not None:
        get, post = rows["get"], rows["post"]
    return Address(build, get=get, post=post, data=data, school_a=school_a)
