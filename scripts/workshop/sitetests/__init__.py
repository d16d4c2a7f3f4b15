"""The engine's tests of a workshop: what must hold for ANY workshop built with this engine.

They read the workshop's configuration and never name its files, objectives, blocks, citation keys or
sentences, so a fork's CI stays green when its content changes and goes red only when something a
reader, a facilitator or a printer relies on is broken. `workshop test` runs them on the workshop in
the working folder (or the one named by WORKSHOP_CONFIG); this repository runs them on its own
workshop as part of `make test`, and tests/test_adapted_workshop.py runs them on a quite different
workshop to prove that they hold.
"""
