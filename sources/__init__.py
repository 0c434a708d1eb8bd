"""Scheduled pulls from statistical sources (issue 4, DESIGN §5).

`fetch` does the HTTP (timeouts, size limit, host allow-list, retries, conditional requests); `services`
holds every write (sources, their beat schedules, runs); `selectors` and `permissions` decide who sees what.
Parsing is `sources.connectors`; writing observations is `metrics.services.observation_import`.
"""
