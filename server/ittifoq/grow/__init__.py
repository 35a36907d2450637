"""Growing the graph: ingest a new document, suggest candidate facts with evidence, review them.

Candidates live outside the published graph (``data/candidates/``); only a curator's
acceptance turns one into ordinary Turtle in ``data/facts/``.
"""
