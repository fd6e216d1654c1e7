// `citytwin render RUN.h5 --layer L [--at TIME] -o map.png`, or `--from T --to T --fps N -o
// video.mp4|video.webm|frames/`: maps of a run, its difference from a base run, or a difference
// file (docs/visualisation.md).
#include <iostream>

#include "io/output/output_error.hpp"
#include "io/output/replay_file.hpp"
#include "sim/cli/commands.hpp"
#include "viz/render_map.hpp"

namespace citytwin::cli {

int render_command(const viz::RenderRequest& o) {
    try {
        const viz::RenderResult done = viz::render(o);
        if (done.frames == 1) std::cerr << "citytwin: wrote " << o.output << " (" << done.first_clock << ")\n";
        else
            std::cerr << "citytwin: wrote " << o.output << ": " << done.frames << " frames, " << done.first_clock << " ... "
                      << done.last_clock << "\n";
        return 0;
    } catch (const io::ReplayError& e) {  // the file, a layer, a time or the output named wrong
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 2;
    } catch (const io::OutputError& e) {  // HDF5 refused to read what the checks let through
        std::cerr << "citytwin: error: run file '" << o.run << "': unreadable: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace citytwin::cli
