"""Demo training events, registrations, registers, feedback and certificates."""

from .certificates import seed_certificates
from .events import seed_events_and_registers
from .feedback import seed_feedback


def seed():
    """Idempotent; returns a one-line summary for seed_demo to print."""
    summaries = [
        seed_events_and_registers(),
        seed_feedback(),  # builds on deliveries, registers and events
        # Certificates come last: they are for people who attended and registers taken.
        seed_certificates(),
    ]
    return ", ".join(s for s in summaries if s)
