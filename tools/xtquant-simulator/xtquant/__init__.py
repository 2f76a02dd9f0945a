"""Simulated xtquant (stdlib only), shipped with Quote Platform.

Only ``xtquant.xtdata`` is simulated. Put this folder on the module search path instead of the real
xtquant (Linux development and tests); on Windows beside a QMT terminal the real package is used.
"""
