#pragma once
// The /air group of a run file (docs/output-format.md): grid coordinates as dimension scales,
// concentration and emission fields per pollutant as (time, y, x), and the weather the model
// used, one row per output interval. Created on the first air frame.
#include <map>
#include <string>

#include "io/output/h5_datasets.hpp"
#include "io/output/h5_handles.hpp"
#include "sim/core/air_records.hpp"

namespace citytwin::io {

class AirDatasets {
public:
    AirDatasets(hid_t file, const sim::AirFrame& first);
    void append(const sim::AirFrame& frame);

private:
    struct Field3 {
        h5::Handle dataset;
        hsize_t rows = 0;
    };
    Field3 create_field(hid_t group, const sim::AirField& f);
    void append_field(Field3& field, const sim::AirField& f);

    sim::AirGridInfo grid_;
    h5::Handle group_, concentration_, emission_, weather_, x_, y_;
    h5::ExtendableDataset time_, wind_speed_, wind_from_, mixing_height_, diffusivity_;
    std::map<std::string, Field3> concentration_fields_, emission_fields_;
};

}  // namespace citytwin::io
