"""The reference data files (YAML); a package so that they ship with the wheel."""
