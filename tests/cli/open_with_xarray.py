"""Opens every group of a citytwin run file with xarray (h5netcdf engine) and checks that each
time axis decodes to dates. Exit 0: all open; 1: a group failed; 77: xarray/h5netcdf missing."""
import sys

try:
    import h5py
    import numpy as np
    import xarray as xr
    import h5netcdf  # noqa: F401
except ImportError as e:
    print("skipped: " + str(e))
    sys.exit(77)

path = sys.argv[1]
groups = ["/"]
with h5py.File(path, "r") as f:
    f.visit(lambda name: groups.append(name) if isinstance(f[name], h5py.Group) else None)
failed = 0
for g in groups:
    try:
        ds = xr.open_dataset(path, group=g, engine="h5netcdf")
        if "time" in ds.variables and not np.issubdtype(ds["time"].dtype, np.datetime64):
            raise ValueError("time is %s, not decoded to datetime64" % ds["time"].dtype)
        ds.close()
    except Exception as e:  # report every group, then fail
        failed += 1
        print("FAIL %s: %s: %s" % (g, type(e).__name__, e))
print("%d groups, %d failed" % (len(groups), failed))
sys.exit(1 if failed else 0)
