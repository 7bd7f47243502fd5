"""Which fuzz test covers which address, for the discovery test in test_routes.py."""

COVERED = {}


def fuzzes(*names):
    """Record that the decorated test posts hostile input to the named addresses."""

    def mark(test):
        for name in names:
            COVERED.setdefault(name, []).append(f"{test.__module__}.{test.__name__}")
        return test

    return mark
