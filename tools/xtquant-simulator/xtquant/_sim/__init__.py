"""Internals of the simulated xtdata: settings, code universe, market model, feed thread, frames."""
