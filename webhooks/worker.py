"""The one background process (``manage.py run_worker``).

django-tasks' database worker runs the queued tasks (webhook deliveries and their retries); between
its passes the worker looks for scheduled articles that went live with no save
(``events.check_publications``), which no task could notice. One process, one start command.
"""

import time

from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker

from . import events


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
            if once or not self.running:
                return
            time.sleep(self.interval)

    def check_publications(self):
        # Counted as a task, so a stop signal waits for the check to commit instead of exiting midway.
        self.running_task = True
        try:
            return events.check_publications()
        finally:
            self.running_task = False
