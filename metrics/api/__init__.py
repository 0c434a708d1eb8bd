"""The metrics REST API (DESIGN §4): catalogue reads and the two bulk-import endpoints."""
