"""The service's own Prometheus counters, beside the HTTP ones of the frame."""

from prometheus_client import Counter

APPLICATIONS_RECEIVED = Counter(
    "ilteo_applications_received_total",
    "Applications stored, by the status they were given (received or waitlisted)",
    ["status"],
)
APPLICATIONS_REPLAYED = Counter(
    "ilteo_applications_replayed_total",
    "Submissions answered with an application stored before (same idempotency key)",
)
STATUS_CHANGES = Counter(
    "ilteo_applications_status_changes_total",
    "Status changes of applications, by old and new status",
    ["from_status", "to_status"],
)
DATABASE_UNAVAILABLE = Counter(
    "ilteo_applications_database_unavailable_total",
    "Requests answered 503 because PostgreSQL could not be reached",
)
