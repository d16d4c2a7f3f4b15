"""The MkDocs plugin `workshop` (plugin.py, its options in config.py) and what it does at each build
event (build.py). May import model/, web/, check/, qa/ and outputs/ (to publish the printed handouts).
Only this layer imports MkDocs' build objects: everything below it works on paths, text and the model."""
