"""The circuit breaker's states, on a clock the test moves."""

from ilteo_gateway.upstream.breaker import BreakerState, CircuitBreaker


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def breaker(clock: Clock) -> CircuitBreaker:
    return CircuitBreaker(failure_threshold=3, reset_s=10, clock=clock)


class TestCircuitBreaker:
    def test_stays_closed_below_the_threshold(self) -> None:
        subject = breaker(Clock())
        subject.record_failure()
        subject.record_failure()

        assert subject.state is BreakerState.CLOSED
        assert subject.allow()

    def test_a_success_resets_the_count(self) -> None:
        subject = breaker(Clock())
        subject.record_failure()
        subject.record_failure()
        subject.record_success()
        subject.record_failure()
        subject.record_failure()

        assert subject.state is BreakerState.CLOSED

    def test_opens_at_the_threshold_and_refuses(self) -> None:
        clock = Clock()
        subject = breaker(clock)
        for _ in range(3):
            subject.record_failure()

        assert subject.state is BreakerState.OPEN
        assert not subject.allow()
        assert subject.retry_after_s() == 10

    def test_half_open_after_the_pause_lets_one_trial_through(self) -> None:
        clock = Clock()
        subject = breaker(clock)
        for _ in range(3):
            subject.record_failure()
        clock.now += 10

        assert subject.state is BreakerState.HALF_OPEN
        assert subject.allow()
        assert not subject.allow()

    def test_a_successful_trial_closes(self) -> None:
        clock = Clock()
        subject = breaker(clock)
        for _ in range(3):
            subject.record_failure()
        clock.now += 10
        subject.allow()
        subject.record_success()

        assert subject.state is BreakerState.CLOSED
        assert subject.allow()

    def test_a_failed_trial_opens_again_for_a_full_pause(self) -> None:
        clock = Clock()
        subject = breaker(clock)
        for _ in range(3):
            subject.record_failure()
        clock.now += 10
        subject.allow()
        subject.record_failure()

        assert subject.state is BreakerState.OPEN
        clock.now += 9.9
        assert not subject.allow()
        clock.now += 0.1
        assert subject.allow()
