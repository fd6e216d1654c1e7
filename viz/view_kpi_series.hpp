#pragma once
// The time series the viewer charts beside the map. A run file's /kpi holds end-of-run scalars
// only, so the charts are the network-wide figures of its own series, one value per frame:
// vehicles on the network, their mean speed, trips arrived per hour, the air field's grid
// mean, the lowest bus voltage and the power into the feeders. A series the file lacks is
// left out.
#include <string>
#include <vector>

namespace citytwin::viz {

struct KpiSeries {
    std::string name, label, units;
    std::vector<double> times, values;   // NaN: no value that frame
};

// Throws io::ReplayError for a file whose series cannot be read.
std::vector<KpiSeries> kpi_series(const std::string& path);

// {"series": [{"name", "label", "units", "times", "values"[, "base_times", "base_values"]}]};
// `base` empty: no base.
std::string kpi_series_json(const std::string& run, const std::string& base);

}  // namespace citytwin::viz
