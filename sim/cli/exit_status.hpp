#pragma once
// The exit status every command ends with: 0 success, 1 a failure while running (device,
// output), 2 bad input (a scenario or input-file error, an invalid argument). The message goes
// to stderr as "citytwin: error: ...". A run stopped by SIGTERM, SIGINT or SIGUSR1 after
// writing its checkpoint exits with kExitCheckpointed (75, EX_TEMPFAIL: "try again later").
#include <iostream>
#include <new>
#include <stdexcept>

#include "io/checkpoint/checkpoint_file.hpp"
#include "sim/core/scenario_error.hpp"
#include "sim/core/state_archive.hpp"

namespace citytwin::cli {

inline constexpr int kExitCheckpointed = 75;

template <class Body>
int exit_status_of(Body&& body) {
    try {
        return body();
    } catch (const sim::ScenarioError& e) {
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 2;
    } catch (const io::CheckpointError& e) {
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 2;
    } catch (const sim::StateMismatch& e) {
        std::cerr << "citytwin: error: the checkpoint does not fit this run: " << e.what() << "\n";
        return 2;
    } catch (const std::invalid_argument& e) {
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 2;
    } catch (const std::bad_alloc&) {
        // The limits of docs/scenario-format.md §3.1 keep every size a scenario names below what
        // a workstation holds; one that still does not fit this machine is said so in words.
        std::cerr << "citytwin: error: out of memory: this machine cannot hold what the scenario asks for; "
                     "reduce its demand, network or air grid (docs/scenario-format.md §3.1)\n";
        return 1;
    } catch (const std::length_error&) {
        std::cerr << "citytwin: error: out of memory: a table the scenario asks for is larger than this "
                     "machine can address; reduce its demand, network or air grid (docs/scenario-format.md §3.1)\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace citytwin::cli
