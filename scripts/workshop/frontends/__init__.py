"""The command-line front ends: each parses its arguments, calls the model and the outputs, and
turns their problems into messages and an exit status (0 done, 1 problems found, 2 cannot run).

May import anything in the package; nothing in the package imports a front end.
"""
