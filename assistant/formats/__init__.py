"""Format readers: bytes of a PDF, Word, HTML or text file into text lines.

Used by both the inquiry parser (``inquiry/``) and the knowledge base (``kb/documents.py``);
``read.read_bytes`` picks the reader by content, then by suffix. The supported suffixes are
listed once, in ``read.SUFFIXES``.
"""
