import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
application = get_wsgi_application()

from newsroom.startup import refuse_to_serve_insecurely  # noqa: E402  (needs settings loaded)

refuse_to_serve_insecurely()
