"""Demo content for `python manage.py load_demo`: real public data plus clearly illustrative structures."""
