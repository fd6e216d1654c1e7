#include "sim/core/omp_wait.hpp"

#include <unistd.h>

#include <cstdlib>

namespace citytwin::sim {

void default_passive_omp_wait(char** argv) {
    if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
    setenv("OMP_WAIT_POLICY", "passive", 1);
    execv("/proc/self/exe", argv);  // returns only on failure: then carry on as we are
}

}  // namespace citytwin::sim
