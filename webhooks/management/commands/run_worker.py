from django.core.management.base import BaseCommand

from webhooks.worker import Worker


class Command(BaseCommand):
    help = (
        "The background worker: runs queued tasks (webhook deliveries, with retries) and announces "
        "scheduled articles as they go live. Stops cleanly on SIGTERM/SIGINT."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between passes (default 2).")
        parser.add_argument("--once", action="store_true", help="Run one pass (what is due now) and exit.")

    def handle(self, *args, interval, once, **options):
        worker = Worker(interval=interval)
        if not once:
            worker.configure_signals()
            if options["verbosity"]:
                self.stdout.write(f"Worker started (every {interval:g}s).")
        worker.run_forever(once=once)
