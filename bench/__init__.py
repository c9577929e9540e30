"""Benchmarks, run by `make bench`; never timed inside tests."""
