// `citytwin info`: a human or JSON summary of a run file.
#include <iostream>

#include "io/output/run_reader.hpp"
#include "sim/cli/commands.hpp"

namespace citytwin::cli {

int info_command(const std::string& file, bool json) {
    try {
        const io::RunSummary s = io::read_run_summary(file);
        std::cout << (json ? io::format_info_json(s) : io::format_info_text(s)) << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace citytwin::cli
