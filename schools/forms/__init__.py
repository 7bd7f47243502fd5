"""The forms people fill in, one module per area (memberships, bookings, presenters)."""
