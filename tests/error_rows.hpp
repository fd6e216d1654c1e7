#pragma once
// Error-case tests as tables: one row per bad input, with the whole message it must give.
// A table becomes one parameterised test a row (TEST_P over ::testing::ValuesIn(rows), named
// by row_name), so ctest lists each bad input by its name.
#include <ostream>
#include <string>

#include <gtest/gtest.h>

namespace citytwin::test {

struct ErrorRow {
    std::string name;      // the row's test name (letters, digits, _)
    std::string input;     // the text (or path) given to the reader
    std::string expected;  // the error's what(), whole; "(no error)" for an input that must load
};

inline void PrintTo(const ErrorRow& row, std::ostream* os) { *os << row.name; }
inline std::string row_name(const ::testing::TestParamInfo<ErrorRow>& info) { return info.param.name; }

}  // namespace citytwin::test
