"""The one background process (``manage.py run_worker``).

django-tasks' database worker runs the queued tasks (webhook deliveries and their retries); between
its passes the worker looks for scheduled articles that went live with no save
(``events.check_publications``), which no task could notice, and queues again any delivery whose
task was lost (``delivery.requeue_stalled``). One process, one start command.
"""

import time

from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker

from newsroom.logging import bound_request_id, new_request_id

from . import delivery, events


class Worker(DatabaseWorker):
    def __init__(self, *, interval: float = 2.0):
        # Batch mode: each ``run()`` works off every task that is due, then returns here.
        super().__init__(
            queue_names=[DEFAULT_TASK_QUEUE_NAME],
            interval=interval,
            batch=True,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )

    def run_forever(self, *, once=False):
        """Until SIGTERM/SIGINT (``configure_signals``): the library finishes the task in hand, and
        a stop while sleeping exits at once."""
        while self.running:
            self.check_publications()
            self.run()
            delivery.requeue_stalled()
            if once or not self.running:
                return
            time.sleep(self.interval)

    def check_publications(self):
        # Counted as a task, so a stop signal waits for the check to commit instead of exiting midway.
        # Its own request id, which the announcements it queues carry into their log lines.
        self.running_task = True
        try:
            with bound_request_id(new_request_id()):
                return events.check_publications()
        finally:
            self.running_task = False

    def run_task(self, db_task_result):
        # Every log line of the task, the library's "started"/"finished" included, carries the id
        # of the request that queued it.
        request_id = db_task_result.args_kwargs.get("kwargs", {}).get("request_id") or new_request_id()
        with bound_request_id(request_id):
            super().run_task(db_task_result)
