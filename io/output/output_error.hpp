#pragma once
// The one exception type of io/output: anything that goes wrong creating, writing or reading
// a run file. Messages name the file and, where HDF5 failed, HDF5's own reason.
#include <stdexcept>
#include <string>

namespace citytwin::io {

class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace citytwin::io
