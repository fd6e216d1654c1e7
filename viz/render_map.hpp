#pragma once
// `citytwin render`: one PNG of a run at a time, or its frames over a period as PNG files or a
// video. Bad input (file, layer, time, output) throws io::ReplayError; a failure while writing
// throws std::runtime_error.
#include <string>
#include <vector>

namespace citytwin::viz {

struct RenderRequest {
    std::string run;                  // run file or difference file
    std::string base;                 // --diff: values are run - base
    std::vector<std::string> layers;  // at least one
    std::string at;                   // one picture at this time (default: the last frame)
    std::string from, to;             // an animation over [from, to] (default: all frames)
    std::string vehicles_by = "speed";   // or "type"
    double fps = 10.0;
    int width = 1280;
    std::string output;               // .png, .mp4, .webm, or a folder (ends with / or exists)
};

struct RenderResult {
    std::size_t frames = 0;
    std::string first_clock, last_clock;
};

RenderResult render(const RenderRequest& request);

}  // namespace citytwin::viz
