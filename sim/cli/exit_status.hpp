#pragma once
// The exit status every command ends with: 0 success, 1 a failure while running (device,
// output), 2 bad input (a scenario or input-file error, an invalid argument). The message goes
// to stderr as "citytwin: error: ...".
#include <iostream>
#include <stdexcept>

#include "sim/core/scenario_error.hpp"

namespace citytwin::cli {

template <class Body>
int exit_status_of(Body&& body) {
    try {
        return body();
    } catch (const sim::ScenarioError& e) {
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 2;
    } catch (const std::invalid_argument& e) {
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "citytwin: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace citytwin::cli
