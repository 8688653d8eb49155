"""The web UI (gradio): login, drafting, review, knowledge base, overview, audit trail.

``app`` builds the page and wires events; ``actions`` holds what the events do
(role checks happen in the review workflow); ``render`` turns values into
Markdown/HTML; ``kb_admin`` changes knowledge-base files safely.
"""
