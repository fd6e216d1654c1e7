#pragma once
// What a checkpoint shows of the state it holds, for its XDMF sidecar (ParaView): the network,
// the vehicles and the air's concentration fields at the checkpoint's time. The state itself
// is under /state; this is a picture of it, read by nobody who restores.
#include <optional>

#include "sim/core/air_records.hpp"
#include "sim/core/run_records.hpp"

namespace citytwin::sim {

struct StateView {
    NetworkGeometry network;
    VehicleFrame vehicles;          // the running vehicles
    std::optional<AirFrame> air;    // concentrations only; absent without an air model
};

}  // namespace citytwin::sim
