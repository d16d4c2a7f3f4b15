"""The workshop site's package. Its layers, each importing only those before it:

model -> web -> check -> qa -> outputs -> plugin -> frontends (the command-line front ends, with
cli.py and command.py). tests/test_layers.py checks that nothing imports upwards and that there
is no import circle.
"""
