"""The MkDocs hook adapter: what overrides/hooks/workshop_hook.py calls at each build event. May import model/, web/, check/, qa/ and outputs/ (to publish the printed handouts)."""
