"""Opens a citytwin XDMF sidecar with ParaView and reads every time step of each block."""
import sys

from paraview.simple import UpdatePipeline, XDMFReader, servermanager

reader = XDMFReader(FileNames=[sys.argv[1]])
steps = reader.TimestepValues
if not steps:
    sys.exit("no time steps")
for t in steps:
    UpdatePipeline(time=t, proxy=reader)
    data = servermanager.Fetch(reader)
    if data.GetNumberOfBlocks() < 1:
        sys.exit("no blocks at %s" % t)
print("%d time steps read" % len(steps))
