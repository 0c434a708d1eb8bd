"""Illustrative structures for which no public data exists: every row is flagged illustrative=True.

Text says it is an illustrative example; money figures and modelled impacts are invented for the demo;
metric values appear only where read from the shipped CSV (never here).
"""
