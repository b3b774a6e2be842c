"""Item pipeline stages, one class per stage, each a thin adapter over ``crawler``:
decode -> extract -> clean -> filter -> archive (order set in ``crawler/settings.py``)."""
