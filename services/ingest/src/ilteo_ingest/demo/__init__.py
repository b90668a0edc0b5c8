"""The demo source: generated Incheon data served in the real providers' formats.

``DemoData`` generates every source's records from a seed and keeps their
ground truth; ``create_app`` serves them over HTTP under the providers' own
paths, and ``ilteo-demo-source`` runs that site.
"""

from ilteo_ingest.demo.data import DEFAULT_JOBS, DEFAULT_SEED, DemoData, warm_up
from ilteo_ingest.demo.model import SOURCE_IDS, Flaw, PayTruth, Record

__all__ = [
    "DEFAULT_JOBS",
    "DEFAULT_SEED",
    "SOURCE_IDS",
    "DemoData",
    "Flaw",
    "PayTruth",
    "Record",
    "warm_up",
]
