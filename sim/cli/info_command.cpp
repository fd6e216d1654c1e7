// `citytwin info`: a human or JSON summary of a run file or a checkpoint.
#include <iostream>

#include "io/checkpoint/checkpoint_info_format.hpp"
#include "io/output/run_reader.hpp"
#include "sim/cli/commands.hpp"

namespace citytwin::cli {

int info_command(const std::string& file, bool json) {
    try {
        if (io::is_checkpoint_file(file)) {
            const io::CheckpointReader ck(file);
            std::cout << (json ? io::format_checkpoint_json(ck) : io::format_checkpoint_text(ck)) << "\n";
            return 0;
        }
        const io::RunSummary s = io::read_run_summary(file);
        std::cout << (json ? io::format_info_json(s) : io::format_info_text(s)) << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace citytwin::cli
