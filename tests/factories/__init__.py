"""Factories, one module per package; everything is importable from here."""

from .core import *  # noqa: F403
from .core import EmailAddress  # noqa: F401
