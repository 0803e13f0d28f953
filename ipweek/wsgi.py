"""WSGI entry point (granian serves ``ipweek.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipweek.settings")
application = get_wsgi_application()
