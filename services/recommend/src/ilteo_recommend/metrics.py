"""The service's own Prometheus counters, beside the HTTP ones of the frame."""

from prometheus_client import Counter, Histogram

DEPENDENCY_UNAVAILABLE = Counter(
    "ilteo_recommend_dependency_unavailable_total",
    "Requests answered 503 because Redis or OpenSearch could not answer",
    ["dependency"],
)
RECOMMENDATIONS_SERVED = Counter(
    "ilteo_recommend_recommendations_total",
    "Recommendation lists served, by kind and ranking strategy",
    ["kind", "strategy"],
)
FEEDBACK_RECEIVED = Counter(
    "ilteo_recommend_feedback_total",
    "Feedback stored, by action",
    ["action"],
)
FEEDBACK_FORGOTTEN = Counter(
    "ilteo_recommend_feedback_forgotten_total",
    "Feedback taken back by its owner, by the action it was",
    ["action"],
)
EMBEDDING_SECONDS = Histogram(
    "ilteo_recommend_profile_embedding_seconds",
    "Time of one encode call, of one or more profile texts",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
EMBEDDING_BATCH_TEXTS = Histogram(
    "ilteo_recommend_profile_embedding_batch_texts",
    "Profile texts embedded together in one encode call",
    buckets=(1, 2, 4, 8, 16),
)
DIGESTS_SENT = Counter(
    "ilteo_recommend_digests_sent_total",
    "Digest e-mails the SMTP server accepted, by period",
    ["period"],
)
DIGESTS_SKIPPED = Counter(
    "ilteo_recommend_digests_skipped_total",
    "Subscribers a digest run passed over, by period and reason",
    ["period", "reason"],
)
DIGESTS_FAILED = Counter(
    "ilteo_recommend_digests_failed_total",
    "Digests not delivered: permanent (5xx) or temporary after every retry",
    ["period", "reason"],
)
DIGEST_SEND_RETRIES = Counter(
    "ilteo_recommend_digest_send_retries_total",
    "SMTP sends retried after a temporary failure (4xx or connection)",
)
SUBSCRIPTION_MAILS = Counter(
    "ilteo_recommend_subscription_mails_total",
    "Confirmation e-mails, by outcome (sent or failed)",
    ["outcome"],
)
BOUNCES = Counter(
    "ilteo_recommend_bounces_total",
    "Messages read from the bounce Maildir, by outcome (recorded, delayed, "
    "ignored, unmatched, deferred)",
    ["outcome"],
)
