"""Reference data of zjtx: Jiangsu's region tree, GB/T 4754-2017 industries, cluster lists and
the 吴江区 2022-2024 targets, as plain YAML files under ``reference/data`` plus a framework-free,
validating loader (``reference.catalogue``). The portal loads these into its database; nothing
here imports Django.
"""
