"""The playground's JSON API, whatever carries it (the HTTP server or the site's Web Worker).

- ``routes``: each API path and what answers it;
- ``sessions``: the store of live sessions (how many, how long an unused one is kept);
- ``request_bodies``: the checks of the API's request bodies (points, train, state, ...);
- ``fields``: the typed-field checks those are built from, and :class:`BadRequest`.
"""
