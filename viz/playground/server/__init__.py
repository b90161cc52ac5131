"""The HTTP server and its safety: what carries the page's requests to :mod:`viz.playground.api`.

- ``http_server``: the threaded server (connections, its limits, ``serve``);
- ``handler``: one HTTP exchange (headers within budget, body, JSON answer);
- ``header_checks``: what a request's headers must show (Host, origin, content type);
- ``static_files``: the page's files, read once by URL path.
"""
