"""The one failure of the state layer, said plainly."""


class StateError(Exception):
    """The database cannot be used: corrupt, read-only, full, locked, missing or gone."""


DISK_FULL = "the database could not be written: disk full"
