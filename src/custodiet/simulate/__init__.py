"""The synthetic force generator and its ground truth."""

from custodiet.simulate.generator import SimulationSummary, simulate_force

__all__ = ["SimulationSummary", "simulate_force"]
