"""Ingest on a Dask cluster: the inputs go out in partitions, workers read and analyse them, and the results
come back to the one process that writes the store.

:mod:`bilateral.cluster.parts` cuts the inputs into partitions and analyses one on a worker;
:mod:`bilateral.cluster.run` connects to a cluster (or starts a local one) and hands the results
back in input order as partitions complete. Linking is a pass of its own once everything is stored.
"""

from bilateral.cluster.parts import Lines, Part, Whole, analyse_partition, partitions
from bilateral.cluster.run import Tally, analysed_on, connect

__all__ = ["Lines", "Part", "Tally", "Whole", "analyse_partition", "analysed_on", "connect", "partitions"]
