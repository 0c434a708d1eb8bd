"""Accountability pages: letters, reviews, bodies, reports, recommendations and frameworks."""
