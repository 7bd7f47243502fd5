"""Demo training events, registrations, registers, feedback and certificates."""

from training.demo_feedback import seed_feedback


def seed():
    """Idempotent; returns a one-line summary for seed_demo to print."""
    summaries = []
    summaries.append(seed_feedback())  # last: builds on deliveries, registers and events
    return ", ".join(s for s in summaries if s)
