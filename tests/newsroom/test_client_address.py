"""Login throttling behind a load balancer counts the reader's address, not the balancer's."""

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
BALANCER = "10.0.0.2"


def attempt(username, password, *, forwarded_for):
    client = Client(REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=forwarded_for)
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})


@pytest.fixture
def staff():
    return UserFactory(username="ada")


def test_behind_a_trusted_balancer_one_readers_failures_do_not_lock_the_others_out(settings, staff):
    settings.TRUSTED_PROXY_COUNT = 1
    for i in range(5):
        attempt(f"guess{i}", "wrong", forwarded_for="198.51.100.7")
    assert attempt("ada", "correct-horse-battery", forwarded_for="198.51.100.7").status_code == 429
    assert attempt("ada", "correct-horse-battery", forwarded_for="198.51.100.8").status_code == 302


def test_an_address_the_client_made_up_is_not_believed(settings, staff):
    """The balancer appends the address it saw; whatever the client put in front proves nothing."""
    settings.TRUSTED_PROXY_COUNT = 1
    for i in range(5):
        attempt(f"guess{i}", "wrong", forwarded_for=f"192.0.2.{i}, 198.51.100.7")
    assert attempt("ada", "correct-horse-battery", forwarded_for="192.0.2.99, 198.51.100.7").status_code == 429


def test_without_trusted_proxies_the_header_is_ignored(settings, staff):
    settings.TRUSTED_PROXY_COUNT = 0
    for i in range(5):
        attempt(f"guess{i}", "wrong", forwarded_for=f"192.0.2.{i}")
    assert attempt("ada", "correct-horse-battery", forwarded_for="192.0.2.99").status_code == 429  # all from BALANCER
