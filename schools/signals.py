"""Signals the schools package sends, so that packages built on it (training) can
act on a booking's changes without schools importing them."""

from django.dispatch import Signal

# A delivery was scheduled and committed (sent with sender=Delivery, delivery=...).
delivery_scheduled = Signal()
