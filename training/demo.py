"""Demo training events, registrations, registers, feedback and certificates."""


def seed():
    """Idempotent; returns a one-line summary for seed_demo to print."""
    return ""
