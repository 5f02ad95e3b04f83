"""Excel in and out: the template, the importer (validate everything, then write everything in
one transaction) and the exporter. Sheets and headers come from ``sheets.py``."""
