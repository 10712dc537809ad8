"""Settings every test shares: Hypothesis runs derandomized, so the suite is deterministic."""

from hypothesis import HealthCheck, settings

# derandomize: the examples follow from each test's own code, the same on every run and machine;
# no example database, so nothing is written beside the sources.
settings.register_profile("natal", derandomize=True, database=None, deadline=None, max_examples=60,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("natal")
