"""hiptimer: a hands-free, follow-along timer for a hip mobility program."""

__version__ = "0.1.0"
