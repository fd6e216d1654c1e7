#pragma once
// What `citytwin compare` refuses: inputs that cannot be compared (different networks, a file
// that is not a finished run, a malformed assertion, an unknown KPI). Bad input, so exit 2;
// derived from std::invalid_argument as the other bad-input errors of the program are.
#include <stdexcept>

namespace citytwin::io {

class CompareError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

}  // namespace citytwin::io
