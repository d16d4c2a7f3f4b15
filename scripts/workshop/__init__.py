"""The workshop site's model and checks, shared by the scripts and the MkDocs hook."""
