"""The checker: every rule applied to the model, and its reports. May import model/ and web/ (for the names of the markers)."""
