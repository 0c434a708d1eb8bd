"""The one import path for observations: JSON rows, CSV/XLSX uploads, scheduled pulls and the demo loader."""
