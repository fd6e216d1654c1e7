#pragma once
// Idle OpenMP threads should sleep, not spin: a traffic step launches many short kernels, and
// spinning workers between them starve the thread with work whenever runnable threads
// outnumber cores (the HDF5 writer, a second run, other programs): a 4 s run was seen to take
// over 2 minutes on 2 cores. libgomp reads OMP_WAIT_POLICY once, when it is loaded, so a
// program sets the default by starting itself again with it; a value the user set is kept.
namespace citytwin::sim {

// Call first thing in main(). Returns only if the policy was already set or exec failed.
void default_passive_omp_wait(char** argv);

}  // namespace citytwin::sim
