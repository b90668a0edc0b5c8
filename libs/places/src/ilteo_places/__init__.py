"""Incheon's current districts: boundaries, names, codes and the crosswalk from old ones."""
