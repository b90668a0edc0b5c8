-- Programs that take applications, the applications, their status history, and the
-- per-year counters behind receipt numbers.

CREATE TABLE programs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title text NOT NULL,
    description text NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    capacity integer NOT NULL CHECK (capacity > 0),
    when_full text NOT NULL CHECK (when_full IN ('waitlist', 'refuse')),
    eligibility jsonb NOT NULL,
    questions jsonb NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT programs_period_ends_after_start CHECK (ends_at > starts_at)
);

CREATE INDEX programs_by_start ON programs (starts_at DESC, id);

-- One row per year; the row lock taken by the increment serialises receipt numbers
-- and a rolled-back application gives its number back, so they have no gaps.
CREATE TABLE receipt_counters (
    year integer PRIMARY KEY,
    last_number integer NOT NULL CHECK (last_number > 0)
);

CREATE TABLE applications (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    program_id uuid NOT NULL REFERENCES programs (id),
    subject text NOT NULL,
    receipt_number text NOT NULL,
    status text NOT NULL CHECK (
        status IN (
            'received', 'under_review', 'accepted', 'rejected', 'waitlisted',
            'cancelled'
        )
    ),
    applicant jsonb NOT NULL,
    answers jsonb NOT NULL,
    idempotency_key text NOT NULL,
    request_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT applications_receipt_number_unique UNIQUE (receipt_number),
    -- A double submit (same citizen, same key) can only ever store one row.
    CONSTRAINT applications_idempotency_key_unique UNIQUE (subject, idempotency_key)
);

-- One live application per citizen and program; a cancelled one may be followed.
CREATE UNIQUE INDEX applications_one_live_per_program
    ON applications (program_id, subject)
    WHERE status <> 'cancelled';
CREATE INDEX applications_by_program ON applications (program_id, created_at, id);
CREATE INDEX applications_by_subject ON applications (subject, created_at DESC, id);

CREATE TABLE application_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES applications (id),
    from_status text,
    to_status text NOT NULL,
    actor_subject text NOT NULL,
    actor_role text NOT NULL CHECK (actor_role IN ('citizen', 'operator')),
    note text,
    at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX application_events_by_application
    ON application_events (application_id, id);
