"""nianbao: parse and lint Chinese government information-disclosure annual reports (年报)."""

__version__ = "0.1.0"
