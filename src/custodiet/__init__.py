"""custodiet: counter-corruption software for police anti-corruption units."""

__version__ = "0.1.0"
