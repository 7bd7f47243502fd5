"""Factories, one module per package. Core ones (users, schools) are importable from here:
`from tests import factories; factories.presenter()`; others from their module:
`from tests.factories import cms, schools, training`."""

from .core import *  # noqa: F403
from .core import EmailAddress  # noqa: F401
