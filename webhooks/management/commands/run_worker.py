import signal
import time

from django.core.management.base import BaseCommand

from webhooks import delivery


class Command(BaseCommand):
    help = "The background worker: announces scheduled articles as they go live and sends webhook deliveries."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between passes (default 2).")
        parser.add_argument("--once", action="store_true", help="Run one pass and exit.")

    def handle(self, *args, interval, once, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        if options["verbosity"]:
            self.stdout.write(f"Worker started (every {interval:g}s).")
        while self.running:
            published, sent = delivery.run_once()
            if (published or sent) and options["verbosity"]:
                self.stdout.write(f"{published} article(s) went live, {sent} deliver(y/ies) attempted.")
            if once:
                break
            time.sleep(interval)

    def stop(self, signum, frame):
        self.running = False
