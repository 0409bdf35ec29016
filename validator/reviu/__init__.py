"""The reviu documents: per report a findings document in the Inspektorat's shape.

Data flows one way: a checked report (runner.ReportResult) -> document.ReviuDocument
(every text already chosen and localised) -> one renderer per format (html, markdown,
xlsx) -> files written atomically by files.py. Renderers know nothing about rules.
"""
