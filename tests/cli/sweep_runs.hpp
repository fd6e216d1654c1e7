#pragma once
// What the sweep command-line tests share: the 2 x 3 x 5 arterial sweep, a check that two
// folders of member outputs hold the same members with identical datasets, and CSV rows.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/demo_runs.hpp"
#include "tests/io/sweep/sweep_test_files.hpp"

namespace citytwin::testing {

// Main Street's green at A (2) x demand levels (3) x 5 seeds = 30 members of 30 simulated minutes.
inline std::string arterial_sweep(const std::string& name) {
    return write_sweep(name, "citytwin_sweep: 1\n" + arterial_base() +
                                 "parameters:\n"
                                 "  network.signals[A].phases.0.duration: [40 s, 30 s]\n"
                                 "  interventions:\n"
                                 "    - [{id: demand, at: 0 s, demand: {scale: 0.8}}]\n"
                                 "    - []\n"
                                 "    - [{id: demand, at: 0 s, demand: {scale: 1.2}}]\n"
                                 "replications: 5\nseed: 11\n");
}

// Every member output in `reference` is in `other` with the same datasets; returns how many.
inline std::size_t expect_same_outputs(const std::string& reference, const std::string& other) {
    std::size_t compared = 0;
    for (const auto& entry : std::filesystem::directory_iterator(reference)) {
        if (entry.path().extension() != ".h5" || entry.path().stem().string().find('.') != std::string::npos) continue;
        const std::string name = entry.path().filename().string();
        EXPECT_TRUE(std::filesystem::exists(other + "/" + name)) << name;
        EXPECT_EQ(differences(entry.path().string(), other + "/" + name), "");
        ++compared;
    }
    return compared;
}

// The fields of each line of a CSV text (quoted fields may hold commas, not line breaks).
inline std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> row;
        std::string field;
        bool quoted = false;
        for (char c : line) {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) {
                row.push_back(field);
                field.clear();
            } else field += c;
        }
        row.push_back(field);
        rows.push_back(row);
    }
    return rows;
}

}  // namespace citytwin::testing
