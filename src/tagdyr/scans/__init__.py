"""Scanned lists: from the page image to a table of cells, each with its box and confidence.

``pages`` reads images and scanned PDFs, ``clean`` straightens and evens them, ``ocr`` runs
Tesseract (through tesserocr) and keeps every word's page, box and confidence, ``table`` finds
the list's rows and columns, ``reader`` turns it into a sheet the importer reads like any list,
``store`` keeps the page images and tiles, ``iiif`` publishes them.
"""
