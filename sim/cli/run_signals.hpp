#pragma once
// SIGTERM, SIGINT and SIGUSR1 during a run: the first asks the engine to finish its step,
// write a checkpoint and stop (what `sbatch --signal=B:USR1@300 --requeue` relies on); a
// second one, while that is under way, ends the process at once with 128 + the signal, and
// the previous checkpoint stays valid (checkpoints are renamed into place only when complete).
#include <csignal>

namespace citytwin::cli {

class RunSignals {
public:
    RunSignals();    // installs the handlers
    ~RunSignals();   // restores the previous ones
    RunSignals(const RunSignals&) = delete;
    RunSignals& operator=(const RunSignals&) = delete;

    // Non-zero (the signal number) once a signal arrived.
    static const volatile std::sig_atomic_t* flag();

private:
    struct sigaction old_[3];
};

}  // namespace citytwin::cli
