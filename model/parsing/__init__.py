"""Parsing in worker processes: a pool of processes that each read one file at a time under a
memory and a time limit (``pool``, ``worker``, ``limits``), the messages that cross the process
boundary (``job``), and a cache of parsed files keyed by content and parser version (``cache``).

Plain Python: the window and the headless export both use it; results come back as plain data.
"""
