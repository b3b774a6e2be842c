"""The one base of the errors a command tells in one line (and exits 1): something it could
not do for a reason the user can act on, never a bug."""


class NewsarchiveError(Exception):
    """Raised by the library for an expected failure; the CLI prints its message alone."""
