"""The law as data and functions. Pure Python: nothing in this package imports Django."""
