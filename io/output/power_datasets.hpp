#pragma once
// The power part of a run file: the grid once under /grid, and per power step the bus, branch
// and feeder series under /power (docs/output-format.md). Used by RunFile on the writer thread.
#include <memory>

#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "sim/power/power_records.hpp"

namespace citytwin::io {

class PowerDatasets {
public:
    // Creates /grid (written in full) and the empty, growable /power datasets.
    PowerDatasets(hid_t file, const sim::PowerGrid& grid);
    void append(const sim::PowerFrame& frame);

    std::size_t buses() const { return buses_; }
    std::size_t branches() const { return branches_; }
    std::size_t feeders() const { return feeders_; }

private:
    std::size_t buses_ = 0, branches_ = 0, feeders_ = 0;
    h5::ExtendableDataset time_, interval_, temperature_, irradiance_;
    h5::ExtendableDataset v_, p_, q_, p_base_, p_temperature_, p_ev_, p_pv_;
    h5::ExtendableDataset current_, loading_, loss_;
    h5::ExtendableDataset head_p_, head_q_, transformer_loading_, iterations_, converged_;
};

}  // namespace citytwin::io
