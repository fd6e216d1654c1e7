"""Opens a citytwin XDMF sidecar with ParaView and reads every time step of each block: every
block has points, and every array of it one value per point (point data) or cell (cell data).
ParaView's XDMF reader reports an array it failed to read on stderr only, so the test also
requires that nothing said "Error"."""
import sys

from paraview.simple import UpdatePipeline, XDMFReader, servermanager


def leaves(data):
    if data.IsA("vtkMultiBlockDataSet"):
        for i in range(data.GetNumberOfBlocks()):
            block = data.GetBlock(i)
            if block is not None:
                yield from leaves(block)
    else:
        yield data


reader = XDMFReader(FileNames=[sys.argv[1]])
steps = reader.TimestepValues
if not steps:
    sys.exit("no time steps")
arrays = 0
for t in steps:
    UpdatePipeline(time=t, proxy=reader)
    data = servermanager.Fetch(reader)
    if data.GetNumberOfBlocks() < 1:
        sys.exit("no blocks at %s" % t)
    for leaf in leaves(data):
        for kind, values, n in (("point", leaf.GetPointData(), leaf.GetNumberOfPoints()),
                                ("cell", leaf.GetCellData(), leaf.GetNumberOfCells())):
            for a in range(values.GetNumberOfArrays()):
                array = values.GetArray(a)
                if array.GetNumberOfTuples() != n:
                    sys.exit("at %s the %s array %s has %d values for %d %ss" %
                             (t, kind, array.GetName(), array.GetNumberOfTuples(), n, kind))
                arrays += 1
print("%d time steps read, %d arrays" % (len(steps), arrays))
