// `citytwin info`: a human or JSON summary of a run file or a checkpoint.
#include <iostream>
#include <limits>

#include "io/checkpoint/checkpoint_info_format.hpp"
#include "io/output/run_reader.hpp"
#include "io/scenario/text_file.hpp"
#include "sim/cli/commands.hpp"

namespace citytwin::cli {

int info_command(const std::string& file, bool json) {
    // HDF5 would wait on a pipe for ever, and read a device without end: refused first, as bad
    // input (no size limit: run files are as large as their runs).
    if (const auto problem = io::input_file_problem(file, std::numeric_limits<std::uintmax_t>::max())) {
        std::cerr << "citytwin: error: " << file << ": cannot read the file: " << *problem << "\n";
        return 2;
    }
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
