"""zjtx command line: everything a person runs goes through `zjtx`."""
