"""Cable Archive: turn a pile of US diplomatic cables into a static documentary website."""

__version__ = "0.1.0"
