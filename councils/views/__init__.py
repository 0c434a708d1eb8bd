"""Council pages: councils, meetings and actions (`pages`), and check-in packs (`packs`)."""
