"""Annual reports: computed from the records, rendered, published; and published reports of
other agencies read back and checked (checker/, which needs no database)."""
