"""Django's PostgreSQL backend, for values bound by the server (settings ``DB_PREPARED_STATEMENTS``).

Bound by the server, a query carries at most 65,535 parameters (the protocol counts them in two
bytes), where values written into the SQL text had no limit. Django's own backend does not batch
for that, so deleting or creating more rows than that at once (the admin's "delete selected" over
a whole archive, whose cascades ask for every article's bylines in one query) would fail. Here the
batches stay under the limit, as Django's SQLite backend keeps them under SQLite's.
"""

from django.db.backends.postgresql import base, features, operations

MAX_QUERY_PARAMS = 65_535


class DatabaseFeatures(features.DatabaseFeatures):
    @property
    def max_query_params(self):
        # ``in_bulk`` reads it to split a long list of keys.
        return MAX_QUERY_PARAMS if self.uses_server_side_binding else None


class DatabaseOperations(operations.DatabaseOperations):
    def bulk_batch_size(self, fields, objs):
        """Rows per INSERT (``bulk_create``) or keys per cascade query (deletion), within the limit."""
        if not self.connection.features.uses_server_side_binding:
            return super().bulk_batch_size(fields, objs)
        return max(1, MAX_QUERY_PARAMS // max(len(fields), 1))


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
    ops_class = DatabaseOperations
