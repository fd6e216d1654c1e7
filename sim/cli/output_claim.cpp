#include "sim/cli/output_claim.hpp"

#include <sys/stat.h>

#include <iostream>
#include <stdexcept>

#include "io/checkpoint/checkpoint_file.hpp"

namespace citytwin::cli {

io::OutputLock claim_output(const std::string& output, bool overwrite, bool resuming_own, bool quiet) {
    io::OutputLock lock = io::OutputLock::claim(output, overwrite, resuming_own);
    if (!quiet && !lock.replaced().empty())
        std::cerr << "citytwin: replacing " << output << ", " << lock.replaced() << "\n";
    return lock;
}

void check_checkpoint_file(const std::string& checkpoint, const std::string& own_run_id, bool overwrite) {
    struct stat st {};
    if (overwrite || ::stat(checkpoint.c_str(), &st) != 0 || st.st_size == 0) return;
    const auto owner = io::checkpoint_output_run_id(checkpoint);
    if (owner && !own_run_id.empty() && *owner == own_run_id) return;
    throw std::invalid_argument("checkpoint file '" + checkpoint + "' already holds " +
                                (owner ? std::string("a checkpoint of another run (continue it with: citytwin resume ") +
                                             checkpoint + ")"
                                       : std::string("a file that is not this run's checkpoint")) +
                                "; pass --overwrite (or set outputs.overwrite: true) to replace it, or name "
                                "another with --checkpoint FILE. Nothing was changed");
}

}  // namespace citytwin::cli
