// `citytwin view RUN.h5 [--compare BASE.h5] [--port P]`: the browser viewer
// (docs/visualisation.md, "Browser viewer").
#include <iostream>

#include "io/output/output_error.hpp"
#include "io/output/replay_file.hpp"
#include "sim/cli/commands.hpp"

namespace citytwin::cli {

int view_command(const viz::ViewRequest& r) {
    try {
        viz::serve_view(r);
        return 0;
    } catch (const io::ReplayError& e) {  // a file that is not a readable run
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 2;
    } catch (const io::OutputError& e) {
        std::cerr << "citytwin: error: run file '" << r.run << "': unreadable: " << e.what() << "\n";
        return 2;
    } catch (const std::invalid_argument& e) {
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {  // the port is taken
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace citytwin::cli
