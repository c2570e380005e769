"""bilateral: a source-cited record of events between countries, from news."""

__version__ = "0.1.0"
