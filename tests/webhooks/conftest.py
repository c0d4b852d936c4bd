import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from webhooks.worker import Worker


@pytest.fixture(autouse=True)
def _keep_the_test_transaction(monkeypatch):
    """The worker closes "obsolete" connections between tasks, and a connection inside the test's
    transaction looks obsolete (autocommit off). Django's own test cases disconnect the same call."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def work_off_queue() -> int:
    """The real database worker, in this process, until nothing is due; how many tasks ran."""
    before = DBTaskResult.objects.finished().count()
    Worker().run()
    return DBTaskResult.objects.finished().count() - before
