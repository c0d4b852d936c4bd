"""Structured logs: one JSON object a line on stderr (``LOG_FORMAT=json``, the default) or plain
text for people (``LOG_FORMAT=text``), every line stamped with the request id it belongs to.

The request id is set by ``newsroom.middleware.RequestLogMiddleware`` for a request and by the
worker for a background task (the id of the request that queued it), so a delivery's log lines can
be found from the request that caused it. It lives in a context variable; every log record made
while it is set carries it as ``record.request_id`` (see ``install_request_id_on_records``).
"""

import json
import logging
import re
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

_request_id: ContextVar[str] = ContextVar("request_id", default="")

# What a proxy may hand us as a request id: short and harmless in a header, a log or a JSON field.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

# Extra fields a log call may pass (``extra={...}``) that the JSON line keeps.
FIELDS = ("method", "path", "status", "duration_ms", "user_id", "delivery", "delivery_status", "response_code")


def new_request_id() -> str:
    return uuid.uuid4().hex


def accepted_request_id(offered: str | None) -> str:
    """The proxy's ``X-Request-ID`` when it is sane (1-64 of ``A-Za-z0-9._-``), a new one otherwise."""
    return offered if offered and _SANE_REQUEST_ID.fullmatch(offered) else new_request_id()


def current_request_id() -> str:
    return _request_id.get()


@contextmanager
def bound_request_id(request_id: str):
    """Every log line inside the block carries ``request_id``."""
    token = _request_id.set(request_id)
    try:
        yield request_id
    finally:
        _request_id.reset(token)


def install_request_id_on_records():
    """Stamp every log record with the current request id when it is made (not when it is
    formatted, which may happen elsewhere or later). Called once, from ``NewsroomConfig.ready``."""
    make_record = logging.getLogRecordFactory()
    if getattr(make_record, "stamps_request_id", False):
        return

    def record_with_request_id(*args, **kwargs):
        record = make_record(*args, **kwargs)
        record.request_id = _request_id.get()
        return record

    record_with_request_id.stamps_request_id = True
    logging.setLogRecordFactory(record_with_request_id)


def request_id_of(record) -> str:
    """The id stamped on the record, or that of the request Django passes along when it logs an
    error answer after the middleware has finished (``extra={"request": ...}``)."""
    stamped = getattr(record, "request_id", "") or current_request_id()
    return stamped or getattr(getattr(record, "request", None), "request_id", "")


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message", "request_id", ...fields, "traceback"}`` on one line."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = request_id_of(record)
        if request_id:
            entry["request_id"] = request_id
        entry.update({name: getattr(record, name) for name in FIELDS if getattr(record, name, None) is not None})
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        elif record.stack_info:
            entry["traceback"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    """For people at a terminal: time, level, logger, [request id], message (and any traceback)."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record):
        record.request_id = request_id_of(record) or "-"
        return super().format(record)
