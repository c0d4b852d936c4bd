"""Django's Redis cache, reusing one redis-py client per connection pool.

Django's backend builds a new ``redis.Redis`` for every command, and redis-py's constructor fills
a table of some 170 response callbacks each time: more CPU than the command itself, twice on every
page-cache hit. redis-py's clients are thread-safe and meant to be shared, so one per pool serves
every command. Chosen by ``CACHE_URL=redis://...`` (newsroom/settings.py).
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
