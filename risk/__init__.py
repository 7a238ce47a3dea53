"""Risk scores from vital signs: NEWS2 and qSOFA computed exactly, and the sepsis early-warning model."""
