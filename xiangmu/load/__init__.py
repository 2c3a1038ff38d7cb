"""Loading into the warehouse: raw e-paper staging and extracted facts."""
