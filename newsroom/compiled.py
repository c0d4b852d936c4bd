"""Querysets compiled to SQL once per process, then bound to each call's values.

The reader pages ask the same few questions on every request with other values (this moment, this
topic, this page of stories), and Django builds and compiles the SQL anew each time, which cost an
uncached page more than the database spent answering it. Here a query is built once with stand-in
values, its SQL is kept, and each call puts its own values where the stand-ins landed among the
parameters. The queryset stays the definition (``published()`` remains the one rule); only the
work of turning it into SQL is saved.

Values may be datetimes, integers, strings (compared, or inside a ``startswith`` pattern) and lists
of integers, whose length is part of the query's shape. A builder that writes a value into the SQL
text instead of passing it as a parameter is refused when first compiled.
"""

import functools
from datetime import UTC, datetime, timedelta

from django.db import connections

_FIRST_MOMENT = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)  # no row holds a moment like these
_FIRST_NUMBER = -1_987_654_321  # within every integer column's range, and no id is negative


def compiled(build, *values, bounds=None, db="default", bind_offset=False):
    """``(sql, params)`` of ``build(*values)``, sliced to ``bounds`` (a ``(start, stop)`` pair).
    ``build`` is a module-level function of the values alone: with the values' shape it is the
    cache key. The page size is written into the SQL text; the offset of any page but the first
    is a parameter (Django writes a slice into the text), so reading page after page of a listing
    never grows the cache. A prepared statement's generic plan knows neither a parameter's page
    size nor its offset (it guesses a tenth of the table for an offset): planned for those
    guesses, an author's page walked all their bylines and sorted them (0.9 ms where, knowing it
    wants 21 rows, it walks the newest articles until it has them: 0.45 ms), and the latest and
    the feed's queries looked dearer generic than planned for their values, so PostgreSQL planned
    them again on every request. The first page, by far the most read, has no offset;
    ``bind_offset=True`` binds it there too (search: ``articles.search`` says why)."""
    shape = tuple(_shape(value) for value in values)
    sql, params, slots = _compile(build, shape, db)
    atoms = [atom for value in values for atom in (value if isinstance(value, list) else [value])]
    ops = connections[db].ops
    params = list(params)
    for index, atom_index, pattern in slots:
        atom = atoms[atom_index]
        if isinstance(atom, datetime):
            params[index] = ops.adapt_datetimefield_value(atom)
        elif pattern is not None:
            params[index] = pattern.replace(_stand_in(str, atom_index), ops.prep_for_like_query(atom))
        else:
            params[index] = atom
    if bounds is not None:
        start, stop = bounds
        sql = f"{sql} LIMIT {int(stop - start)}"
        if start or bind_offset:
            sql, params = f"{sql} OFFSET %s", [*params, start]
    return sql, params


def _shape(value):
    if isinstance(value, list):
        if not all(type(item) is int for item in value):
            raise TypeError("only lists of integers can be bound")
        return (list, len(value))
    if type(value) not in (datetime, int, str):
        raise TypeError(f"cannot bind a {type(value).__name__}")
    return (type(value),)


def _stand_in(kind, index):
    if kind is datetime:
        return _FIRST_MOMENT + timedelta(microseconds=index + 1)
    if kind is int:
        return _FIRST_NUMBER - index
    return f"standin{index:04d}value"


@functools.cache
def _compile(build, shape, db):
    stand_ins, atom_kinds = [], []
    for kind, *length in shape:
        if kind is list:
            items = [_stand_in(int, len(atom_kinds) + offset) for offset in range(length[0])]
            atom_kinds += [int] * length[0]
            stand_ins.append(items)
        else:
            stand_ins.append(_stand_in(kind, len(atom_kinds)))
            atom_kinds.append(kind)
    sql, params = build(*stand_ins).query.get_compiler(db).as_sql()
    ops = connections[db].ops
    slots, found = [], set()
    for index, param in enumerate(params):
        for atom_index, kind in enumerate(atom_kinds):
            slot = _slot(ops, param, kind, _stand_in(kind, atom_index))
            if slot is not False:
                slots.append((index, atom_index, slot))
                found.add(atom_index)
    if len(found) != len(atom_kinds):
        raise ValueError(f"{getattr(build, '__qualname__', build)} does not pass every value as a parameter")
    return sql, tuple(params), tuple(slots)


def _slot(ops, param, kind, stand_in):
    """Whether ``param`` is where ``stand_in`` landed: False if not, else None (the value itself)
    or the LIKE pattern around it."""
    if kind is datetime:
        return None if param == ops.adapt_datetimefield_value(stand_in) else False
    if kind is int:
        return None if type(param) is int and param == stand_in else False
    if isinstance(param, str) and stand_in in param:
        return None if param == stand_in else param
    return False
